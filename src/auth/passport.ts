import type { Request, Response } from 'express';
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { clientIp } from '../http/guards';
import type { UsersService } from '../users/users.service';
import type { AuthService } from './auth.service';

export type Authenticator = InstanceType<typeof Passport>;

export interface SignInOutcome {
  user?: Express.User;
  lockedForMinutes?: number;
}

/** One Passport instance per app (tests build many): local strategy, user id in the session. */
export function createPassport(auth: AuthService, users: UsersService): Authenticator {
  const passport = new Passport();
  passport.use(
    new LocalStrategy(
      { usernameField: 'email', passwordField: 'password', passReqToCallback: true },
      (req, email, password, done) => {
        auth.signIn(email, password, clientIp(req)).then(
          (result) =>
            result.ok
              ? done(null, result.user)
              : done(null, false, {
                  message: 'failed',
                  lockedForMinutes: result.lockedForMinutes,
                } as never),
          done,
        );
      },
    ),
  );
  passport.serializeUser<number>((user, done) => done(null, user.id));
  passport.deserializeUser<number>((id, done) => {
    users.findActiveById(id).then((user) => done(null, user ?? false), done);
  });
  return passport;
}

export function authenticateLocal(
  passport: Authenticator,
  req: Request,
  res: Response,
): Promise<SignInOutcome> {
  return new Promise((resolve, reject) => {
    passport.authenticate(
      'local',
      (error: unknown, user: Express.User | false, info?: { lockedForMinutes?: number }) => {
        if (error) return reject(error);
        resolve({ user: user || undefined, lockedForMinutes: info?.lockedForMinutes });
      },
    )(req, res, reject);
  });
}

/** Signs the user in; Passport regenerates the session id, which defeats session fixation. */
export function logIn(req: Request, user: Express.User): Promise<void> {
  return new Promise((resolve, reject) =>
    req.logIn(user, (error) => (error ? reject(error) : resolve())),
  );
}

export function logOut(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.logout((error) => (error ? reject(error) : resolve())),
  );
}

export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.destroy((error) => (error ? reject(error) : resolve())),
  );
}

export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((error) => (error ? reject(error) : resolve())),
  );
}
