import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** A port nothing listens on right now, for a child process to take. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningProcess {
  child: ChildProcess;
  baseUrl: string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** How many times `text` occurs in the file so far. */
function occurrences(file: string, text: string): number {
  return fs.readFileSync(file, 'utf8').split(text).length - 1;
}

/**
 * Starts `node <args>` listening on a free port (given as PORT) and resolves once GET /healthz
 * answers 200 and, with `readyLine`, once its log holds that line `times` times (one per worker of
 * a cluster: the first worker answers /healthz before the others listen). Its output goes to
 * `logFile`, not through this process, so a busy server's log costs the measuring process nothing.
 */
export async function startListening(
  args: string[],
  options: {
    env?: Record<string, string>;
    logFile: string;
    readyLine?: { text: string; times: number };
  },
): Promise<RunningProcess> {
  const port = await freePort();
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...options.env,
      PORT: String(port),
    },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let ended = false;
  void exited.then(() => (ended = true));
  const baseUrl = `http://127.0.0.1:${port}`;
  const ready = async () => {
    const answered = await fetch(`${baseUrl}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    const { readyLine } = options;
    return (
      answered && (!readyLine || occurrences(options.logFile, readyLine.text) >= readyLine.times)
    );
  };
  for (;;) {
    if (ended) throw new Error(`${args.join(' ')} exited before listening; see ${options.logFile}`);
    if (await ready()) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    baseUrl,
    exited,
    stop: (signal = 'SIGTERM') => {
      if (!ended) child.kill(signal);
      return exited;
    },
  };
}
