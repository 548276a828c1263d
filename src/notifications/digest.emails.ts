import type { MailMessage } from '../mail/mail.types';
import { renderEmailHtml } from '../mail/mail-templates';
import type { FinishedCandidate } from './submission-digest.repository';

export interface SubmissionDigestInput {
  to: string;
  ownerName: string;
  title: string;
  candidates: FinishedCandidate[];
  /** No digest went out before: the list covers everyone since the assessment opened. */
  first: boolean;
  reportLink: string;
  candidatesLink: string;
}

/** Who finished and where to look; never scores or answers, which stay behind sign-in. */
export async function submissionDigestEmail(input: SubmissionDigestInput): Promise<MailMessage> {
  const count = input.candidates.length;
  const finished = `${count} ${count === 1 ? 'candidate' : 'candidates'} finished`;
  const subject = `${input.title}: ${finished}`;
  const since = input.first ? 'since it opened' : 'since the last email about it';
  const intro = `${finished} "${input.title}" ${since}:`;
  const names = input.candidates.map(
    (candidate) => `${candidate.name}${candidate.timedOut ? ' (time ran out)' : ''}`,
  );
  const text = [
    `Hello ${input.ownerName},`,
    '',
    intro,
    '',
    ...names.map((name) => `- ${name}`),
    '',
    'See how they did:',
    input.reportLink,
    '',
    'All candidates of this assessment:',
    input.candidatesLink,
    '',
    'You get at most one of these emails an hour for each assessment.',
  ].join('\n');
  const html = await renderEmailHtml('submission-digest', { ...input, subject, intro, names });
  return { to: input.to, subject, text, html };
}
