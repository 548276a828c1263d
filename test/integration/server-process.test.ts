import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

jest.setTimeout(60_000);

let dataDir: string;
const running: ServerProcess[] = [];
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-proc-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop('SIGKILL')));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startServerProcess(dataDir, env);
  running.push(server);
  return server;
}

/** A fresh visitor's cookie and CSRF token from the sign-in page. */
async function signInForm(baseUrl: string): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${baseUrl}/sign-in`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return { cookie, csrf };
}

describe('the server process', () => {
  it('starts on a fresh data folder, prints the setup link, serves, and stops cleanly on SIGTERM', async () => {
    const server = await start();
    expect(server.output()).toMatch(/\/setup\?token=[A-Za-z0-9_-]{43}/);
    expect(server.output()).toContain('question banks imported');
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(health.status).toBe(200);

    running.pop();
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
    expect(server.output()).not.toMatch(/"url":"[^"]*token=[A-Za-z0-9_-]{20}/);
  });

  it('two processes on one database file answer concurrent failed sign-ins without a server error', async () => {
    const first = await start();
    const second = await start({ IMPORT_BANKS_ON_START: 'false' });
    const attempts = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const server = i % 2 ? second : first;
        const { cookie, csrf } = await signInForm(server.baseUrl);
        const response = await fetch(`${server.baseUrl}/sign-in`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: csrf, email: 'nobody@example.test', password: 'x' }),
        });
        return response.status;
      }),
    );
    expect(attempts.filter((status) => status >= 500)).toEqual([]);
    expect(attempts.every((status) => status === 401 || status === 429)).toBe(true);
  });
});
