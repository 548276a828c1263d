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
