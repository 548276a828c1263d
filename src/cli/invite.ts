import { z } from 'zod';
import type { Actor } from '../audit/actor';
import { inviteSchema } from '../invitations/invitations.schemas';
import { CliUsageError, openCliContext, parseFlags, runCli } from './context';

const USAGE =
  'usage: npm run invite -- --assessment <id> --name <name> --email <email> [--extra-time <percent>]';

const argsSchema = inviteSchema.pick({ name: true, email: true, extraTimePercent: true }).extend({
  assessment: z.coerce
    .number({ invalid_type_error: 'Give the id of an assessment, a number.' })
    .int('Give the id of an assessment, a whole number.')
    .positive('Give the id of an assessment, a whole number.'),
});

/**
 * npm run invite: invites one candidate as the hiring manager's form does (the same email and
 * audit entry), acting as the assessment's owner. Prints the invitation id and link as JSON.
 */
runCli(async () => {
  const args = parseFlags(
    {
      assessment: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      'extra-time': { type: 'string' },
    },
    argsSchema,
    USAGE,
    { 'extra-time': 'extraTimePercent' },
  );
  const { db, services } = await openCliContext();
  try {
    const assessment = await services.assessments.forCandidates(args.assessment);
    if (!assessment) throw new CliUsageError(`There is no assessment with id ${args.assessment}.`);
    const owner = await services.users.get(assessment.ownerId);
    const actor: Actor = { id: owner.id, name: owner.name, ip: 'cli' };
    const { invitation, link } = await services.invitations.invite(actor, owner, assessment.id, {
      name: args.name,
      email: args.email,
      extraTimePercent: args.extraTimePercent,
    });
    console.log(JSON.stringify({ invitationId: invitation.id, link }));
  } finally {
    await db.destroy();
  }
});

/** The service's refusals (not open, already invited...) are the message, not a stack trace. */
