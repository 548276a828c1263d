import type { IncomingMessage } from 'node:http';
import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

/** Paths that may carry one-time tokens or secrets in their query string. */
const SECRET_QUERY = /([?&](?:token|password|secret)=)[^&#]*/gi;
/** A candidate's link: whoever reads the token can take their assessment. */
const CANDIDATE_LINK = /^\/t\/[^/?#]+/;

export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(CANDIDATE_LINK, '/t/[REDACTED]').replace(SECRET_QUERY, '$1[REDACTED]');
}

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
      ],
      censor: '[REDACTED]',
    },
  });
}

/** Request log fields: no headers (cookies, tokens), no query secrets, no bodies. */
export function serializeRequest(req: IncomingMessage & { id?: unknown; ip?: string }) {
  return { id: req.id, method: req.method, url: redactUrl(req.url), ip: req.ip };
}
