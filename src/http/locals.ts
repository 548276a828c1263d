import type { Request, RequestHandler } from 'express';
import type { Flash } from '../types/express';
import { csrfTokenFor } from './security';

/** A one-time message shown on the next page (post/redirect/get). */
export function setFlash(req: Request, kind: Flash['kind'], message: string): void {
  req.session.flash = { kind, message };
}

/** What every view may use: the user, a pending flash message, the path, the CSRF token. */
export const viewLocals: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = () => csrfTokenFor(req);
  res.locals.currentUser = req.user;
  res.locals.currentPath = req.path;
  if (req.session.flash) {
    res.locals.flash = req.session.flash;
    delete req.session.flash;
  }
  next();
};
