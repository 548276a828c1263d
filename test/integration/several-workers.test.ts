import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createUser, DEFAULT_PASSWORD } from '../helpers/builders';
import { CandidateClient } from '../helpers/candidate-client';
import { startListening, type RunningProcess } from '../helpers/processes';
import { createTestContext, type TestContext } from '../helpers/test-app';
import { allWorkersListening, SOURCE_SERVER } from '../load/load-run';

jest.setTimeout(60_000);

let ctx: TestContext;
let server: RunningProcess | undefined;
let logFile: string;

beforeEach(async () => {
  ctx = await createTestContext();
  logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-workers-')), 'server.log');
});
afterEach(async () => {
  await server?.stop();
  await ctx.close();
  fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
});

/** A GET on a connection of its own: the cluster hands new connections out in turn. */
function getOnNewConnection(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { cookie } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

/** Which process answered each logged request to `url`. */
function servingPids(url: string): Set<number> {
  const pids = new Set<number>();
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes(`"url":"${url}"`)) continue;
    pids.add((JSON.parse(line) as { pid: number }).pid);
  }
  return pids;
}

describe('WEB_CONCURRENCY=2', () => {
  it('serves one session from both workers, and runs the background jobs once', async () => {
    const manager = await createUser(ctx.db, { role: 'manager' });
    server = await startListening(SOURCE_SERVER, {
      logFile,
      readyLine: allWorkersListening(2),
      env: {
        DATA_DIR: ctx.dataDir,
        NODE_ENV: 'production',
        IMPORT_BANKS_ON_START: 'false',
        WEB_CONCURRENCY: '2',
      },
    });
    const browser = new CandidateClient(server.baseUrl);
    await browser.get('/sign-in');
    const signedIn = await browser.post('/sign-in', {
      email: manager.email,
      password: DEFAULT_PASSWORD,
    });
    expect(signedIn.status).toBe(303);

    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push(await getOnNewConnection(`${server.baseUrl}/assessments`, browser.cookie));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect(servingPids('/assessments').size).toBe(2);

    const log = fs.readFileSync(logFile, 'utf8');
    expect(log.match(/background jobs started/g)).toHaveLength(1);
    expect(log.match(/skillscreen is listening/g)).toHaveLength(2);
  });
});
