import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { requestLog } from '../../../src/http/request-log';

interface LogLine {
  level: number;
  msg: string;
  req?: { id: number; method: string; url: string; ip: string };
  res?: { statusCode: number };
  responseTime?: number;
}

function appWithLog() {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as LogLine);
      done();
    },
  });
  const app = express();
  app.use(requestLog(pino({ level: 'info' }, sink)));
  app.get('/fine', (_req, res) => res.send('ok'));
  app.get('/t/:token', (_req, res) => res.send('ok'));
  app.get('/broken', (_req, res) => res.status(500).send('no'));
  app.get('/logs', (req, res) => {
    req.log.info('from a handler');
    res.send('ok');
  });
  return { app, lines };
}

describe('requestLog', () => {
  it('writes one line per request with its method, path, status and time', async () => {
    const { app, lines } = appWithLog();
    await request(app).get('/fine?page=2').expect(200);
    await request(app).get('/fine').expect(200);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 1, method: 'GET', url: '/fine?page=2' },
      res: { statusCode: 200 },
    });
    expect(lines[0]?.responseTime).toEqual(expect.any(Number));
    expect(lines[1]?.req?.id).toBe(2);
  });

  it('never writes a candidate link token', async () => {
    const { app, lines } = appWithLog();
    await request(app).get('/t/gx1IfqQUb6QNRr9DNu9cKQRA8TVzD_9CszyTdY5-5y4').expect(200);
    expect(lines[0]?.req?.url).toBe('/t/[REDACTED]');
    expect(JSON.stringify(lines)).not.toContain('gx1Ifq');
  });

  it('logs a 5xx answer as an error', async () => {
    const { app, lines } = appWithLog();
    await request(app).get('/broken').expect(500);
    expect(lines[0]).toMatchObject({ level: 50, msg: 'request failed', res: { statusCode: 500 } });
  });

  it('gives handlers the logger as req.log', async () => {
    const { app, lines } = appWithLog();
    await request(app).get('/logs').expect(200);
    expect(lines.map((line) => line.msg)).toEqual(['from a handler', 'request completed']);
  });
});
