import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

jest.setTimeout(60_000);

describe('the server process', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-proc-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts on a fresh data folder, prints the setup link, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      [path.join(ROOT, 'src/server.ts')],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          DATA_DIR: dataDir,
          PORT: '0',
          LOG_LEVEL: 'info',
        },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

    const port = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /"port":(\d+)/.exec(output);
        if (match) {
          clearInterval(timer);
          resolve(Number(match[1]));
        }
      }, 50);
      void exited.then(() => reject(new Error(`server exited early:\n${output}`)));
    });
    expect(output).toMatch(/\/setup\?token=[A-Za-z0-9_-]{43}/);
    expect(output).toContain('question banks imported');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
    expect(output).not.toMatch(/"url":"[^"]*token=[A-Za-z0-9_-]{20}/);
  });
});
