import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { systemClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { createDb, type Db } from '../../src/db/kysely';
import { buildServices, type Services } from '../../src/services';
import { CandidateClient } from '../helpers/candidate-client';
import { prepareLoadFixture } from '../helpers/load-fixture';
import { runCandidates, SOURCE_SERVER, startApp, summarize } from '../load/load-run';
import { openTestAssessment } from '../helpers/candidate-fixtures';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import type { TestContext } from '../helpers/test-app';

jest.setTimeout(60_000);

let dataDir: string;
let server: ServerProcess | undefined;
let db: Db | undefined;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-crash-'));
});
afterEach(async () => {
  await server?.stop('SIGKILL');
  await db?.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Services of this test process on the server's database file, as a second process. */
function servicesOnServerDatabase(): { db: Db; services: Services } {
  const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const opened = createDb(config.databaseFile);
  const services = buildServices({
    db: opened,
    config,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
  });
  return { db: opened, services };
}

describe('crash safety', () => {
  it('keeps every acknowledged answer through SIGKILL, and the attempt resumes with its deadline', async () => {
    const env = { IMPORT_BANKS_ON_START: 'false', NODE_ENV: 'production' };
    server = await startServerProcess(dataDir, env);
    const opened = servicesOnServerDatabase();
    db = opened.db;
    const ctx = { db, services: opened.services } as unknown as TestContext;
    const assessment = await openTestAssessment(ctx);
    const { link } = await opened.services.invitations.invite(
      assessment.actor,
      assessment.owner,
      assessment.id,
      { name: 'Cara Candidate', email: 'cara@example.test' },
    );

    const candidate = new CandidateClient(server.baseUrl);
    expect((await candidate.get(new URL(link).pathname)).status).toBe(303);
    await candidate.get('/quiz');
    expect((await candidate.post('/quiz/start', {})).status).toBe(303);
    const acknowledged: number[] = [];
    for (let n = 1; n <= 4; n += 1) {
      const saved = await candidate.post(`/quiz/q/${n}`, { choice: String(n % 3) }, true);
      if (saved.status === 200) acknowledged.push(n - 1);
    }
    expect(acknowledged).toHaveLength(4);
    const before = await db.selectFrom('attempts').selectAll().executeTakeFirstOrThrow();

    await server.stop('SIGKILL');
    server = await startServerProcess(dataDir, env);
    candidate.baseUrl = server.baseUrl;

    const stored = await db
      .selectFrom('responses')
      .select('position')
      .orderBy('position')
      .execute();
    expect(stored.map((r) => r.position)).toEqual(acknowledged);
    const resumed = await candidate.get('/quiz');
    expect(resumed.headers.get('location')).toBe('/quiz/overview');
    const overview = await candidate.get('/quiz/overview');
    expect(await overview.text()).toContain('4 of 4 answered');
    const after = await db.selectFrom('attempts').selectAll().executeTakeFirstOrThrow();
    expect(after.deadline_at).toBe(before.deadline_at);
  });
});

describe('crash safety under load', () => {
  it('keeps every answer acknowledged before a SIGKILL mid-run; every attempt resumes with its deadline', async () => {
    const fixture = await prepareLoadFixture({ candidates: 12, dataDir });
    const logFile = path.join(dataDir, 'server.log');
    const first = await startApp(fixture, { server: SOURCE_SERVER, logFile });
    let acknowledged = 0;
    let killed: Promise<unknown> | undefined;
    const runs = await runCandidates(fixture, first.baseUrl, {
      thinkMs: [5, 40],
      arrivalMs: 0,
      onAcknowledged: () => {
        acknowledged += 1;
        // Half-way through: 12 candidates x 20 questions = 240 answers in all.
        if (acknowledged === 120) killed = first.stop('SIGKILL');
      },
    });
    await killed;
    expect(killed).toBeDefined();
    const acknowledgedBeforeKill = runs.flatMap((run) => run.acknowledged);
    expect(runs.some((run) => run.errors.length > 0)).toBe(true);

    const reader = servicesOnServerDatabase();
    db = reader.db;
    const deadlinesBefore = await db.selectFrom('attempts').select(['id', 'deadline_at']).execute();
    const second = await startApp(fixture, { server: SOURCE_SERVER, logFile });
    try {
      const summary = await summarize(fixture, runs);
      expect(summary.acknowledgedAnswers).toBe(acknowledgedBeforeKill.length);
      expect(summary.lostAnswers).toBe(0);
      for (const run of runs.filter((r) => r.acknowledged.length > 0)) {
        const resumed = await fetch(`${second.baseUrl}/quiz`, {
          redirect: 'manual',
          headers: { cookie: run.cookie },
        });
        expect(resumed.headers.get('location')).toBe('/quiz/overview');
      }
      const deadlinesAfter = await db
        .selectFrom('attempts')
        .select(['id', 'deadline_at'])
        .execute();
      expect(deadlinesAfter).toEqual(deadlinesBefore);
    } finally {
      await second.stop();
    }
  });
});
