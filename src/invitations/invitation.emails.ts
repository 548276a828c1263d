import type { MailMessage } from '../mail/mail.types';
import { renderEmailHtml } from '../mail/mail-templates';

export interface InvitationEmailInput {
  to: string;
  name: string;
  invitedBy: string;
  title: string;
  skills: string[];
  questionCount: number;
  minutes: number;
  link: string;
  expiresAt: number;
  /** A reminder to someone who has not started. */
  reminder?: boolean;
  /** This link replaces one sent earlier, which no longer works. */
  replacesEarlier?: boolean;
}

/** Says who invites, what it covers, how long it takes, until when, and the link; nothing else. */
export async function invitationEmail(input: InvitationEmailInput): Promise<MailMessage> {
  const deadline = formatUtc(input.expiresAt);
  const subject = input.reminder
    ? `Reminder: your skills assessment for ${input.title}`
    : `Your skills assessment for ${input.title}`;
  const intro = input.reminder
    ? `A reminder: ${input.invitedBy} invited you to a short skills assessment for ${input.title}, and you have not started it yet.`
    : `${input.invitedBy} invited you to a short skills assessment for ${input.title}.`;
  const text = [
    `Hello ${input.name},`,
    '',
    intro,
    '',
    `It covers: ${input.skills.join(', ')}.`,
    `It has ${input.questionCount} questions and takes up to ${input.minutes} minutes once you start. Your answers save as you go.`,
    '',
    'Open the assessment:',
    input.link,
    '',
    `The link works until ${deadline} (UTC). Start whenever suits you before then.`,
    ...(input.replacesEarlier
      ? ['', 'Earlier links to this assessment no longer work; use this one.']
      : []),
  ].join('\n');
  const html = await renderEmailHtml('invitation', {
    ...input,
    subject,
    deadline,
    reminder: input.reminder ?? false,
    replacesEarlier: input.replacesEarlier ?? false,
  });
  return { to: input.to, subject, text, html };
}

function formatUtc(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ');
}
