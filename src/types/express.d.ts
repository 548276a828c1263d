import type { Logger } from 'pino';
import type { StaffUser } from '../users/users.types';

declare global {
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends StaffUser {}
    interface Request {
      /** This process's number for the request, in its log lines. */
      id: number;
      log: Logger;
    }
    interface Locals {
      csrfToken: () => string;
      /** The hidden form field with the CSRF token, as HTML. */
      csrfField: () => string;
      currentUser?: StaffUser;
      flash?: Flash;
      currentPath: string;
    }
  }
}

export interface Flash {
  kind: 'success' | 'error' | 'info';
  message: string;
}

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
    /** Epoch ms of sign-in; the absolute lifetime counts from here. */
    signedInAt?: number;
    flash?: Flash;
    /** One-time tokens taken out of the URL and kept here until the form is submitted. */
    pendingToken?: { kind: 'setup' | 'password'; token: string };
    returnTo?: string;
    /**
     * A candidate's identity, set when they open their invitation link. Distinct from staff
     * sign-in (Passport's `passport.user`): binding one regenerates the session, dropping the other.
     */
    candidate?: { invitationId: number };
    /** Set by Passport at sign-in: the staff user's id. */
    passport?: { user?: number };
    /** The question page a candidate has open and since when, for the time spent on it. */
    viewingQuestion?: { number: number; since: number };
  }
}
