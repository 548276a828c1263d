/**
 * npm run bench: requests per second and latency of the routes that matter on the day 500
 * candidates arrive, each as a ratio to a bare Express app measured in the same run.
 *
 * Every server runs in its own process (the app built and in production mode, on a temp
 * database with a 20-question assessment and 10,000 submitted attempts); the load comes from
 * autocannon in yet another process. The table goes to stdout and to bench/results.json.
 *
 * Options (environment): BENCH_SECONDS (default 10 per route), BENCH_CONNECTIONS (default 50),
 * BENCH_ATTEMPTS (default 10000 submitted attempts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CandidateClient } from '../helpers/candidate-client';
import { prepareLoadFixture, type LoadFixture } from '../helpers/load-fixture';
import { ROOT, startListening, type RunningProcess } from '../helpers/processes';
import { allWorkersListening } from '../load/load-run';
import { runAutocannon, type LoadResult, type LoadTarget } from './autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 10_000);
const RESULTS_FILE = path.join(ROOT, 'bench/results.json');

interface RouteResult extends LoadResult {
  name: string;
  ratio: number;
}

/** What the issue's targets ask of a route, to print next to its figures. */
const TARGETS: Record<string, { minRatio?: number; maxP99Ms?: number }> = {
  'question-page': { minRatio: 0.4, maxP99Ms: 50 },
  autosave: { minRatio: 0.4, maxP99Ms: 50 },
  'manager-table': { minRatio: 0.2, maxP99Ms: 100 },
  'candidate-report': { minRatio: 0.2, maxP99Ms: 100 },
  'bank-list': { minRatio: 0.2 },
  'assessment-list': { minRatio: 0.2 },
  'candidates-page': { minRatio: 0.2 },
  'bank-question': { minRatio: 0.2 },
};

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-bench-'));
  const log = (file: string) => path.join(work, file);
  console.error(`bench: seeding ${ATTEMPTS} submitted attempts in ${work} ...`);
  const fixture = await prepareLoadFixture({
    candidates: 1,
    submittedAttempts: ATTEMPTS,
    dataDir: path.join(work, 'data'),
  });
  const running: RunningProcess[] = [];
  const start = async (
    name: string,
    args: string[],
    env: Record<string, string> = {},
    readyLine?: { text: string; times: number },
  ) => {
    const started = await startListening(args, { env, logFile: log(`${name}.log`), readyLine });
    running.push(started);
    return started;
  };
  try {
    const results: RouteResult[] = [];
    const measure = async (name: string, target: LoadTarget, baseline?: LoadResult) => {
      console.error(`bench: ${name} (${SECONDS} s, ${CONNECTIONS} connections) ...`);
      const result = await runAutocannon(target, { seconds: SECONDS, connections: CONNECTIONS });
      const ratio = baseline ? result.rps / baseline.rps : 1;
      results.push({ name, ...result, ratio });
      return result;
    };

    const nodeHttp = await start('node-http', tsx('test/bench/baselines/node-http.ts'));
    await measure('node-http', { url: `${nodeHttp.baseUrl}/healthz` });
    await nodeHttp.stop();
    const express = await start('express-hello', tsx('test/bench/baselines/express-hello.ts'));
    const baseline = await measure('express-hello', { url: `${express.baseUrl}/healthz` });
    results[0] = { ...results[0]!, ratio: results[0]!.rps / baseline.rps };
    await express.stop();

    for (const workers of [1, 2]) {
      const app = await start(
        `app-${workers}`,
        ['dist/src/server.js'],
        appEnv(fixture, workers),
        allWorkersListening(workers),
      );
      const suffix = workers === 1 ? '' : `-${workers}-workers`;
      const targets = await appTargets(app.baseUrl, fixture);
      for (const [name, target] of Object.entries(targets))
        await measure(name + suffix, target, baseline);
      await app.stop();
    }

    printTable(results);
    fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    fs.writeFileSync(
      RESULTS_FILE,
      `${JSON.stringify({ machine: machine(), routes: results.map(publicFields) }, null, 2)}\n`,
    );
    console.error(`bench: wrote ${path.relative(ROOT, RESULTS_FILE)}`);
  } finally {
    await Promise.all(running.map((p) => p.stop()));
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function tsx(file: string): string[] {
  return ['--import', 'tsx', file];
}

function appEnv(fixture: LoadFixture, workers: number): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATA_DIR: fixture.dataDir,
    IMPORT_BANKS_ON_START: 'false',
    WEB_CONCURRENCY: String(workers),
  };
}

/** Signs a manager and a candidate in, and names every route the bench loads. */
async function appTargets(
  baseUrl: string,
  fixture: LoadFixture,
): Promise<Record<string, LoadTarget>> {
  const manager = new CandidateClient(baseUrl);
  await manager.get('/sign-in');
  const signedIn = await manager.post('/sign-in', fixture.manager);
  if (signedIn.status !== 303) throw new Error(`Manager sign-in answered ${signedIn.status}`);
  const staff = (pathname: string): LoadTarget => ({
    url: baseUrl + pathname,
    headers: { cookie: manager.cookie },
  });

  const candidate = new CandidateClient(baseUrl);
  const [link] = fixture.links;
  if (!link) throw new Error('The fixture has no invitation to open');
  await candidate.get(link);
  await candidate.get('/quiz');
  await candidate.post('/quiz/start', {});
  const { number, fields } = await firstSingleChoice(candidate);

  const assessment = `/assessments/${fixture.assessmentId}`;
  const reported = fixture.submitted[0];
  return {
    'question-page': { url: `${baseUrl}/quiz/q/${number}`, headers: { cookie: candidate.cookie } },
    autosave: {
      url: `${baseUrl}/quiz/q/${number}`,
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: {
        cookie: candidate.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        'x-csrf-token': candidate.csrf,
      },
    },
    'manager-table': staff(`${assessment}/report`),
    'candidate-report': staff(`${assessment}/candidates/${reported}/report`),
    'bank-list': staff('/banks'),
    'assessment-list': staff('/assessments'),
    'candidates-page': staff(`${assessment}/candidates`),
    'bank-question': staff('/banks/owasp/questions/owasp-001'),
  };
}

/** The first question with one answer to choose: its number and a valid autosave body. */
async function firstSingleChoice(candidate: CandidateClient) {
  for (let number = 1; number <= 20; number += 1) {
    const page = await (await candidate.get(`/quiz/q/${number}`)).text();
    if (page.includes('name="choice"')) return { number, fields: { choice: '0' } };
  }
  throw new Error('No single-choice question among the first 20');
}

function machine() {
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    connections: CONNECTIONS,
    secondsPerRoute: SECONDS,
    submittedAttempts: ATTEMPTS,
    loadGenerator: 'autocannon',
  };
}

function publicFields({ name, rps, p50Ms, p99Ms, ratio, timeouts }: RouteResult) {
  return {
    name,
    rps: Math.round(rps),
    p50Ms,
    p99Ms,
    ratio: Math.round(ratio * 1000) / 1000,
    timeouts,
  };
}

function printTable(results: RouteResult[]): void {
  const header = ['route', 'req/s', 'vs Express', 'p50 ms', 'p99 ms', 'target'];
  const rows = results.map((r) => {
    const target = TARGETS[r.name.replace(/-\d+-workers$/, '')];
    const wanted = [
      target?.minRatio ? `>= ${target.minRatio * 100}%` : '',
      target?.maxP99Ms ? `p99 < ${target.maxP99Ms} ms` : '',
    ].filter(Boolean);
    const met =
      (!target?.minRatio || r.ratio >= target.minRatio) &&
      (!target?.maxP99Ms || r.p99Ms < target.maxP99Ms);
    return [
      r.name,
      Math.round(r.rps).toLocaleString('en'),
      `${Math.round(r.ratio * 100)}%`,
      String(r.p50Ms),
      String(r.p99Ms),
      wanted.length ? `${wanted.join(', ')}: ${met ? 'met' : 'MISSED'}` : '',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  );
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
