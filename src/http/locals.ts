import type { Request, RequestHandler } from 'express';
import type { Flash } from '../types/express';
import { CSRF_FIELD, csrfTokenFor } from './security';

/** A one-time message shown on the next page (post/redirect/get). */
export function setFlash(req: Request, kind: Flash['kind'], message: string): void {
  req.session.flash = { kind, message };
}

/**
 * What every view may use: the user, a pending flash message, the path, the CSRF token and the
 * hidden field that carries it. The field is a function, not an include: a table with a form per
 * row would copy every view local once per form.
 */
export const viewLocals: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = () => csrfTokenFor(req);
  // The token is base64url: nothing in it needs escaping.
  res.locals.csrfField = () =>
    `<input type="hidden" name="${CSRF_FIELD}" value="${csrfTokenFor(req)}">`;
  res.locals.currentUser = req.user;
  res.locals.currentPath = req.path;
  if (req.session.flash) {
    res.locals.flash = req.session.flash;
    delete req.session.flash;
  }
  next();
};
