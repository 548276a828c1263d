import fs from 'node:fs';
import { z } from 'zod';
import type { AssessmentsService } from '../assessments/assessments.service';
import { newAssessmentSchema, settingsSchema } from '../assessments/assessments.schemas';
import type { Actor } from '../audit/actor';
import { emailField } from '../users/users.schemas';
import type { StaffUser } from '../users/users.types';
import { CliUsageError, openCliContext, parseFlags, runCli } from './context';

const USAGE =
  'usage: npm run assessment:create -- --jd <file> --owner <email> [--title <t>] [--minutes <m>] [--open]';

const argsSchema = z.object({
  jd: z.string({ required_error: 'Give the job description file.' }).min(1),
  owner: emailField,
  title: newAssessmentSchema.shape.title,
  minutes: settingsSchema.innerType().shape.timeLimitMinutes.optional(),
  open: z.boolean().default(false),
});
type Args = z.infer<typeof argsSchema>;

/**
 * npm run assessment:create: an assessment built from a job description with the builder's
 * defaults (each line's best banks, default counts and settings), as JSON on stdout. All of it
 * happens in one transaction, so a refusal (too few questions to open, say) leaves nothing behind.
 */
runCli(async () => {
  const args = parseFlags(
    {
      jd: { type: 'string' },
      owner: { type: 'string' },
      title: { type: 'string' },
      minutes: { type: 'string' },
      open: { type: 'boolean' },
    },
    argsSchema,
    USAGE,
  );
  const text = readDescription(args.jd);
  const { db, services } = await openCliContext();
  try {
    const owner = await services.users.findActiveByEmail(args.owner);
    if (!owner)
      throw new CliUsageError(`No active hiring manager or admin has the email ${args.owner}.`);
    const actor: Actor = { id: owner.id, name: owner.name, ip: 'cli' };
    const created = await services.uow.transaction(() =>
      build(services.assessments, actor, owner, { ...args, text }),
    );
    console.log(JSON.stringify(created, null, 2));
  } finally {
    await db.destroy();
  }
});

async function build(
  assessments: AssessmentsService,
  actor: Actor,
  owner: StaffUser,
  input: Args & { text: string },
) {
  const id = await assessments.createFromDescription(actor, owner, {
    title: input.title,
    text: input.text,
  });
  if (input.minutes !== undefined) await setMinutes(assessments, actor, owner, id, input.minutes);
  if (input.open) await assessments.open(actor, owner, id);
  const { assessment, skills } = await assessments.detail(owner, id);
  return {
    id,
    title: assessment.title,
    status: assessment.status,
    minutes: assessment.timeLimitMinutes,
    skills: skills.map((s) => ({ skill: s.skill, questions: s.questionCount })),
  };
}

/** Saves the time limit, every other setting as the builder chose it. */
async function setMinutes(
  assessments: AssessmentsService,
  actor: Actor,
  owner: StaffUser,
  id: number,
  minutes: number,
): Promise<void> {
  const { assessment, skills } = await assessments.detail(owner, id);
  await assessments.saveSettings(actor, owner, id, {
    title: assessment.title,
    timeLimitMinutes: minutes,
    passThreshold: assessment.passThreshold,
    difficultyMin: assessment.difficultyMin,
    difficultyMax: assessment.difficultyMax,
    shuffle: assessment.shuffle,
    showResults: assessment.showResults,
    skills: skills.map(({ skill, questionCount, weight, passThreshold }) => ({
      skill,
      questionCount,
      weight,
      passThreshold,
    })),
  });
}

function readDescription(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new CliUsageError(`Cannot read the job description file ${file}.`);
  }
}

/** The builder's refusals are the message, not a stack trace. */
