/**
 * npm run bench: throughput and latency of key pages, each as a ratio against a bare Express
 * app answering JSON in the same run, on the same machine. Bounded: a fixed number of requests
 * per endpoint, loopback only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createUser, DEFAULT_PASSWORD } from '../helpers/builders';
import { createTestContext } from '../helpers/test-app';
import { importShippedBanks } from '../../src/banks/shipped-banks';
import pino from 'pino';

const CONCURRENCY = 16;
const WARMUP = 200;
const REQUESTS = 3000;

interface Result {
  name: string;
  perSecond: number;
  p50: number;
  p95: number;
}

function listen(app: http.RequestListener): Promise<http.Server> {
  return new Promise((resolve) => {
    const server = http.createServer(app).listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function load(port: number, path: string, count: number, cookie?: string): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let next = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      const req = http.get(
        { host: '127.0.0.1', port, path, agent, headers: cookie ? { cookie } : {} },
        (res) => {
          res.resume();
          res.on('end', () => {
            if ((res.statusCode ?? 500) >= 400) reject(new Error(`${path}: ${res.statusCode}`));
            latencies.push(performance.now() - started);
            resolve();
          });
        },
      );
      req.on('error', reject);
    });
  const worker = async () => {
    while (next < count) {
      next += 1;
      await one();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
  return latencies;
}

async function measure(name: string, port: number, path: string, cookie?: string): Promise<Result> {
  await load(port, path, WARMUP, cookie);
  const started = performance.now();
  const latencies = (await load(port, path, REQUESTS, cookie)).sort((a, b) => a - b);
  const seconds = (performance.now() - started) / 1000;
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { name, perSecond: REQUESTS / seconds, p50: at(0.5), p95: at(0.95) };
}

async function signInCookie(port: number, email: string): Promise<string> {
  const page = await fetch(`http://127.0.0.1:${port}/sign-in`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const response = await fetch(`http://127.0.0.1:${port}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: DEFAULT_PASSWORD, _csrf: token }).toString(),
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function main(): Promise<void> {
  const bare = express();
  bare.get('/hello', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const bareServer = await listen(bare);

  const ctx = await createTestContext();
  await importShippedBanks(ctx.services.banks, pino({ level: 'silent' }));
  const manager = await createUser(ctx.db, { role: 'manager' });
  const appServer = await listen(ctx.app);
  const appPort = (appServer.address() as AddressInfo).port;
  const cookie = await signInCookie(appPort, manager.email);

  const baseline = await measure(
    'bare Express JSON (baseline)',
    (bareServer.address() as AddressInfo).port,
    '/hello',
  );
  const results = [
    baseline,
    await measure('GET /healthz (database ping)', appPort, '/healthz'),
    await measure('GET /sign-in (page, anonymous)', appPort, '/sign-in'),
    await measure('GET /banks (signed in)', appPort, '/banks', cookie),
    await measure('GET /banks/owasp (32 questions)', appPort, '/banks/owasp', cookie),
    await measure(
      'GET /banks/owasp/questions/owasp-001',
      appPort,
      '/banks/owasp/questions/owasp-001',
      cookie,
    ),
  ];

  console.log(
    `\n${REQUESTS} requests per row, ${CONCURRENCY} at a time, after ${WARMUP} warm-up requests\n`,
  );
  console.log(
    'endpoint'.padEnd(44),
    'req/s'.padStart(8),
    'vs bare'.padStart(8),
    'p50 ms'.padStart(8),
    'p95 ms'.padStart(8),
  );
  for (const r of results) {
    console.log(
      r.name.padEnd(44),
      r.perSecond.toFixed(0).padStart(8),
      `${((r.perSecond / baseline.perSecond) * 100).toFixed(0)}%`.padStart(8),
      r.p50.toFixed(1).padStart(8),
      r.p95.toFixed(1).padStart(8),
    );
  }
  bareServer.close();
  appServer.closeAllConnections();
  appServer.close();
  await ctx.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
