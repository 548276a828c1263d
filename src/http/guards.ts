import type { Request, RequestHandler } from 'express';
import type { Role } from '../users/users.types';
import { ForbiddenError } from './errors';

/** Only same-site paths are allowed as a place to return to after sign-in. */
export function safeReturnPath(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : undefined;
}

/** Staff pages: a signed-in staff account. A candidate's session never passes. */
export const requireSignedIn: RequestHandler = (req, res, next) => {
  if (req.user && !req.session.candidate) return next();
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

/**
 * Candidate pages: a session bound to an invitation by its link. A staff session is not a
 * candidate, so staff previewing the quiz must open a candidate link in a separate browser.
 */
export const requireCandidate: RequestHandler = (req, _res, next) => {
  if (req.session.candidate && !req.user) return next();
  throw new ForbiddenError(
    'This page is for candidates. Open the link in your invitation email to continue.',
  );
};

/** The invitation of the candidate's session; only call behind requireCandidate. */
export function currentInvitationId(req: Request): number {
  const candidate = req.session.candidate;
  if (!candidate) throw new ForbiddenError('Open the link in your invitation email to continue.');
  return candidate.invitationId;
}

/** The signed-in user; only call behind requireSignedIn. */
export function currentUser(req: Request): Express.User {
  if (!req.user) throw new ForbiddenError('Sign in first.');
  return req.user;
}

export function clientIp(req: Request): string {
  return req.ip ?? 'unknown';
}
