import crypto from 'node:crypto';
import pino from 'pino';
import { z } from 'zod';
import { suggestTimeLimit } from '../assessments/assessment-rules';
import type { AssessmentsService } from '../assessments/assessments.service';
import { seededRng, type Rng } from '../assessments/draw';
import type { Actor } from '../audit/actor';
import { importShippedBanks } from '../banks/shipped-banks';
import { ValidationError } from '../http/errors';
import type { JdSection } from '../jd/jd-parser';
import type { ClientInfo } from '../quiz/quiz.types';
import type { Services } from '../services';
import type { StaffUser } from '../users/users.types';
import { openCliContext, parseFlags, runCli } from './context';
import { demoAnswer, demoCandidates, skippedNumbers, type DemoCandidate } from './demo-answers';
import { DEMO_JOB_DESCRIPTION } from './demo-job-description';

const USAGE = 'usage: npm run seed:demo -- [--candidates <n>] [--seed <s>]';

const argsSchema = z.object({
  candidates: z.coerce
    .number({ invalid_type_error: 'Give a whole number of candidates.' })
    .int('Give a whole number of candidates.')
    .min(1, 'Give at least 1 candidate.')
    .max(1_000, 'Give at most 1000 candidates.')
    .default(60),
  seed: z.coerce
    .number({ invalid_type_error: 'Give a whole number as the seed.' })
    .int('Give a whole number as the seed.')
    .min(0, 'Give a whole number from 0 as the seed.')
    .max(2 ** 32 - 1, 'Give a seed below 4294967296.')
    .default(1),
});

/** Questions per skill: modest, so each candidate answers about thirty. */
const DEMO_COUNTS: Record<JdSection, number> = {
  required: 3,
  responsibility: 3,
  nice_to_have: 2,
  other: 2,
};
const DEMO_EMAIL_DOMAIN = 'example.test';
const MANAGER_EMAIL = /^demo-manager-(\d+)@example\.test$/;
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
];

/**
 * npm run seed:demo: a hiring manager, an open assessment built from a sample job description,
 * and candidates who took it, so the reports have data to show. It only adds: on a database in
 * use, existing rows stay as they are. Everything goes through the services, as the web app
 * would do it (audit entries and invitation emails in the outbox included). Progress goes to
 * stderr; the last line of stdout is JSON with the manager's sign-in.
 */
runCli(async () => {
  const args = parseFlags(
    { candidates: { type: 'string' }, seed: { type: 'string' } },
    argsSchema,
    USAGE,
  );
  const { db, config, services } = await openCliContext();
  try {
    const progress = (message: string) => console.error(`seed:demo: ${message}`);
    const logger = pino(
      { level: config.logLevel === 'info' ? 'warn' : config.logLevel },
      pino.destination(2),
    );
    await importShippedBanks(services.banks, logger);
    const rng = seededRng(args.seed);
    const people = demoCandidates(args.candidates, rng);

    const { manager, password, number, assessmentId, links } = await services.uow.transaction(
      async () => {
        const created = await createManager(services);
        const actor: Actor = { id: created.manager.id, name: created.manager.name, ip: 'cli' };
        const id = await buildAssessment(
          services.assessments,
          actor,
          created.manager,
          created.number,
        );
        const invited = await services.invitations.inviteMany(
          actor,
          created.manager,
          id,
          people.map((person, i) => ({
            name: person.name,
            email: `demo-${created.number}-${i + 1}@${DEMO_EMAIL_DOMAIN}`,
          })),
        );
        return { ...created, assessmentId: id, links: invited.map((i) => i.link) };
      },
    );
    progress(`created ${manager.email} and assessment ${assessmentId}; invited ${links.length}.`);

    for (const [i, person] of people.entries()) {
      const candidateRng = seededRng((args.seed * 7919 + i + 1) >>> 0);
      // One transaction per candidate: one commit (and fsync) instead of one per answer.
      await services.uow.transaction(() =>
        takeQuiz(services, tokenOf(links[i] ?? ''), person, clientFor(number, i), candidateRng),
      );
      if ((i + 1) % 10 === 0 || i + 1 === people.length)
        progress(`${i + 1} of ${people.length} candidates submitted.`);
    }
    progress(`sign in at ${config.baseUrl}/ with the email and password below.`);
    const users = await services.users.list();
    if (!users.some((user) => user.role === 'admin' && !user.disabledAt))
      progress(
        'no admin exists yet: create one with npm run user:create -- --email E --name N --role admin',
      );
    console.log(
      JSON.stringify({
        manager: { email: manager.email, password },
        assessmentId,
        candidates: people.length,
      }),
    );
  } finally {
    await db.destroy();
  }
});

/** A hiring manager demo-manager-<n>@example.test, n one more than any before. */
async function createManager(
  services: Services,
): Promise<{ manager: StaffUser; password: string; number: number }> {
  const taken = (await services.users.list()).map((u) => Number(MANAGER_EMAIL.exec(u.email)?.[1]));
  let number = Math.max(0, ...taken.filter(Number.isFinite)) + 1;
  for (;;) {
    const password = crypto.randomBytes(18).toString('base64url');
    try {
      const manager = await services.users.createWithPassword({
        email: `demo-manager-${number}@${DEMO_EMAIL_DOMAIN}`,
        name: `Demo Manager ${number}`,
        role: 'manager',
        password,
      });
      return { manager, password, number };
    } catch (error) {
      // Another account took the address between the look-up and the insert: take the next.
      if (!(error instanceof ValidationError) || !error.fieldErrors.email) throw error;
      number += 1;
    }
  }
}

/** The builder's proposal from the demo description, with modest counts and a fitting time. */
async function buildAssessment(
  assessments: AssessmentsService,
  actor: Actor,
  owner: StaffUser,
  number: number,
): Promise<number> {
  const id = await assessments.createFromDescription(actor, owner, {
    title: `Demo ${number}: Back-End Web Developer`,
    text: DEMO_JOB_DESCRIPTION,
  });
  const { assessment, skills } = await assessments.detail(owner, id);
  const counted = skills.map((s) => ({
    ...s,
    questionCount: Math.min(s.available, DEMO_COUNTS[s.section]),
  }));
  await assessments.saveSettings(actor, owner, id, {
    title: assessment.title,
    timeLimitMinutes: suggestTimeLimit(counted),
    passThreshold: assessment.passThreshold,
    difficultyMin: assessment.difficultyMin,
    difficultyMax: assessment.difficultyMax,
    shuffle: assessment.shuffle,
    showResults: assessment.showResults,
    skills: counted.map(({ skill, questionCount, weight, passThreshold }) => ({
      skill,
      questionCount,
      weight,
      passThreshold,
    })),
  });
  await assessments.open(actor, owner, id);
  return id;
}

/** One candidate's visit: opens the link, starts, answers page by page, submits. */
async function takeQuiz(
  services: Services,
  token: string,
  person: DemoCandidate,
  client: ClientInfo,
  rng: Rng,
): Promise<void> {
  const { quiz, banks } = services;
  const invitation = await quiz.openLink(token);
  await quiz.start(invitation.id, client);
  const { questions } = await quiz.progress(invitation.id);
  const versions = await banks.findVersions(
    questions.map((q) => ({ id: q.questionId, version: q.version })),
  );
  const skipped = skippedNumbers(questions.length, person.skips, rng);
  for (let number = 1; number <= questions.length; number += 1) {
    const { entry } = await quiz.questionPage(invitation.id, number);
    if (skipped.has(number)) continue;
    const question = versions.get(`${entry.questionId}@${entry.version}`);
    if (!question) throw new Error(`Question ${entry.questionId}@${entry.version} is missing`);
    const answer = demoAnswer(question, entry, person.theta, rng);
    await quiz.saveAnswer(invitation.id, number, answer.fields, {
      client,
      viewingSince: services.clock.now() - answer.timeOnPageMs,
    });
  }
  await quiz.submit(invitation.id);
}

/** The same address and browser for all of one candidate's requests: no integrity signals. */
function clientFor(run: number, index: number): ClientInfo {
  return {
    ip: `198.51.100.${((run * 37 + index) % 254) + 1}`,
    userAgent: USER_AGENTS[index % USER_AGENTS.length] ?? '',
  };
}

function tokenOf(link: string): string {
  const token = link.split('/t/')[1];
  if (!token) throw new Error('An invitation link has no token');
  return token;
}
