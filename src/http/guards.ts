import type { Request, RequestHandler } from 'express';
import type { Role } from '../users/users.types';
import { ForbiddenError } from './errors';

/** Only same-site paths are allowed as a place to return to after sign-in. */
export function safeReturnPath(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : undefined;
}

export const requireSignedIn: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (req.method !== 'GET')
    throw new ForbiddenError('Your session has ended. Sign in again to continue.');
  req.session.returnTo = safeReturnPath(req.originalUrl);
  res.redirect(303, '/sign-in');
};

export function requireRole(...roles: Role[]): RequestHandler[] {
  return [
    requireSignedIn,
    (req, _res, next) => {
      if (!roles.includes(currentUser(req).role)) {
        throw new ForbiddenError('This page is for admins only. Ask an admin if you need access.');
      }
      next();
    },
  ];
}

/** The signed-in user; only call behind requireSignedIn. */
export function currentUser(req: Request): Express.User {
  if (!req.user) throw new ForbiddenError('Sign in first.');
  return req.user;
}

export function clientIp(req: Request): string {
  return req.ip ?? 'unknown';
}
