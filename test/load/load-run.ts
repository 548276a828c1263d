import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createDb } from '../../src/db/kysely';
import { seededRng } from '../../src/assessments/draw';
import { LOAD_QUESTIONS, prepareLoadFixture, type LoadFixture } from '../helpers/load-fixture';
import { startListening, type RunningProcess } from '../helpers/processes';
import {
  percentile,
  runCandidate,
  type Acknowledged,
  type CandidateRun,
} from './simulated-candidate';

/** The load test's report: its last line of output, a contract for scripts. */
export interface LoadSummary {
  candidates: number;
  completed: number;
  errors: number;
  acknowledgedAnswers: number;
  storedAnswers: number;
  lostAnswers: number;
  p99Ms: number;
}

/**
 * Candidates arrive over 10 seconds and take 1 to 4 seconds per question: a burst far denser
 * than a real cohort (who read for a minute or more), still a few hundred requests a second.
 */
const LOAD_ARRIVAL_MS = 10_000;
const LOAD_THINK_MS: [number, number] = [1_000, 4_000];

/** How the app process is started: built (npm scripts) or from source (tests). */
export const BUILT_SERVER = ['dist/src/server.js'];
export const SOURCE_SERVER = ['--import', 'tsx', 'src/server.ts'];

/** Each web worker logs this once it listens: the app is ready when all of them have. */
export function allWorkersListening(workers: number): { text: string; times: number } {
  return { text: 'skillscreen is listening', times: workers };
}

export function startApp(
  fixture: LoadFixture,
  options: { workers?: number; server?: string[]; logFile: string },
): Promise<RunningProcess> {
  return startListening(options.server ?? BUILT_SERVER, {
    logFile: options.logFile,
    readyLine: allWorkersListening(options.workers ?? 1),
    env: {
      NODE_ENV: 'production',
      DATA_DIR: fixture.dataDir,
      IMPORT_BANKS_ON_START: 'false',
      WEB_CONCURRENCY: String(options.workers ?? 1),
    },
  });
}

/** Every candidate of the fixture at once against `baseUrl`. */
export function runCandidates(
  fixture: LoadFixture,
  baseUrl: string,
  options: {
    thinkMs?: [number, number];
    arrivalMs?: number;
    onAcknowledged?: () => void;
    seed?: number;
  } = {},
): Promise<CandidateRun[]> {
  const random = seededRng(options.seed ?? 7);
  return Promise.all(
    fixture.links.map((linkPath, i) =>
      runCandidate({
        baseUrl,
        linkPath,
        invitationId: fixture.invitationIds[i] ?? 0,
        questions: LOAD_QUESTIONS,
        thinkMs: options.thinkMs ?? LOAD_THINK_MS,
        arrivalMs: options.arrivalMs ?? LOAD_ARRIVAL_MS,
        random: () => random.next(),
        onAcknowledged: options.onAcknowledged,
      }),
    ),
  );
}

/** Which acknowledged answers the database holds, read straight from the file. */
export async function storedOf(
  fixture: LoadFixture,
  acknowledged: readonly Acknowledged[],
): Promise<number> {
  const config = loadConfig({
    DATA_DIR: fixture.dataDir,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
  });
  const db = createDb(config.databaseFile);
  try {
    const rows = await db
      .selectFrom('responses')
      .innerJoin('attempts', 'attempts.id', 'responses.attempt_id')
      .select(['attempts.invitation_id', 'responses.position'])
      .execute();
    const stored = new Set(rows.map((row) => `${row.invitation_id}:${row.position}`));
    return acknowledged.filter((a) => stored.has(`${a.invitationId}:${a.position}`)).length;
  } finally {
    await db.destroy();
  }
}

export async function summarize(
  fixture: LoadFixture,
  runs: readonly CandidateRun[],
): Promise<LoadSummary> {
  const acknowledged = runs.flatMap((run) => run.acknowledged);
  const storedAnswers = await storedOf(fixture, acknowledged);
  return {
    candidates: runs.length,
    completed: runs.filter((run) => run.completed).length,
    errors: runs.reduce((sum, run) => sum + run.errors.length, 0),
    acknowledgedAnswers: acknowledged.length,
    storedAnswers,
    lostAnswers: acknowledged.length - storedAnswers,
    p99Ms: Math.round(
      percentile(
        runs.flatMap((run) => run.latencies),
        0.99,
      ),
    ),
  };
}

/** The whole load test: a fresh data folder, one server, every candidate, then the check. */
export async function runLoad(options: {
  candidates: number;
  workers: number;
  progress: (line: string) => void;
}): Promise<LoadSummary> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-loadtest-'));
  try {
    options.progress(`inviting ${options.candidates} candidates in ${work} ...`);
    const fixture = await prepareLoadFixture({
      candidates: options.candidates,
      dataDir: path.join(work, 'data'),
    });
    const app = await startApp(fixture, {
      workers: options.workers,
      logFile: path.join(work, 'server.log'),
    });
    let runs: CandidateRun[];
    try {
      options.progress(
        `${options.candidates} candidates answer ${LOAD_QUESTIONS} questions each ...`,
      );
      const started = performance.now();
      runs = await runCandidates(fixture, app.baseUrl);
      options.progress(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await app.stop();
    }
    const failures = runs.flatMap((run) => run.errors);
    for (const failure of new Set(failures)) options.progress(`error: ${failure}`);
    return await summarize(fixture, runs);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
