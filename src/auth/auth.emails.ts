import type { MailMessage } from '../mail/mail.types';

export function passwordResetEmail(input: {
  to: string;
  name: string;
  link: string;
  validMinutes: number;
}): MailMessage {
  return {
    to: input.to,
    subject: 'Reset your skillscreen password',
    text: [
      `Hello ${input.name},`,
      '',
      'Someone asked to reset the password of your skillscreen account. If it was you, choose a new one here:',
      '',
      input.link,
      '',
      `The link works once and expires in ${input.validMinutes} minutes. If you did not ask, ignore this email: your password stays as it is.`,
    ].join('\n'),
  };
}
