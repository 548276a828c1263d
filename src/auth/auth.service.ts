import type { AuditLog } from '../audit/audit.repository';
import type { Clock } from '../clock';
import type { UserRow } from '../db/schema';
import { ConflictError, NotFoundError } from '../http/errors';
import type { Mailer } from '../mail/mailer';
import type { UsersRepository } from '../users/users.repository';
import type { SessionTerminator } from '../users/users.service';
import { passwordResetEmail } from './auth.emails';
import type { LoginThrottleRepository, ThrottlePolicy } from './login-throttle.repository';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password';
import type { SetupTokenRepository } from './setup-token.repository';
import { generateToken, hashToken } from './tokens';
import type { UserTokensRepository } from './user-tokens.repository';

const MINUTE = 60_000;
export const RESET_TOKEN_TTL_MS = 60 * MINUTE;
const ACCOUNT_POLICY: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: 15 * MINUTE,
  lockMs: 15 * MINUTE,
};
const IP_POLICY: ThrottlePolicy = { maxFailures: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
const RESET_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 60 * MINUTE, lockMs: 60 * MINUTE };

export type SignInResult = { ok: true; user: UserRow } | { ok: false; lockedForMinutes?: number };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface AuthDependencies {
  clock: Clock;
  users: UsersRepository;
  tokens: UserTokensRepository;
  setupTokens: SetupTokenRepository;
  throttle: LoginThrottleRepository;
  audit: AuditLog;
  mailer: Mailer;
  sessions: SessionTerminator;
  baseUrl: string;
}

export class AuthService {
  constructor(private readonly deps: AuthDependencies) {}

  /**
   * Checks an email and password. Unknown email, wrong password and disabled account all give
   * the same answer, and accounts that do not exist are throttled like those that do.
   */
  async signIn(emailInput: string, password: string, ip: string): Promise<SignInResult> {
    const { users, throttle, audit, clock } = this.deps;
    const email = normalizeEmail(emailInput);
    const keys = [`account:${email}`, `ip:${ip}`];
    const now = clock.now();
    const lockedUntil = await throttle.lockedUntil(keys, now);
    if (lockedUntil)
      return { ok: false, lockedForMinutes: Math.ceil((lockedUntil - now) / MINUTE) };

    const user = await users.findByEmail(email);
    const valid =
      user?.password_hash && !user.disabled_at
        ? await verifyPassword(user.password_hash, password)
        : await verifyAgainstDummy(password);
    if (valid && user) {
      await throttle.clear(`account:${email}`);
      await users.update(user.id, { last_sign_in_at: now });
      await audit.record({ action: 'sign_in.success', actorId: user.id, ip });
      return { ok: true, user };
    }

    await audit.record({
      action: 'sign_in.failure',
      actorId: user?.id ?? null,
      ip,
      details: { email },
    });
    const accountLocked = await throttle.recordFailure(`account:${email}`, ACCOUNT_POLICY, now);
    const ipLocked = await throttle.recordFailure(`ip:${ip}`, IP_POLICY, now);
    if (!accountLocked && !ipLocked) return { ok: false };
    await audit.record({
      action: 'sign_in.lockout',
      actorId: user?.id ?? null,
      ip,
      details: { email, scope: accountLocked ? 'account' : 'ip' },
    });
    return { ok: false, lockedForMinutes: Math.ceil(ACCOUNT_POLICY.lockMs / MINUTE) };
  }

  async recordSignOut(userId: number, ip: string): Promise<void> {
    await this.deps.audit.record({ action: 'sign_out', actorId: userId, ip });
  }

  /** Always looks the same from outside; mails a one-hour link when the account exists. */
  async requestPasswordReset(emailInput: string, ip: string): Promise<void> {
    const { users, tokens, throttle, audit, mailer, clock, baseUrl } = this.deps;
    const email = normalizeEmail(emailInput);
    const now = clock.now();
    const key = `reset:${email}`;
    if (await throttle.lockedUntil([key], now)) return;
    await throttle.recordFailure(key, RESET_POLICY, now);
    const user = await users.findByEmail(email);
    if (!user || user.disabled_at) return;
    const { token, hash } = generateToken();
    await tokens.revokeUnused(user.id, now);
    await tokens.create({
      userId: user.id,
      purpose: 'reset',
      hash,
      now,
      expiresAt: now + RESET_TOKEN_TTL_MS,
    });
    await audit.record({
      action: 'password.reset_requested',
      actorId: user.id,
      ip,
      subjectType: 'user',
      subjectId: user.id,
    });
    await mailer.send(
      passwordResetEmail({
        to: user.email,
        name: user.name,
        link: `${baseUrl}/password/set?token=${token}`,
        validMinutes: RESET_TOKEN_TTL_MS / MINUTE,
      }),
    );
  }

  /** The account a password link belongs to; 404 when the link is unknown, used or expired. */
  async findPasswordToken(token: string): Promise<{ purpose: 'invite' | 'reset'; user: UserRow }> {
    const found = await this.deps.tokens.findUsable(hashToken(token), this.deps.clock.now());
    if (!found) throw new NotFoundError(LINK_GONE);
    return { purpose: found.purpose, user: found.user };
  }

  /** Spends the link and sets the password; ends the account's other sessions. */
  async setPasswordWithToken(token: string, password: string, ip: string): Promise<UserRow> {
    const { tokens, users, audit, clock } = this.deps;
    const now = clock.now();
    const found = await tokens.findUsable(hashToken(token), now);
    if (!found) throw new NotFoundError(LINK_GONE);
    const passwordHash = await hashPassword(password);
    if (!(await tokens.markUsed(found.id, now))) throw new NotFoundError(LINK_GONE);
    await users.update(found.user.id, { password_hash: passwordHash, updated_at: now });
    await this.deps.sessions.destroyUserSessions(found.user.id);
    await this.deps.throttle.clear(`account:${found.user.email}`);
    await audit.record({
      action: 'password.changed',
      actorId: found.user.id,
      ip,
      subjectType: 'user',
      subjectId: found.user.id,
      details: { via: found.purpose },
    });
    return { ...found.user, password_hash: passwordHash };
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
  ): Promise<UserRow> {
    await this.checkSetupToken(token);
    const passwordHash = await hashPassword(input.password);
    const now = this.deps.clock.now();
    const user = await this.deps.users.insertIfNoneExist({
      email: normalizeEmail(input.email),
      name: input.name,
      role: 'admin',
      password_hash: passwordHash,
      created_at: now,
      updated_at: now,
    });
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
  }
}

const LINK_GONE =
  'This link has expired or has already been used. Ask for a new one from the sign-in page or from your admin.';
const SETUP_GONE =
  'This setup link is not valid. Setup is only open on a fresh install, with the link the server printed.';
