import { Router, type Request, type Response } from 'express';
import type { Authenticator } from './passport';
import type { Clock } from '../clock';
import { NotFoundError } from '../http/errors';
import { setFlash } from '../http/locals';
import { validateForm, type FieldErrors } from '../http/validate';
import {
  forgotPasswordSchema,
  newPasswordSchema,
  setupSchema,
  signInSchema,
  tokenQuerySchema,
} from './auth.schemas';
import type { AuthService } from './auth.service';
import { clientIp, safeReturnPath } from '../http/guards';
import { authenticateLocal, destroySession, logIn, logOut } from './passport';

const SIGN_IN_FAILED = 'Email or password is incorrect.';

export interface AuthRoutesDependencies {
  auth: AuthService;
  passport: Authenticator;
  clock: Clock;
  sessionCookieName: string;
}

export function authRoutes({
  auth,
  passport,
  clock,
  sessionCookieName,
}: AuthRoutesDependencies): Router {
  const router = Router();

  async function signInAs(
    req: Request,
    res: Response,
    user: Express.User,
    welcome?: string,
  ): Promise<void> {
    const returnTo = safeReturnPath(req.session.returnTo) ?? '/';
    await logIn(req, user);
    req.session.signedInAt = clock.now();
    if (welcome) setFlash(req, 'success', welcome);
    res.redirect(303, returnTo);
  }

  /** Moves a one-time token from the URL into the session, so it never sits in history or logs. */
  function stashToken(kind: 'setup' | 'password', path: string) {
    return (req: Request, res: Response, next: () => void) => {
      if (req.query.token === undefined) return next();
      const parsed = tokenQuerySchema.safeParse(req.query);
      if (!parsed.success)
        throw new NotFoundError('This link is not valid. Check that you copied all of it.');
      req.session.pendingToken = { kind, token: parsed.data.token };
      res.redirect(303, path);
    };
  }

  function pendingToken(req: Request, kind: 'setup' | 'password'): string {
    const pending = req.session.pendingToken;
    if (pending?.kind !== kind) {
      throw new NotFoundError('Open the link from your email again: this page needs it.');
    }
    return pending.token;
  }

  router.get('/sign-in', (req, res) => {
    if (req.user) return res.redirect(303, '/');
    res.render('auth/sign-in', {
      title: 'Sign in',
      values: {},
      errors: {},
      notice: 'signed-out' in req.query ? 'You have signed out.' : undefined,
    });
  });

  router.post('/sign-in', async (req, res) => {
    const form = validateForm(signInSchema, req.body);
    const renderFailure = (status: number, errors: FieldErrors, message?: string) =>
      res.status(status).render('auth/sign-in', {
        title: 'Sign in',
        values: { email: req.body?.email },
        errors,
        message,
      });
    if (!form.ok) return renderFailure(422, form.errors);
    const outcome = await authenticateLocal(passport, req, res);
    if (outcome.lockedForMinutes) {
      return renderFailure(
        429,
        {},
        `Too many failed sign-in attempts. Wait ${outcome.lockedForMinutes} minutes and try again, or reset your password.`,
      );
    }
    if (!outcome.user) return renderFailure(401, {}, SIGN_IN_FAILED);
    await signInAs(req, res, outcome.user);
  });

  router.post('/sign-out', async (req, res) => {
    if (req.user) await auth.recordSignOut(req.user.id, clientIp(req));
    await logOut(req);
    await destroySession(req);
    res.clearCookie(sessionCookieName, { path: '/' });
    res.redirect(303, '/sign-in?signed-out');
  });

  router.get('/password/forgot', (_req, res) => {
    res.render('auth/forgot', { title: 'Reset your password', values: {}, errors: {} });
  });

  router.post('/password/forgot', async (req, res) => {
    const form = validateForm(forgotPasswordSchema, req.body);
    if (!form.ok) {
      return res.status(422).render('auth/forgot', {
        title: 'Reset your password',
        values: { email: req.body?.email },
        errors: form.errors,
      });
    }
    await auth.requestPasswordReset(form.data.email, clientIp(req));
    res.render('auth/forgot-sent', { title: 'Check your email', email: form.data.email });
  });

  router.get('/password/set', stashToken('password', '/password/set'), async (req, res) => {
    const { purpose, user } = await auth.findPasswordToken(pendingToken(req, 'password'));
    res.render('auth/set-password', {
      title: setPasswordTitle(purpose),
      purpose,
      user,
      errors: {},
    });
  });

  router.post('/password/set', async (req, res) => {
    const token = pendingToken(req, 'password');
    const form = validateForm(newPasswordSchema, req.body);
    if (!form.ok) {
      const { purpose, user } = await auth.findPasswordToken(token);
      return res.status(422).render('auth/set-password', {
        title: setPasswordTitle(purpose),
        purpose,
        user,
        errors: form.errors,
      });
    }
    const user = await auth.setPasswordWithToken(token, form.data.password, clientIp(req));
    await signInAs(req, res, user, 'Your password is set and you are signed in.');
  });

  router.use('/setup', async (_req, _res, next) => {
    if (!(await auth.isSetupOpen())) throw new NotFoundError();
    next();
  });

  router.get('/setup', stashToken('setup', '/setup'), async (req, res) => {
    await auth.checkSetupToken(pendingToken(req, 'setup'));
    res.render('auth/setup', { title: 'Set up skillscreen', values: {}, errors: {} });
  });

  router.post('/setup', async (req, res) => {
    const token = pendingToken(req, 'setup');
    await auth.checkSetupToken(token);
    const form = validateForm(setupSchema, req.body);
    if (!form.ok) {
      return res.status(422).render('auth/setup', {
        title: 'Set up skillscreen',
        values: { name: req.body?.name, email: req.body?.email },
        errors: form.errors,
      });
    }
    const user = await auth.completeSetup(token, form.data, clientIp(req));
    await signInAs(req, res, user, 'Your admin account is ready. Invite your team from Users.');
  });

  return router;
}

function setPasswordTitle(purpose: 'invite' | 'reset'): string {
  return purpose === 'invite' ? 'Choose your password' : 'Choose a new password';
}
