import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { seededRng } from '../../src/assessments/draw';
import type { Actor } from '../../src/audit/actor';
import { importShippedBanks } from '../../src/banks/shipped-banks';
import { demoAnswer } from '../../src/cli/demo-answers';
import { systemClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { createDb, type Db } from '../../src/db/kysely';
import { migrateToLatest } from '../../src/db/migrator';
import { UnitOfWork } from '../../src/db/unit-of-work';
import { QuizRepository } from '../../src/quiz/quiz.repository';
import { buildServices, type Services } from '../../src/services';
import type { StaffUser } from '../../src/users/users.types';

/** Four skills of five questions: the 20-question assessment the load test and bench use. */
const SKILLS = ['owasp', 'session-management', 'git', 'schema-design'];
const PER_SKILL = 5;
export const LOAD_QUESTIONS = SKILLS.length * PER_SKILL;
export const MANAGER_PASSWORD = 'load-test-manager-password';
const CLIENT = { ip: '198.51.100.7', userAgent: 'skillscreen-load-fixture' };
const LOAD_JOB_DESCRIPTION = `Back-end developer

Requirements:
- Secure coding against the OWASP Top 10
- Session management with cookies and tokens
- Git and code versioning
- Relational database schema design`;
/** Attempts taken for real through the services; the rest are copies of them. */
const REAL_ATTEMPTS = 20;

export interface LoadFixture {
  dataDir: string;
  assessmentId: number;
  manager: { email: string; password: string };
  /** Link paths (/t/<token>) of candidates who have not opened their link yet. */
  links: string[];
  /** Their invitation ids, in the same order. */
  invitationIds: number[];
  /** Invitation ids of the submitted attempts, newest last. */
  submitted: number[];
}

/**
 * A data folder for a server process under load: the shipped banks, a manager, an open
 * 20-question assessment built from the demo job description, `candidates` fresh invitations
 * and `submittedAttempts` scored attempts. Written through the services (as the app would),
 * except that submitted attempts beyond the first twenty are row copies of those twenty, so
 * that ten thousand of them take seconds instead of hours.
 */
export async function prepareLoadFixture(options: {
  candidates: number;
  submittedAttempts?: number;
  dataDir?: string;
}): Promise<LoadFixture> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-load-'));
  const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  const db = createDb(config.databaseFile);
  try {
    await migrateToLatest(db);
    const services = buildServices({
      db,
      config,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
    });
    await importShippedBanks(services.banks, pino({ level: 'silent' }));
    const manager = await services.users.createWithPassword({
      email: 'load-manager@example.test',
      name: 'Lena Load',
      role: 'manager',
      password: MANAGER_PASSWORD,
    });
    const actor: Actor = { id: manager.id, name: manager.name, ip: 'fixture' };
    const assessmentId = await openAssessment(services, actor, manager);
    const submitted = await submitAttempts(
      services,
      db,
      actor,
      manager,
      assessmentId,
      options.submittedAttempts ?? 0,
    );
    const invited = await services.invitations.inviteMany(
      actor,
      manager,
      assessmentId,
      Array.from({ length: options.candidates }, (_, i) => ({
        name: `Load Candidate ${i + 1}`,
        email: `load-${i + 1}@example.test`,
      })),
    );
    return {
      dataDir,
      assessmentId,
      manager: { email: manager.email, password: MANAGER_PASSWORD },
      links: invited.map(({ link }) => new URL(link).pathname),
      invitationIds: invited.map(({ invitation }) => invitation.id),
      submitted,
    };
  } finally {
    await db.destroy();
  }
}

async function openAssessment(services: Services, actor: Actor, owner: StaffUser) {
  const { assessments } = services;
  const id = await assessments.createFromDescription(actor, owner, {
    title: 'Back-end developer (load)',
    text: LOAD_JOB_DESCRIPTION,
  });
  await assessments.saveSettings(actor, owner, id, {
    title: 'Back-end developer (load)',
    timeLimitMinutes: 60,
    questionTimeLimitSeconds: null,
    passThreshold: 60,
    difficultyMin: 1,
    difficultyMax: 5,
    shuffle: true,
    showResults: false,
    skills: (await assessments.detail(owner, id)).skills.map(({ skill }) => ({
      skill,
      questionCount: SKILLS.includes(skill) ? PER_SKILL : 0,
      weight: 1,
      passThreshold: 60,
    })),
  });
  await assessments.open(actor, owner, id);
  return id;
}

/** `count` submitted, scored attempts: twenty taken through the services, the rest copied. */
async function submitAttempts(
  services: Services,
  db: Db,
  actor: Actor,
  owner: StaffUser,
  assessmentId: number,
  count: number,
): Promise<number[]> {
  if (count === 0) return [];
  const real = Math.min(count, REAL_ATTEMPTS);
  const invited = await services.invitations.inviteMany(
    actor,
    owner,
    assessmentId,
    Array.from({ length: real }, (_, i) => ({
      name: `Scored Candidate ${i + 1}`,
      email: `scored-${i + 1}@example.test`,
    })),
  );
  const rng = seededRng(11);
  const templates: number[] = [];
  for (const [i, { invitation }] of invited.entries()) {
    await services.uow.transaction(() => takeQuiz(services, invitation.id, (i % 7) / 3 - 1, rng));
    templates.push(invitation.id);
  }
  const copies = await copyAttempts(db, assessmentId, templates, count - real);
  return [...templates, ...copies];
}

async function takeQuiz(
  services: Services,
  invitationId: number,
  theta: number,
  rng = seededRng(1),
) {
  const { quiz, banks } = services;
  await quiz.start(invitationId, CLIENT);
  const { questions } = await quiz.progress(invitationId);
  const versions = await banks.findVersions(
    questions.map((q) => ({ id: q.questionId, version: q.version })),
  );
  for (const entry of questions) {
    const question = versions.get(`${entry.questionId}@${entry.version}`);
    if (!question) throw new Error(`Question ${entry.questionId}@${entry.version} is missing`);
    const answer = demoAnswer(question, entry, theta, rng);
    await quiz.saveAnswer(invitationId, entry.position + 1, answer.fields, {
      client: CLIENT,
      viewingSince: services.clock.now() - answer.timeOnPageMs,
    });
  }
  await quiz.submit(invitationId);
}

/** Copies of the template attempts (invitation, attempt, questions, answers, score). */
async function copyAttempts(
  db: Db,
  assessmentId: number,
  templateInvitations: number[],
  count: number,
): Promise<number[]> {
  const templates = await Promise.all(templateInvitations.map((id) => readAttempt(db, id)));
  const created: number[] = [];
  const drawn: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i += 1) {
      const template = templates[i % templates.length];
      if (!template) throw new Error('No template attempt to copy');
      const { id: invitationId } = await trx
        .insertInto('invitations')
        .values({
          ...template.invitation,
          id: undefined,
          assessment_id: assessmentId,
          name: `Copied Candidate ${i + 1}`,
          email: `copy-${i + 1}@example.test`,
          token_hash: crypto.randomBytes(32).toString('hex'),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { id: attemptId } = await trx
        .insertInto('attempts')
        .values({ ...template.attempt, id: undefined, invitation_id: invitationId })
        .returning('id')
        .executeTakeFirstOrThrow();
      const withAttempt = <T extends object>(rows: T[]) =>
        rows.map((row) => ({ ...row, attempt_id: attemptId }));
      await trx.insertInto('attempt_questions').values(withAttempt(template.questions)).execute();
      if (template.responses.length)
        await trx.insertInto('responses').values(withAttempt(template.responses)).execute();
      await trx
        .insertInto('attempt_scores')
        .values({ ...template.score, attempt_id: attemptId })
        .execute();
      drawn.push(...template.questions.map((q) => q.question_id));
      created.push(invitationId);
    }
    // The copies bypass the repository: count their draws as a start would.
    await new QuizRepository(new UnitOfWork(trx)).countExposures(drawn);
  });
  return created;
}

async function readAttempt(db: Db, invitationId: number) {
  const invitation = await db
    .selectFrom('invitations')
    .selectAll()
    .where('id', '=', invitationId)
    .executeTakeFirstOrThrow();
  const attempt = await db
    .selectFrom('attempts')
    .selectAll()
    .where('invitation_id', '=', invitationId)
    .executeTakeFirstOrThrow();
  const byAttempt = { attempt_id: attempt.id };
  const [questions, responses, score] = await Promise.all([
    db
      .selectFrom('attempt_questions')
      .selectAll()
      .where('attempt_id', '=', byAttempt.attempt_id)
      .execute(),
    db.selectFrom('responses').selectAll().where('attempt_id', '=', byAttempt.attempt_id).execute(),
    db
      .selectFrom('attempt_scores')
      .selectAll()
      .where('attempt_id', '=', byAttempt.attempt_id)
      .executeTakeFirstOrThrow(),
  ]);
  return { invitation, attempt, questions, responses, score };
}
