import type { AuditLog } from '../audit/audit.repository';
import type { Clock } from '../clock';
import type { UnitOfWork } from '../db/unit-of-work';
import { ConflictError, NotFoundError } from '../http/errors';
import type { Outbox } from '../mail/outbox.repository';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../users/password';
import { passwordResetEmail } from '../users/users.emails';
import { RESET_LINK_TTL_MS, type PasswordLinks, type UsersService } from '../users/users.service';
import { normalizeEmail, type StaffUser } from '../users/users.types';
import type { LoginThrottleRepository, ThrottlePolicy } from './login-throttle.repository';
import type { PasswordLinksRepository } from './password-links.repository';
import type { SetupTokenRepository } from './setup-token.repository';
import { generateToken, hashToken } from './tokens';

const MINUTE = 60_000;
const ACCOUNT_POLICY: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: 15 * MINUTE,
  lockMs: 15 * MINUTE,
};
const IP_POLICY: ThrottlePolicy = { maxFailures: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
const RESET_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 60 * MINUTE, lockMs: 60 * MINUTE };

export type SignInResult = { ok: true; user: StaffUser } | { ok: false; lockedForMinutes?: number };

export interface AuthDependencies {
  uow: UnitOfWork;
  clock: Clock;
  users: UsersService;
  links: PasswordLinks;
  linkStore: PasswordLinksRepository;
  setupTokens: SetupTokenRepository;
  throttle: LoginThrottleRepository;
  audit: AuditLog;
  outbox: Outbox;
}

export class AuthService {
  constructor(private readonly deps: AuthDependencies) {}

  /**
   * Checks an email and password. Unknown email, wrong password and disabled account all give
   * the same answer, and accounts that do not exist are throttled like those that do.
   */
  async signIn(emailInput: string, password: string, ip: string): Promise<SignInResult> {
    const { users, throttle, clock } = this.deps;
    const email = normalizeEmail(emailInput);
    const keys = [`account:${email}`, `ip:${ip}`];
    const now = clock.now();
    const lockedUntil = await throttle.lockedUntil(keys, now);
    if (lockedUntil)
      return { ok: false, lockedForMinutes: Math.ceil((lockedUntil - now) / MINUTE) };

    const credentials = await users.findCredentials(email);
    const user = credentials?.user;
    const valid =
      credentials?.passwordHash && !user?.disabledAt
        ? await verifyPassword(credentials.passwordHash, password)
        : await verifyAgainstDummy(password);
    if (valid && user) {
      await this.recordSuccess(user, email, ip);
      return { ok: true, user };
    }
    return this.recordFailure(email, user, ip, now);
  }

  private recordSuccess(user: StaffUser, email: string, ip: string): Promise<void> {
    return this.deps.uow.transaction(async () => {
      await this.deps.throttle.clear(`account:${email}`);
      await this.deps.users.recordSignIn(user.id);
      await this.deps.audit.record({ action: 'sign_in.success', actorId: user.id, ip });
    });
  }

  private recordFailure(
    email: string,
    user: StaffUser | undefined,
    ip: string,
    now: number,
  ): Promise<SignInResult> {
    const { throttle, audit } = this.deps;
    return this.deps.uow.transaction(async () => {
      const actorId = user?.id ?? null;
      await audit.record({ action: 'sign_in.failure', actorId, ip, details: { email } });
      const accountLocked = await throttle.recordFailure(`account:${email}`, ACCOUNT_POLICY, now);
      const ipLocked = await throttle.recordFailure(`ip:${ip}`, IP_POLICY, now);
      if (!accountLocked && !ipLocked) return { ok: false };
      await audit.record({
        action: 'sign_in.lockout',
        actorId,
        ip,
        details: { email, scope: accountLocked ? 'account' : 'ip' },
      });
      return { ok: false, lockedForMinutes: Math.ceil(ACCOUNT_POLICY.lockMs / MINUTE) };
    });
  }

  async recordSignOut(userId: number, ip: string): Promise<void> {
    await this.deps.audit.record({ action: 'sign_out', actorId: userId, ip });
  }

  /**
   * Always looks the same from outside; mails a one-hour link when the account exists. Both
   * branches do the same work before answering (throttle row, audit entry, a token drawn), so
   * an existing address cannot be told from an unknown one by how long the answer takes.
   */
  async requestPasswordReset(emailInput: string, ip: string): Promise<void> {
    const { users, throttle, links, audit, outbox, clock, uow } = this.deps;
    const email = normalizeEmail(emailInput);
    await uow.transaction(async () => {
      const now = clock.now();
      const key = `reset:${email}`;
      if (await throttle.lockedUntil([key], now)) return;
      await throttle.recordFailure(key, RESET_POLICY, now);
      const user = await users.findActiveByEmail(email);
      if (!user) {
        // Same audit write as below, naming no one: the address itself is not stored.
        generateToken();
        await audit.record({
          action: 'password.reset_requested',
          ip,
          subjectType: 'user',
          details: { account: 'none' },
        });
        return;
      }
      const link = await links.issue(user.id, 'reset', RESET_LINK_TTL_MS);
      await audit.record({
        action: 'password.reset_requested',
        actorId: user.id,
        ip,
        subjectType: 'user',
        subjectId: user.id,
      });
      await outbox.enqueue(
        passwordResetEmail({
          to: user.email,
          name: user.name,
          link,
          validMinutes: RESET_LINK_TTL_MS / MINUTE,
        }),
      );
    });
  }

  /** The account a password link belongs to; 404 when the link is unknown, used or expired. */
  async findPasswordToken(
    token: string,
  ): Promise<{ purpose: 'invite' | 'reset'; user: StaffUser }> {
    const found = await this.deps.linkStore.findUsable(hashToken(token), this.deps.clock.now());
    const user = found && (await this.deps.users.findActiveById(found.userId));
    if (!found || !user) throw new NotFoundError(LINK_GONE);
    return { purpose: found.purpose, user };
  }

  /** Spends the link and sets the password; ends the account's other sessions. */
  async setPasswordWithToken(token: string, password: string, ip: string): Promise<StaffUser> {
    const { linkStore, users, throttle, audit, clock, uow } = this.deps;
    const { user } = await this.findPasswordToken(token);
    const passwordHash = await hashPassword(password);
    return uow.transaction(async () => {
      const now = clock.now();
      const found = await linkStore.findUsable(hashToken(token), now);
      if (!found || !(await linkStore.markUsed(found.id, now))) throw new NotFoundError(LINK_GONE);
      await users.setPasswordHash(found.userId, passwordHash);
      await throttle.clear(`account:${user.email}`);
      await audit.record({
        action: 'password.changed',
        actorId: user.id,
        ip,
        subjectType: 'user',
        subjectId: user.id,
        details: { via: found.purpose },
      });
      return { ...user, hasPassword: true };
    });
  }

  async isSetupOpen(): Promise<boolean> {
    return (await this.deps.users.count()) === 0;
  }

  /** On a fresh install, a new one-time setup token (only its hash is stored); else null. */
  async issueSetupToken(): Promise<string | null> {
    if (!(await this.isSetupOpen())) return null;
    const { token, hash } = generateToken();
    await this.deps.setupTokens.save(hash);
    return token;
  }

  async checkSetupToken(token: string): Promise<void> {
    const stored = await this.deps.setupTokens.read();
    if (!(await this.isSetupOpen()) || !stored || stored !== hashToken(token)) {
      throw new NotFoundError(SETUP_GONE);
    }
  }

  /** Creates the first admin with the setup token; refuses once any account exists. */
  async completeSetup(
    token: string,
    input: { name: string; email: string; password: string },
    ip: string,
  ): Promise<StaffUser> {
    await this.checkSetupToken(token);
    const passwordHash = await hashPassword(input.password);
    return this.deps.uow.transaction(async () => {
      await this.checkSetupToken(token);
      const user = await this.deps.users.createFirstAdmin({ ...input, passwordHash });
      if (!user) throw new ConflictError('An account already exists; sign in instead.');
      await this.deps.setupTokens.remove();
      await this.deps.audit.record({
        action: 'setup.admin_created',
        actorId: user.id,
        ip,
        subjectType: 'user',
        subjectId: user.id,
      });
      return user;
    });
  }
}

const LINK_GONE =
  'This link has expired or has already been used. Ask for a new one from the sign-in page or from your admin.';
const SETUP_GONE =
  'This setup link is not valid. Setup is only open on a fresh install, with the link the server printed.';
