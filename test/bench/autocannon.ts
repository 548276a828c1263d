import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../helpers/processes';

export interface LoadTarget {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests that got no answer within the timeout: a latency result, not a wrong answer. */
  timeouts: number;
}

interface AutocannonJson {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}

const AUTOCANNON = path.join(ROOT, 'node_modules/autocannon/autocannon.js');
const WARMUP_SECONDS = 2;
/** Long enough that a slow answer is measured rather than cut off. */
const TIMEOUT_SECONDS = 30;

/**
 * Loads one route from an autocannon process (never from this one) after a short warm-up, and
 * fails when any response was not a 2xx or the connection broke: a fast error page is not a
 * result.
 */
export async function runAutocannon(
  target: LoadTarget,
  options: { seconds: number; connections: number },
): Promise<LoadResult> {
  const args = [
    AUTOCANNON,
    '--json',
    '--connections',
    String(options.connections),
    '--duration',
    String(options.seconds),
    '--warmup',
    '[',
    '-c',
    String(options.connections),
    '-d',
    String(WARMUP_SECONDS),
    ']',
    '--timeout',
    String(TIMEOUT_SECONDS),
    '--method',
    target.method ?? 'GET',
  ];
  for (const [name, value] of Object.entries(target.headers ?? {}))
    args.push('--headers', `${name}=${value}`);
  if (target.body !== undefined) args.push('--body', target.body);
  args.push(target.url);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`autocannon exited with ${code}`)),
    );
  });
  // With a warm-up, autocannon prints its result once per phase: the last line is the run.
  const json = JSON.parse(output.trim().split('\n').at(-1) ?? '') as AutocannonJson;
  // autocannon counts a timeout as an error too.
  const broken = json.errors - json.timeouts;
  if (json.non2xx > 0 || broken > 0 || json['2xx'] === 0)
    throw new Error(
      `${target.method ?? 'GET'} ${target.url}: ${json.non2xx} non-2xx, ${broken} broken connections`,
    );
  return {
    rps: json.requests.average,
    p50Ms: json.latency.p50,
    p99Ms: json.latency.p99,
    timeouts: json.timeouts,
  };
}
