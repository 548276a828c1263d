import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import helmet from 'helmet';
import { CsrfError, TooManyRequestsError } from './errors';

/** Strict headers: scripts and styles only from our own origin, no inline code, no framing. */
export function securityHeaders(options: { https: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        ...(options.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: options.https ? { maxAge: 31_536_000 } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

function sameToken(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** The session's CSRF token, created on first use so pages without forms create no session. */
export function csrfTokenFor(req: Request): string {
  req.session.csrfToken ??= crypto.randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

/**
 * Synchronizer-token CSRF protection: one random token per session, sent back by every
 * state-changing request in the `_csrf` form field or the `x-csrf-token` header.
 */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const expected = req.session.csrfToken;
  const given =
    (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD] ?? req.get(CSRF_HEADER);
  if (!expected || !sameToken(expected, given)) throw new CsrfError();
  next();
};

/**
 * Pages for a signed-in staff user or a candidate (and the exports they download) are private:
 * `no-store` keeps them out of the browser cache, so Back after sign-out shows nothing. Static
 * files are served before this runs and keep their caching.
 */
export const noStoreWhenSignedIn: RequestHandler = (req, res, next) => {
  if (req.user || req.session?.candidate) res.set('Cache-Control', 'no-store');
  next();
};

export interface SessionCreationLimit {
  cookieName: string;
  /** New sessions one address may create per window. */
  max: number;
  windowMs: number;
  now: () => number;
  /** Requests that only make a session after checking a credential (a candidate's link). */
  exempt?: (req: Request) => boolean;
}

/**
 * Caps how many new sessions one address can create (each anonymous form visit stores one for
 * its CSRF token). Counted in memory, per process (with several workers, per worker): the counts
 * only matter for minutes, and a restart forgetting them costs nothing. Requests that already
 * carry a session are never counted or refused.
 */
export function limitSessionCreation(options: SessionCreationLimit): RequestHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return (req, res, next) => {
    if (req.user || req.session.candidate || req.session.csrfToken || options.exempt?.(req))
      return next();
    const now = options.now();
    const ip = req.ip ?? 'unknown';
    if (windows.size > 10_000) {
      for (const [key, entry] of windows)
        if (now - entry.start >= options.windowMs) windows.delete(key);
    }
    let entry = windows.get(ip);
    if (!entry || now - entry.start >= options.windowMs) {
      entry = { start: now, count: 0 };
      windows.set(ip, entry);
    }
    if (entry.count >= options.max) {
      const retryAfter = Math.ceil((entry.start + options.windowMs - now) / 1000);
      throw new TooManyRequestsError(
        `Too many visits from your address without signing in. Wait ${Math.ceil(retryAfter / 60)} minutes and try again.`,
        retryAfter,
      );
    }
    const counted = entry;
    res.once('finish', () => {
      const cookies = ([] as Array<string | number>).concat(res.getHeader('set-cookie') ?? []);
      if (cookies.some((c) => String(c).startsWith(`${options.cookieName}=`))) counted.count += 1;
    });
    next();
  };
}
