import path from 'node:path';
import express, { type Express } from 'express';
import session from 'express-session';
import type { Logger } from 'pino';
import { assessmentsRoutes } from './assessments/assessments.routes';
import { auditRoutes } from './audit/audit.routes';
import { banksRoutes } from './banks/banks.routes';
import { renderInlineMarkdown, renderMarkdown } from './banks/markdown';
import { rowCount } from './banks/question-form';
import { authRoutes } from './auth/auth.routes';
import { backupsRoutes } from './backups/backups.routes';
import { createPassport, regenerateSession } from './auth/passport';
import type { Config } from './config';
import { healthRoutes, homeRoutes } from './home/home.routes';
import { createErrorHandler, notFoundHandler } from './http/error-handler';
import { useLayout } from './http/layout';
import { requestLog } from './http/request-log';
import { timeCell } from './http/table-cells';
import { viewLocals } from './http/locals';
import {
  csrfProtection,
  limitSessionCreation,
  noStoreWhenSignedIn,
  securityHeaders,
} from './http/security';
import { multipartBody, refuseUploadProblems, urlencodedBody } from './http/upload';
import { invitationsRoutes } from './invitations/invitations.routes';
import { mailRoutes } from './mail/mail.routes';
import { PUBLIC_DIR, VIEWS_DIR } from './paths';
import { quizRoutes } from './quiz/quiz.routes';
import { qualityRoutes } from './reports/quality.routes';
import { reportsRoutes } from './reports/reports.routes';
import { matchingAnswerList } from './scoring/question-scoring';
import type { Services } from './services';
import { usersRoutes } from './users/users.routes';

export interface AppDependencies {
  services: Services;
  config: Config;
  logger: Logger;
}

/** One address may start this many sessions per window (a person needs one or two). */
export const NEW_SESSIONS_PER_IP = 100;
const NEW_SESSIONS_WINDOW_MS = 10 * 60_000;
/** The folders of public/, the only paths served from disk. */
const PUBLIC_FOLDERS = ['css', 'js', 'images'];

/**
 * Forms that show themselves again, with what was typed, when a field or file is over its limit.
 * Their fields may be longer than elsewhere, so that text pasted by mistake comes back to be cut.
 */
const FORMS_SHOWN_AGAIN = ['POST /assessments'];

export function sessionCookieName(config: Config): string {
  // The __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and Path=/.
  return config.secureCookies ? '__Host-skillscreen.sid' : 'skillscreen.sid';
}

/** Builds the whole web app from its dependencies. No side effects: tests build many. */
export function createApp({ services, config, logger }: AppDependencies): Express {
  const { db, clock, audit, users, sessionStore, auth, banks, assessments, mail } = services;
  const passport = createPassport(auth, users);
  const cookieName = sessionCookieName(config);

  const app = express();
  app.disable('x-powered-by');
  // Pages are private and never cached (no-store), so hashing each body for an ETag buys nothing;
  // static files keep their own validators.
  app.disable('etag');
  app.set('trust proxy', config.trustProxy);
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  // Compiled templates are cached except in development, where edits should show at once.
  app.set('view cache', config.nodeEnv !== 'development');
  // Includes are written from the views folder ('/partials/field'): resolved without a file check.
  // Outside production a template error names its line; that bookkeeping runs on every line of
  // every page (a fifth of a question page's time), so production leaves it out.
  app.set('view options', { root: VIEWS_DIR, compileDebug: config.nodeEnv !== 'production' });
  Object.assign(app.locals, {
    renderMarkdown,
    renderInlineMarkdown,
    matchingAnswerList,
    rowCount,
    timeCell,
  });

  app.use(requestLog(logger));
  app.use(securityHeaders({ https: config.secureCookies }));
  app.use(useLayout);
  // Only asset paths reach the file system: app routes are not stat'ed on every request.
  const assetOptions = { maxAge: config.nodeEnv === 'production' ? '1h' : 0, index: false };
  for (const folder of PUBLIC_FOLDERS)
    app.use(`/${folder}`, express.static(path.join(PUBLIC_DIR, folder), assetOptions));
  app.use(healthRoutes(db));

  app.use(urlencodedBody(FORMS_SHOWN_AGAIN));
  app.use(express.json({ limit: '200kb' }));
  app.use(multipartBody(FORMS_SHOWN_AGAIN));
  app.use(
    session({
      name: cookieName,
      secret: config.sessionSecret,
      store: sessionStore,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        maxAge: config.sessionIdleMs,
        path: '/',
      },
    }),
  );
  // Absolute lifetime: however active, a session ends this long after sign-in. Synchronous
  // unless it ends: every request passes here.
  app.use((req, _res, next) => {
    const signedInAt = req.session.signedInAt;
    if (!signedInAt || clock.now() - signedInAt <= config.sessionMaxAgeMs) return next();
    regenerateSession(req).then(() => next(), next);
  });
  // compat: false: no `req._passport`, which only passport 0.4-era strategies read.
  app.use(passport.initialize({ compat: false }));
  // Candidates and signed-out visitors have no user to restore: passport is not asked to look.
  const restoreUser = passport.session();
  app.use((req, res, next) =>
    req.session?.passport?.user === undefined ? next() : restoreUser(req, res, next),
  );
  app.use(noStoreWhenSignedIn);
  app.use(
    limitSessionCreation({
      cookieName,
      max: NEW_SESSIONS_PER_IP,
      windowMs: NEW_SESSIONS_WINDOW_MS,
      now: () => clock.now(),
      // A link makes a session only when its token is valid: a whole class behind one address
      // (a campus, an assessment centre) can all open theirs.
      exempt: (req) => req.path.startsWith('/t/'),
    }),
  );
  app.use(viewLocals);
  app.use(refuseUploadProblems(FORMS_SHOWN_AGAIN));
  app.use(csrfProtection);

  // Candidates' routes first: the busiest requests match before the staff routers are tried.
  app.use(quizRoutes(services.quiz, clock));
  app.use(homeRoutes());
  app.use(authRoutes({ auth, passport, clock, sessionCookieName: cookieName }));
  app.use(usersRoutes(users));
  app.use(auditRoutes(audit));
  app.use(mailRoutes(mail));
  app.use(backupsRoutes(services.backups, clock));
  app.use(banksRoutes(banks, (ids) => services.quiz.exposures(ids)));
  app.use(assessmentsRoutes(assessments, banks));
  app.use(invitationsRoutes(services));
  app.use(reportsRoutes(services));

  app.use(qualityRoutes(services.quality, services.quiz));

  app.use(notFoundHandler);
  app.use(createErrorHandler({ showStack: config.nodeEnv === 'development' }));
  return app;
}
