import type { MailMessage } from '../mail/mail.types';

export function inviteEmail(input: {
  to: string;
  name: string;
  invitedBy: string;
  link: string;
  validDays: number;
}): MailMessage {
  return {
    to: input.to,
    subject: 'You have been invited to skillscreen',
    text: [
      `Hello ${input.name},`,
      '',
      `${input.invitedBy} invited you to skillscreen, where your team builds and reviews candidate assessments.`,
      'Choose your password to activate your account:',
      '',
      input.link,
      '',
      `The link works once and expires in ${input.validDays} days.`,
    ].join('\n'),
  };
}
