import type { Actor } from '../audit/actor';
import type { AuditLog } from '../audit/audit.repository';
import type { AuditAction } from '../audit/audit.types';
import type { AssessmentsService, CandidateAssessment } from '../assessments/assessments.service';
import { generateToken, hashToken } from '../auth/tokens';
import type { Clock } from '../clock';
import type { UnitOfWork } from '../db/unit-of-work';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import type { Outbox } from '../mail/outbox.repository';
import { normalizeEmail, type StaffUser } from '../users/users.types';
import { parseInvitationCsv, type InvitationList } from './invitation-csv';
import { invitationEmail } from './invitation.emails';
import type { InvitationsRepository } from './invitations.repository';
import {
  candidateStatus,
  type Candidate,
  type CandidateStatus,
  type ListedCandidate,
  type Invitation,
} from './invitations.types';

const DAY = 86_400_000;
export const DEFAULT_LINK_DAYS = 14;
export const MAX_LINK_DAYS = 90;
/** Candidates who have not started get this many automatic reminders, one at a time. */
const AUTOMATIC_REMINDERS = 1;

export interface NewCandidate {
  name: string;
  email: string;
  extraTimePercent?: number | null;
  /** Days the link stays valid; DEFAULT_LINK_DAYS when not given. */
  expiresInDays?: number | null;
}

export interface InvitationsDependencies {
  uow: UnitOfWork;
  clock: Clock;
  repository: InvitationsRepository;
  assessments: AssessmentsService;
  audit: AuditLog;
  outbox: Outbox;
  baseUrl: string;
  reminderDelayMs: number;
}

/** Candidates: invitations with one-time links, their emails and reminders. */
export class InvitationsService {
  constructor(private readonly deps: InvitationsDependencies) {}

  /** Every candidate of an assessment the user may see, with status; 404 otherwise. */
  async candidates(
    user: StaffUser,
    assessmentId: number,
  ): Promise<{ candidate: Candidate; status: CandidateStatus }[]> {
    await this.deps.assessments.get(user, assessmentId);
    const now = this.deps.clock.now();
    const candidates = await this.deps.repository.candidates(assessmentId);
    return candidates.map((candidate) => ({ candidate, status: candidateStatus(candidate, now) }));
  }

  /** One candidate of an assessment the user may see, with status; 404 otherwise. */
  async candidate(
    user: StaffUser,
    assessmentId: number,
    invitationId: number,
  ): Promise<{ candidate: Candidate; status: CandidateStatus }> {
    await this.deps.assessments.get(user, assessmentId);
    const candidate = await this.deps.repository.candidate(assessmentId, invitationId);
    if (!candidate) throw new NotFoundError('There is no such candidate in this assessment.');
    return { candidate, status: candidateStatus(candidate, this.deps.clock.now()) };
  }

  /**
   * One page of an assessment's candidates, newest first, and how many there are in all. A page
   * past the end gives the last one.
   */
  async candidatesPage(
    user: StaffUser,
    assessmentId: number,
    wanted: { page: number; pageSize: number },
  ): Promise<{
    candidates: { candidate: ListedCandidate; status: CandidateStatus }[];
    page: number;
    total: number;
  }> {
    await this.deps.assessments.get(user, assessmentId);
    const total = await this.deps.repository.countCandidates(assessmentId);
    const page = Math.min(wanted.page, Math.max(1, Math.ceil(total / wanted.pageSize)));
    const now = this.deps.clock.now();
    const candidates = await this.deps.repository.candidatesPage(assessmentId, {
      offset: (page - 1) * wanted.pageSize,
      limit: wanted.pageSize,
    });
    return {
      candidates: candidates.map((candidate) => ({
        candidate,
        status: candidateStatus(candidate, now),
      })),
      page,
      total,
    };
  }

  /** Invites one candidate and queues the email; returns the invitation and its link. */
  async invite(
    actor: Actor,
    user: StaffUser,
    assessmentId: number,
    candidate: NewCandidate,
  ): Promise<{ invitation: Invitation; link: string }> {
    const [created] = await this.inviteMany(actor, user, assessmentId, [candidate]);
    if (!created) throw new Error('inviteMany returned nothing for one candidate');
    return created;
  }

  /** Invites every candidate in one transaction: all of them, or none when one is refused. */
  async inviteMany(
    actor: Actor,
    user: StaffUser,
    assessmentId: number,
    candidates: readonly NewCandidate[],
  ): Promise<{ invitation: Invitation; link: string }[]> {
    return this.deps.uow.transaction(async () => {
      const assessment = await this.invitable(user, assessmentId);
      const emails = candidates.map((c) => normalizeEmail(c.email));
      const taken = await this.deps.repository.emailsInvited(assessmentId, emails);
      const duplicate = emails.find((email, i) => taken.has(email) || emails.indexOf(email) !== i);
      if (duplicate) {
        throw new ValidationError({
          email: `${duplicate} is already invited to this assessment. Resend their link from the list instead.`,
        });
      }
      const created = [];
      for (const candidate of candidates) {
        created.push(await this.createOne(actor, assessment, candidate));
      }
      await this.deps.assessments.noteResultsChanged(assessmentId);
      return created;
    });
  }

  private async createOne(
    actor: Actor,
    assessment: CandidateAssessment,
    candidate: NewCandidate,
  ): Promise<{ invitation: Invitation; link: string }> {
    const now = this.deps.clock.now();
    const { token, hash } = generateToken();
    const days = linkDays(candidate.expiresInDays);
    const invitation = await this.deps.repository.insert({
      assessmentId: assessment.id,
      name: candidate.name.trim(),
      email: normalizeEmail(candidate.email),
      extraTimePercent: candidate.extraTimePercent ?? 0,
      tokenHash: hash,
      expiresAt: now + days * DAY,
      invitedBy: actor.id,
      now,
    });
    const link = this.linkFor(token);
    await this.record(actor, 'invitation.created', invitation.id, {
      assessmentId: assessment.id,
    });
    await this.deps.outbox.enqueue(
      await this.email(assessment, invitation, link, actor.name, { reminder: false }),
    );
    return { invitation, link };
  }

  /**
   * A pasted or uploaded list, read for the manager to review before anything is sent: each row
   * with its problems, people already invited to the assessment included. Nothing is written.
   */
  async reviewList(user: StaffUser, assessmentId: number, text: string): Promise<InvitationList> {
    await this.invitable(user, assessmentId);
    const list = parseInvitationCsv(text);
    const emails = list.rows.map((row) => row.email).filter(Boolean);
    const taken = await this.deps.repository.emailsInvited(assessmentId, emails);
    for (const row of list.rows) {
      if (taken.has(row.email)) row.problems.push(ALREADY_INVITED);
    }
    return list;
  }

  /** The link stops working at once. A started attempt is not affected. */
  async revoke(actor: Actor, user: StaffUser, assessmentId: number, id: number): Promise<void> {
    await this.deps.uow.transaction(async () => {
      const invitation = await this.managed(user, assessmentId, id);
      if (invitation.revokedAt !== null) return;
      await this.deps.repository.revoke(id, this.deps.clock.now());
      await this.deps.assessments.noteResultsChanged(assessmentId);
      await this.record(actor, 'invitation.revoked', id, { assessmentId });
    });
  }

  /** A new link by email, valid for a fresh period; the old link stops working. */
  async resend(
    actor: Actor,
    user: StaffUser,
    assessmentId: number,
    id: number,
  ): Promise<{ link: string }> {
    return this.deps.uow.transaction(async () => {
      const assessment = await this.invitable(user, assessmentId);
      const invitation = await this.managed(user, assessmentId, id);
      const { token, hash } = generateToken();
      const expiresAt = this.deps.clock.now() + DEFAULT_LINK_DAYS * DAY;
      await this.deps.repository.replaceToken(id, hash, expiresAt);
      await this.deps.assessments.noteResultsChanged(assessmentId);
      const link = this.linkFor(token);
      await this.record(actor, 'invitation.resent', id, { assessmentId });
      await this.deps.outbox.enqueue(
        await this.email(assessment, { ...invitation, expiresAt }, link, actor.name, {
          reminder: false,
          replacesEarlier: true,
        }),
      );
      return { link };
    });
  }

  /** Moves the link's expiry; the same link keeps working. */
  async extend(
    actor: Actor,
    user: StaffUser,
    assessmentId: number,
    id: number,
    days: number,
  ): Promise<void> {
    await this.deps.uow.transaction(async () => {
      const invitation = await this.managed(user, assessmentId, id);
      if (invitation.revokedAt !== null)
        throw new ConflictError('This invitation was revoked. Resend it to give a new link.');
      const expiresAt =
        Math.max(invitation.expiresAt, this.deps.clock.now()) + linkDays(days) * DAY;
      await this.deps.repository.setExpiry(id, expiresAt);
      await this.deps.assessments.noteResultsChanged(assessmentId);
      await this.record(actor, 'invitation.extended', id, { assessmentId, days });
    });
  }

  /**
   * The invitation a candidate's link belongs to, marked opened. Refused when the link is
   * unknown, revoked, or expired before the candidate started (a started attempt stays
   * reachable so it can be resumed or its finished page shown).
   */
  async openLink(token: string, hasAttempt: (invitationId: number) => Promise<boolean>) {
    const invitation = await this.deps.repository.findByTokenHash(hashToken(token));
    if (!invitation) throw new NotFoundError(LINK_UNKNOWN);
    const started = await hasAttempt(invitation.id);
    if (!started && invitation.revokedAt !== null) throw new NotFoundError(LINK_REVOKED);
    if (!started && invitation.expiresAt <= this.deps.clock.now())
      throw new NotFoundError(LINK_EXPIRED);
    if (invitation.openedAt === null) {
      await this.deps.repository.markOpened(invitation.id, this.deps.clock.now());
      await this.deps.assessments.noteResultsChanged(invitation.assessmentId);
    }
    return invitation;
  }

  /** The invitation behind a candidate session, still usable; 404 when revoked meanwhile. */
  async forCandidate(id: number): Promise<Invitation> {
    const invitation = await this.deps.repository.findById(id);
    if (!invitation) throw new NotFoundError(LINK_UNKNOWN);
    return invitation;
  }

  async setAccommodation(id: number, key: string | null, percent: number): Promise<void> {
    await this.deps.repository.setAccommodation(id, key, percent);
  }

  /** Emails the automatic reminder to candidates who have not started; returns how many. */
  async sendDueReminders(): Promise<number> {
    const now = this.deps.clock.now();
    const due = await this.deps.repository.dueForReminder(
      now,
      now - this.deps.reminderDelayMs,
      AUTOMATIC_REMINDERS,
    );
    for (const invitation of due) await this.remind(invitation);
    return due.length;
  }

  private async remind(invitation: Invitation): Promise<void> {
    await this.deps.uow.transaction(async () => {
      const assessment = await this.deps.assessments.forCandidates(invitation.assessmentId);
      if (!assessment || assessment.status !== 'open') return;
      const { token, hash } = generateToken();
      // Only token hashes are kept, so a reminder carries a new link; the old one stops working.
      await this.deps.repository.replaceToken(invitation.id, hash, invitation.expiresAt);
      await this.deps.repository.markReminded(invitation.id, this.deps.clock.now());
      await this.deps.audit.record({
        action: 'invitation.reminded',
        subjectType: 'invitation',
        subjectId: invitation.id,
        details: { assessmentId: invitation.assessmentId },
      });
      await this.deps.outbox.enqueue(
        await this.email(assessment, invitation, this.linkFor(token), assessment.ownerName, {
          reminder: true,
          replacesEarlier: true,
        }),
      );
    });
  }

  private async invitable(user: StaffUser, assessmentId: number): Promise<CandidateAssessment> {
    await this.deps.assessments.get(user, assessmentId);
    const assessment = await this.deps.assessments.forCandidates(assessmentId);
    if (!assessment) throw new NotFoundError('There is no such assessment.');
    if (assessment.status !== 'open') {
      throw new ConflictError(
        assessment.status === 'draft'
          ? 'Open the assessment before inviting candidates: a draft can still change.'
          : 'This assessment is closed, so it takes no new candidates.',
      );
    }
    return assessment;
  }

  private async managed(user: StaffUser, assessmentId: number, id: number): Promise<Invitation> {
    await this.deps.assessments.get(user, assessmentId);
    const invitation = await this.deps.repository.findById(id);
    if (!invitation || invitation.assessmentId !== assessmentId)
      throw new NotFoundError('There is no such candidate in this assessment.');
    return invitation;
  }

  private email(
    assessment: CandidateAssessment,
    invitation: Invitation,
    link: string,
    invitedBy: string,
    options: { reminder: boolean; replacesEarlier?: boolean },
  ) {
    return invitationEmail({
      to: invitation.email,
      name: invitation.name,
      invitedBy,
      title: assessment.title,
      skills: assessment.skills.map((s) => s.name),
      questionCount: assessment.totalQuestions,
      minutes: Math.round(
        (assessment.timeLimitMinutes * (100 + invitation.extraTimePercent)) / 100,
      ),
      link,
      expiresAt: invitation.expiresAt,
      ...options,
    });
  }

  private linkFor(token: string): string {
    return `${this.deps.baseUrl}/t/${token}`;
  }

  private record(
    actor: Actor,
    action: AuditAction,
    invitationId: number,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.deps.audit.record({
      action,
      actorId: actor.id,
      ip: actor.ip,
      subjectType: 'invitation',
      subjectId: invitationId,
      details,
    });
  }
}

function linkDays(days: number | null | undefined): number {
  if (days === null || days === undefined) return DEFAULT_LINK_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_LINK_DAYS)
    throw new ValidationError({
      expiresInDays: `Choose a whole number of days from 1 to ${MAX_LINK_DAYS}.`,
    });
  return days;
}

const ALREADY_INVITED =
  'Already invited to this assessment. Resend their link from the list of candidates instead.';
const LINK_UNKNOWN =
  'This link is not valid. Check that you opened the whole link from your invitation email.';
const LINK_REVOKED =
  'This invitation was withdrawn. If you think this is a mistake, reply to the person who invited you.';
const LINK_EXPIRED = 'This link has expired. Ask the person who invited you to send a new one.';
