import type { AuditLog } from '../audit/audit.repository';
import type { Actor } from '../auth/actor';
import { inviteEmail } from '../auth/auth.emails';
import { normalizeEmail } from '../auth/auth.service';
import { hashPassword } from '../auth/password';
import { generateToken } from '../auth/tokens';
import type { UserTokensRepository } from '../auth/user-tokens.repository';
import type { Clock } from '../clock';
import type { Role, UserRow } from '../db/schema';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import type { Mailer } from '../mail/mailer';
import type { UsersRepository } from './users.repository';

export const INVITE_TTL_DAYS = 7;
const DAY = 86_400_000;

/** Ends a user's sessions; implemented by the session store. */
export interface SessionTerminator {
  destroyUserSessions(userId: number): Promise<void>;
}

export interface UsersDependencies {
  clock: Clock;
  users: UsersRepository;
  tokens: UserTokensRepository;
  audit: AuditLog;
  mailer: Mailer;
  sessions: SessionTerminator;
  baseUrl: string;
}

export class UsersService {
  constructor(private readonly deps: UsersDependencies) {}

  list(): Promise<UserRow[]> {
    return this.deps.users.list();
  }

  async get(id: number): Promise<UserRow> {
    const user = await this.deps.users.findById(id);
    if (!user) throw new NotFoundError('There is no such user.');
    return user;
  }

  /** Creates an account without a password and mails a set-password link valid for 7 days. */
  async invite(actor: Actor, input: { email: string; name: string; role: Role }): Promise<UserRow> {
    const { tokens, audit, mailer, clock, baseUrl } = this.deps;
    const user = await this.insertUnique({ ...input, passwordHash: null });
    const now = clock.now();
    const { token, hash } = generateToken();
    await tokens.create({
      userId: user.id,
      purpose: 'invite',
      hash,
      now,
      expiresAt: now + INVITE_TTL_DAYS * DAY,
    });
    await audit.record({
      action: 'user.invited',
      actorId: actor.id,
      ip: actor.ip,
      subjectType: 'user',
      subjectId: user.id,
      details: { role: user.role },
    });
    await mailer.send(
      inviteEmail({
        to: user.email,
        name: user.name,
        invitedBy: actor.name,
        link: `${baseUrl}/password/set?token=${token}`,
        validDays: INVITE_TTL_DAYS,
      }),
    );
    return user;
  }

  /** For the command line: an account with a password, ready to sign in. */
  async createWithPassword(input: {
    email: string;
    name: string;
    role: Role;
    password: string;
  }): Promise<UserRow> {
    const user = await this.insertUnique({
      ...input,
      passwordHash: await hashPassword(input.password),
    });
    await this.deps.audit.record({
      action: 'user.created',
      subjectType: 'user',
      subjectId: user.id,
      details: { role: user.role, via: 'cli' },
    });
    return user;
  }

  async disable(actor: Actor, id: number): Promise<void> {
    const user = await this.get(id);
    if (user.id === actor.id) throw new ConflictError('You cannot disable your own account.');
    if (user.disabled_at) return;
    await this.assertNotLastAdmin(user);
    await this.deps.users.update(id, {
      disabled_at: this.deps.clock.now(),
      updated_at: this.deps.clock.now(),
    });
    await this.deps.sessions.destroyUserSessions(id);
    await this.deps.audit.record({
      action: 'user.disabled',
      actorId: actor.id,
      ip: actor.ip,
      subjectType: 'user',
      subjectId: id,
    });
  }

  async enable(actor: Actor, id: number): Promise<void> {
    const user = await this.get(id);
    if (!user.disabled_at) return;
    await this.deps.users.update(id, { disabled_at: null, updated_at: this.deps.clock.now() });
    await this.deps.audit.record({
      action: 'user.enabled',
      actorId: actor.id,
      ip: actor.ip,
      subjectType: 'user',
      subjectId: id,
    });
  }

  /** Changing a role ends the user's sessions, so the new privileges start with a fresh sign-in. */
  async changeRole(actor: Actor, id: number, role: Role): Promise<void> {
    const user = await this.get(id);
    if (user.role === role) return;
    if (user.id === actor.id)
      throw new ConflictError('You cannot change your own role; ask another admin.');
    await this.assertNotLastAdmin(user);
    await this.deps.users.update(id, { role, updated_at: this.deps.clock.now() });
    await this.deps.sessions.destroyUserSessions(id);
    await this.deps.audit.record({
      action: 'user.role_changed',
      actorId: actor.id,
      ip: actor.ip,
      subjectType: 'user',
      subjectId: id,
      details: { from: user.role, to: role },
    });
  }

  private async assertNotLastAdmin(user: UserRow): Promise<void> {
    if (
      user.role === 'admin' &&
      !user.disabled_at &&
      (await this.deps.users.countActive('admin')) <= 1
    ) {
      throw new ConflictError('This is the last active admin. Make another user an admin first.');
    }
  }

  private async insertUnique(input: {
    email: string;
    name: string;
    role: Role;
    passwordHash: string | null;
  }): Promise<UserRow> {
    const email = normalizeEmail(input.email);
    if (await this.deps.users.findByEmail(email)) {
      throw new ValidationError({ email: 'A user with this email already exists.' });
    }
    const now = this.deps.clock.now();
    return this.deps.users.insert({
      email,
      name: input.name.trim(),
      role: input.role,
      password_hash: input.passwordHash,
      created_at: now,
      updated_at: now,
    });
  }
}
