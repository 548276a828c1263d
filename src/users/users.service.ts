import type { Actor } from '../audit/actor';
import type { AuditLog } from '../audit/audit.repository';
import type { Clock } from '../clock';
import type { UnitOfWork } from '../db/unit-of-work';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import type { Outbox } from '../mail/outbox.repository';
import { hashPassword } from './password';
import { inviteEmail, passwordResetEmail } from './users.emails';
import type { UsersRepository } from './users.repository';
import { normalizeEmail, type Credentials, type Role, type StaffUser } from './users.types';

export const INVITE_TTL_DAYS = 7;
/** A reset link works for an hour. */
export const RESET_LINK_TTL_MS = 60 * 60_000;
const DAY = 86_400_000;

/** Ends a user's sessions; implemented by the session store. */
export interface SessionTerminator {
  destroyUserSessions(userId: number): Promise<void>;
}

/** Issues one-time set-password links; implemented by auth, which owns the tokens. */
export interface PasswordLinks {
  /** A new link for the account (its earlier unused links stop working); returns its URL. */
  issue(userId: number, purpose: 'invite' | 'reset', ttlMs: number): Promise<string>;
}

export interface UsersDependencies {
  uow: UnitOfWork;
  clock: Clock;
  users: UsersRepository;
  links: PasswordLinks;
  audit: AuditLog;
  outbox: Outbox;
  sessions: SessionTerminator;
}

/** Staff accounts: the admin's user management, and the account records sign-in relies on. */
export class UsersService {
  constructor(private readonly deps: UsersDependencies) {}

  list(): Promise<StaffUser[]> {
    return this.deps.users.list();
  }

  async get(id: number): Promise<StaffUser> {
    const user = await this.deps.users.findById(id);
    if (!user) throw new NotFoundError('There is no such user.');
    return user;
  }

  /** An active account by email, or undefined. */
  async findActiveByEmail(email: string): Promise<StaffUser | undefined> {
    const user = await this.deps.users.findByEmail(normalizeEmail(email));
    return user && !user.disabledAt ? user : undefined;
  }

  /** An active account by id, for restoring a signed-in session; undefined when disabled. */
  async findActiveById(id: number): Promise<StaffUser | undefined> {
    const user = await this.deps.users.findById(id);
    return user && !user.disabledAt ? user : undefined;
  }

  findCredentials(email: string): Promise<Credentials | undefined> {
    return this.deps.users.findCredentials(normalizeEmail(email));
  }

  async count(): Promise<number> {
    return this.deps.users.count();
  }

  recordSignIn(id: number): Promise<void> {
    return this.deps.users.recordSignIn(id, this.deps.clock.now());
  }

  /**
   * Sets a new password (hashed by the caller, before its transaction: hashing is slow) and ends
   * the account's sessions, so an old session cannot linger.
   */
  async setPasswordHash(id: number, passwordHash: string): Promise<void> {
    await this.deps.uow.transaction(async () => {
      await this.deps.users.setPasswordHash(id, passwordHash, this.deps.clock.now());
      await this.deps.sessions.destroyUserSessions(id);
    });
  }

  /** Creates an account without a password and mails a set-password link valid for 7 days. */
  async invite(
    actor: Actor,
    input: { email: string; name: string; role: Role },
  ): Promise<StaffUser> {
    const { uow } = this.deps;
    return uow.transaction(async () => {
      const user = await this.insertUnique({ ...input, passwordHash: null });
      await this.mailInviteLink(actor, user, 'user.invited');
      return user;
    });
  }

  /**
   * A fresh set-password link for the admin to pass on while email is not configured: an
   * invitation link for an account without a password, else a one-hour reset link. Earlier links
   * stop working, the email is queued again, and the link is returned to show once. Never log it.
   */
  async issuePasswordLink(actor: Actor, id: number): Promise<{ user: StaffUser; link: string }> {
    return this.deps.uow.transaction(async () => {
      const user = await this.get(id);
      if (user.disabledAt)
        throw new ConflictError(`${user.name} is disabled; re-enable the account first.`);
      const link = user.hasPassword
        ? await this.mailResetLink(actor, user)
        : await this.mailInviteLink(actor, user, 'user.invite_link_issued');
      return { user, link };
    });
  }

  private async mailInviteLink(
    actor: Actor,
    user: StaffUser,
    action: 'user.invited' | 'user.invite_link_issued',
  ): Promise<string> {
    const link = await this.deps.links.issue(user.id, 'invite', INVITE_TTL_DAYS * DAY);
    await this.deps.audit.record({
      action,
      actorId: actor.id,
      ip: actor.ip,
      subjectType: 'user',
      subjectId: user.id,
      details: { role: user.role },
    });
    await this.deps.outbox.enqueue(
      inviteEmail({
        to: user.email,
        name: user.name,
        invitedBy: actor.name,
        link,
        validDays: INVITE_TTL_DAYS,
      }),
    );
    return link;
  }

  private async mailResetLink(actor: Actor, user: StaffUser): Promise<string> {
    const link = await this.deps.links.issue(user.id, 'reset', RESET_LINK_TTL_MS);
    await this.deps.audit.record({
      action: 'password.reset_requested',
      actorId: actor.id,
      ip: actor.ip,
      subjectType: 'user',
      subjectId: user.id,
      details: { by: 'admin' },
    });
    await this.deps.outbox.enqueue(
      passwordResetEmail({
        to: user.email,
        name: user.name,
        link,
        validMinutes: RESET_LINK_TTL_MS / 60_000,
      }),
    );
    return link;
  }

  /** For the command line: an account with a password, ready to sign in. */
  async createWithPassword(input: {
    email: string;
    name: string;
    role: Role;
    password: string;
  }): Promise<StaffUser> {
    const passwordHash = await hashPassword(input.password);
    return this.deps.uow.transaction(async () => {
      const user = await this.insertUnique({ ...input, passwordHash });
      await this.deps.audit.record({
        action: 'user.created',
        subjectType: 'user',
        subjectId: user.id,
        details: { role: user.role, via: 'cli' },
      });
      return user;
    });
  }

  /** The first admin of a fresh install; undefined when any account exists already. */
  async createFirstAdmin(input: {
    email: string;
    name: string;
    passwordHash: string;
  }): Promise<StaffUser | undefined> {
    return this.deps.uow.transaction(async () => {
      if ((await this.deps.users.count()) > 0) return undefined;
      return this.insertUnique({ ...input, role: 'admin' });
    });
  }

  async disable(actor: Actor, id: number): Promise<void> {
    await this.deps.uow.transaction(async () => {
      const user = await this.get(id);
      if (user.id === actor.id) throw new ConflictError('You cannot disable your own account.');
      if (user.disabledAt) return;
      await this.assertNotLastAdmin(user);
      const now = this.deps.clock.now();
      await this.deps.users.setDisabled(id, now, now);
      await this.deps.sessions.destroyUserSessions(id);
      await this.recordChange(actor, 'user.disabled', id);
    });
  }

  async enable(actor: Actor, id: number): Promise<void> {
    await this.deps.uow.transaction(async () => {
      const user = await this.get(id);
      if (!user.disabledAt) return;
      await this.deps.users.setDisabled(id, null, this.deps.clock.now());
      await this.recordChange(actor, 'user.enabled', id);
    });
  }

  /** Changing a role ends the user's sessions, so the new privileges start with a fresh sign-in. */
  async changeRole(actor: Actor, id: number, role: Role): Promise<void> {
    await this.deps.uow.transaction(async () => {
      const user = await this.get(id);
      if (user.role === role) return;
      if (user.id === actor.id)
        throw new ConflictError('You cannot change your own role; ask another admin.');
      await this.assertNotLastAdmin(user);
      await this.deps.users.setRole(id, role, this.deps.clock.now());
      await this.deps.sessions.destroyUserSessions(id);
      await this.recordChange(actor, 'user.role_changed', id, { from: user.role, to: role });
    });
  }

  private recordChange(
    actor: Actor,
    action: 'user.disabled' | 'user.enabled' | 'user.role_changed',
    id: number,
    details?: Record<string, unknown>,
  ): Promise<void> {
    return this.deps.audit.record({
      action,
      actorId: actor.id,
      ip: actor.ip,
      subjectType: 'user',
      subjectId: id,
      details,
    });
  }

  private async assertNotLastAdmin(user: StaffUser): Promise<void> {
    if (
      user.role === 'admin' &&
      !user.disabledAt &&
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
  }): Promise<StaffUser> {
    const email = normalizeEmail(input.email);
    if (await this.deps.users.findByEmail(email)) {
      throw new ValidationError({ email: 'A user with this email already exists.' });
    }
    return this.deps.users.insert({
      email,
      name: input.name.trim(),
      role: input.role,
      passwordHash: input.passwordHash,
      now: this.deps.clock.now(),
    });
  }
}
