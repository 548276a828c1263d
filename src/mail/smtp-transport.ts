import { createTransport } from 'nodemailer';
import type { MailMessage } from './mail.types';

/** Hands one message to a mail server; resolves once the server has accepted it. */
export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

/**
 * Short enough that a stuck server fails the try well within the mail worker's claim lease
 * (CLAIM_LEASE_MS in mail-worker.ts), instead of after nodemailer's default of minutes.
 */
const SMTP_TIMEOUTS_MS = {
  connectionTimeout: 30_000,
  greetingTimeout: 30_000,
  socketTimeout: 60_000,
} as const;

/**
 * Sends through the SMTP server of `smtpUrl` (credentials in the URL; STARTTLS whenever the
 * server offers it, which is nodemailer's default for smtp://). One connection per message: mail
 * here is a trickle of invitations and resets, not a bulk stream worth a pool to manage.
 */
export function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS_MS }, { from });
  return {
    async send(message) {
      await transporter.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
  };
}
