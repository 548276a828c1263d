import type { Actor } from '../audit/actor';
import type { AuditLog } from '../audit/audit.repository';
import type { AssessmentsService, CandidateAssessment } from '../assessments/assessments.service';
import type { Assessment } from '../assessments/assessments.types';
import type { Rng } from '../assessments/draw';
import type { BanksService } from '../banks/banks.service';
import type { Question } from '../banks/question.schemas';
import type { Clock } from '../clock';
import { scoreAttempt, type AttemptScore } from '../scoring/attempt-scoring';
import { onlyKeyChanged } from '../scoring/key-correction';
import type { StoredQuestion } from '../banks/banks.types';
import type { UnitOfWork } from '../db/unit-of-work';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../http/errors';
import type { InvitationsService } from '../invitations/invitations.service';
import type { Invitation } from '../invitations/invitations.types';
import type { StaffUser } from '../users/users.types';
import {
  isAnswered,
  parseAnswerForm,
  responseToFormValues,
  type AnswerFormValues,
} from './answer-form';
import { drawAttempt, presentQuestion, type PresentedQuestion } from './attempt-draw';
import {
  ANSWER_GRACE_MS,
  acceptsAnswers,
  addTime,
  deadlineFor,
  questionDeadline,
  reopenDeadline,
  timeOnPage,
  totalExtraPercent,
} from './deadline';
import { USER_AGENT_KEPT, type QuizRepository } from './quiz.repository';
import type { Attempt, AttemptQuestion, ClientInfo, IntegrityEventKind } from './quiz.types';

/** Beacons past this many per attempt are dropped: signals, not a way to fill the disk. */
const MAX_EVENTS_PER_ATTEMPT = 1_000;

/** Thrown when a question's own time limit is over; the rest of the attempt goes on. */
export class QuestionClosedError extends ConflictError {
  constructor() {
    super(
      'The time for this question is over, so this change was not saved. Your earlier answer is kept.',
    );
  }
}

/** Thrown when an answer arrives after the deadline; the page says time ran out. */
export class TimeUpError extends ConflictError {
  constructor() {
    super('Time ran out, so this answer was not saved. Every answer saved before the end is kept.');
  }
}

export interface CandidateQuiz {
  invitation: Invitation;
  assessment: CandidateAssessment;
  attempt: Attempt | undefined;
  /** Minutes the candidate gets, with extra time and any accommodation applied. */
  minutes: number;
}

/** A started attempt and what its clocks depend on: all a question page or an answer save reads. */
export interface StartedAttempt {
  invitation: Invitation;
  assessment: Assessment;
  attempt: Attempt;
}

export interface QuestionPage {
  quiz: StartedAttempt;
  question: PresentedQuestion;
  entry: AttemptQuestion;
  /** When this question closes: its own limit or the attempt's deadline, whichever is first. */
  closesAt: number;
  /** Its own time limit is over: the saved answer is kept and can no longer change. */
  closed: boolean;
  values: AnswerFormValues;
  number: number;
  total: number;
}

export interface QuizDependencies {
  uow: UnitOfWork;
  clock: Clock;
  rng: Rng;
  repository: QuizRepository;
  invitations: InvitationsService;
  assessments: AssessmentsService;
  banks: BanksService;
  audit: AuditLog;
}

/** The candidate's side: start, answer, submit; and the server's clock over all of it. */
export class QuizService {
  constructor(private readonly deps: QuizDependencies) {}

  /** Binds a link to its invitation; refused for unknown, revoked or expired links. */
  async openLink(token: string): Promise<Invitation> {
    return this.deps.uow.transaction(() =>
      this.deps.invitations.openLink(
        token,
        async (invitationId) => (await this.deps.repository.attemptOf(invitationId)) !== undefined,
      ),
    );
  }

  async quiz(invitationId: number): Promise<CandidateQuiz> {
    const invitation = await this.deps.invitations.forCandidate(invitationId);
    const assessment = await this.deps.assessments.forCandidates(invitation.assessmentId);
    if (!assessment) throw new NotFoundError(ASSESSMENT_GONE);
    const attempt = await this.deps.repository.attemptOf(invitationId);
    const extra = totalExtraPercent(invitation.extraTimePercent, invitation.accommodationPercent);
    const minutes = Math.round((assessment.timeLimitMinutes * (100 + extra)) / 100);
    return { invitation, assessment, attempt, minutes };
  }

  /** The invitation's attempt, if the candidate has started. */
  attemptOf(invitationId: number): Promise<Attempt | undefined> {
    return this.deps.repository.attemptOf(invitationId);
  }

  /** Before starting, the candidate may ask for one of the assessment's accommodations. */
  async chooseAccommodation(invitationId: number, key: string | null): Promise<void> {
    await this.deps.uow.transaction(async () => {
      const { assessment, attempt } = await this.quiz(invitationId);
      if (attempt) throw new ConflictError('The assessment has started; the time is already set.');
      if (key === null) return this.deps.invitations.setAccommodation(invitationId, null, 0);
      const chosen = assessment.accommodations.find((a) => a.key === key);
      if (!chosen) throw new ValidationError({ accommodation: 'Choose one of the options shown.' });
      await this.deps.invitations.setAccommodation(invitationId, chosen.key, chosen.percent);
    });
  }

  /** Fixes the deadline and draws the questions; starting again returns the same attempt. */
  async start(invitationId: number, client: { ip: string; userAgent: string }): Promise<Attempt> {
    return this.deps.uow.transaction(async () => {
      const { invitation, assessment, attempt } = await this.quiz(invitationId);
      if (attempt) return attempt;
      if (invitation.revokedAt !== null) throw new NotFoundError(WITHDRAWN);
      if (invitation.expiresAt <= this.deps.clock.now()) throw new NotFoundError(EXPIRED);
      if (assessment.status !== 'open')
        throw new ConflictError('This assessment is closed and takes no new starts.');
      const now = this.deps.clock.now();
      const drawn = drawAttempt({
        skills: await this.pools(assessment),
        shuffleOptions: assessment.shuffle,
        rng: this.deps.rng,
      });
      const deadlineAt = deadlineFor({
        startedAt: now,
        timeLimitMinutes: assessment.timeLimitMinutes,
        extraTimePercent: totalExtraPercent(
          invitation.extraTimePercent,
          invitation.accommodationPercent,
        ),
      });
      const started = await this.deps.repository.insertAttempt(
        { invitationId, startedAt: now, deadlineAt, ...client },
        drawn,
      );
      await this.deps.assessments.noteResultsChanged(assessment.id);
      return started;
    });
  }

  private async pools(assessment: CandidateAssessment) {
    const pools = await this.deps.assessments.questionPools(assessment);
    const ids = [...pools.values()].flat().map((q) => q.id);
    const exposures = await this.deps.repository.exposures(ids);
    return assessment.skills.map((skill) => ({
      skill: skill.skill,
      count: skill.questionCount,
      preferredTags: skill.preferredTags,
      questions: (pools.get(skill.skillId) ?? []).map((q) => ({
        id: q.id,
        version: q.currentVersion,
        question: q.question,
        exposure: exposures.get(q.id) ?? 0,
      })),
    }));
  }

  /** The attempt's questions in order, with answers and flags; expires it once time is up. */
  async progress(invitationId: number): Promise<{
    quiz: CandidateQuiz & { attempt: Attempt };
    questions: AttemptQuestion[];
  }> {
    const quiz = await this.startedQuiz(invitationId);
    return { quiz, questions: await this.deps.repository.questions(quiz.attempt.id) };
  }

  /** One question as the candidate sees it, with their saved answer; `number` is 1-based. */
  async questionPage(invitationId: number, number: number): Promise<QuestionPage> {
    const { quiz, found, total } = await this.questionOf(invitationId, number);
    const entry = await this.shown(quiz.attempt, found);
    const question = await this.version(entry);
    const closesAt = this.closesAt(quiz, entry);
    return {
      quiz,
      entry,
      closesAt,
      closed:
        closesAt < quiz.attempt.deadlineAt && !acceptsAnswers(closesAt, this.deps.clock.now()),
      question: presentQuestion(question, entry),
      values: entry.response ? responseToFormValues(question, entry, entry.response) : {},
      number,
      total,
    };
  }

  /**
   * Saves one answer (and the review flag) before the deadline. Nothing is stored when the
   * form is refused or time is up.
   */
  async saveAnswer(
    invitationId: number,
    number: number,
    fields: Record<string, unknown>,
    context: {
      flagged?: boolean;
      client: ClientInfo;
      /** When the candidate's browser showed this question's page, if it did. */
      viewingSince?: number;
    },
  ): Promise<{ answered: boolean }> {
    return this.deps.uow.batchedTransaction(async () => {
      const { quiz, found } = await this.questionOf(invitationId, number);
      this.assertAcceptsAnswers(quiz.attempt);
      const entry = await this.shown(quiz.attempt, found);
      if (!acceptsAnswers(this.closesAt(quiz, entry), this.deps.clock.now()))
        throw new QuestionClosedError();
      const parsed = parseAnswerForm(await this.version(entry), entry, fields);
      if (!parsed.ok) throw new ValidationError({ answer: parsed.message });
      const answered = isAnswered(parsed.response);
      const { id } = quiz.attempt;
      await this.deps.repository.saveResponse(
        id,
        entry.position,
        answered ? parsed.response : null,
        this.deps.clock.now(),
      );
      if (context.flagged !== undefined && context.flagged !== entry.flagged)
        await this.deps.repository.setFlagged(id, entry.position, context.flagged);
      const now = this.deps.clock.now();
      const onPageMs = timeOnPage(context.viewingSince, entry.timeCountedAt, now);
      if (onPageMs > 0) await this.deps.repository.addTimeSpent(id, entry.position, onPageMs, now);
      await this.noteClientChanges(quiz.attempt, context.client, entry.position);
      return { answered };
    });
  }

  /** Records when the network address or browser differs from the last one seen. */
  private async noteClientChanges(
    attempt: Attempt,
    client: ClientInfo,
    position: number,
  ): Promise<void> {
    const seen = { ip: client.ip, userAgent: client.userAgent.slice(0, USER_AGENT_KEPT) };
    const changes: [IntegrityEventKind, string | null, string][] = [
      ['ip_change', attempt.lastIp, seen.ip],
      ['user_agent_change', attempt.lastUserAgent, seen.userAgent],
    ];
    const changed = changes.filter(([, last, now]) => last !== null && last !== now);
    if (!changed.length) return;
    for (const [kind, , value] of changed)
      await this.deps.repository.recordEvent({
        attemptId: attempt.id,
        kind,
        at: this.deps.clock.now(),
        position,
        details: { value },
      });
    await this.deps.repository.setLastClient(attempt.id, seen);
  }

  /** Submits the attempt; submitting again is a no-op. Refused once time has run out. */
  async submit(invitationId: number): Promise<Attempt> {
    return this.deps.uow.transaction(async () => {
      const { quiz } = await this.progress(invitationId);
      if (quiz.attempt.status !== 'in_progress') return quiz.attempt;
      this.assertAcceptsAnswers(quiz.attempt);
      await this.deps.repository.finish(quiz.attempt.id, 'submitted', this.deps.clock.now());
      await this.score(quiz, quiz.attempt.id);
      return (await this.deps.repository.attemptOf(invitationId)) as Attempt;
    });
  }

  /** Records an integrity signal for the attempt in progress; extra ones are dropped. */
  async recordEvent(
    invitationId: number,
    kind: IntegrityEventKind,
    position: number | null,
  ): Promise<void> {
    await this.deps.uow.transaction(async () => {
      const attempt = await this.deps.repository.attemptOf(invitationId);
      if (!attempt || attempt.status !== 'in_progress') return;
      if ((await this.deps.repository.countEvents(attempt.id)) >= MAX_EVENTS_PER_ATTEMPT) return;
      await this.deps.repository.recordEvent({
        attemptId: attempt.id,
        kind,
        at: this.deps.clock.now(),
        position,
      });
    });
  }

  /** How many attempts have shown each question: the draw prefers the least shown. */
  exposures(questionIds: readonly string[]): Promise<Map<string, number>> {
    return this.deps.repository.exposures(questionIds);
  }

  /** Finalizes attempts whose time ran out; the background sweep calls it every few seconds. */
  async expireOverdue(): Promise<number> {
    const cutoff = this.deps.clock.now() - ANSWER_GRACE_MS;
    const overdue = await this.deps.repository.overdue(cutoff);
    for (const attempt of overdue) {
      await this.deps.uow.transaction(async () => {
        if (!(await this.deps.repository.finish(attempt.id, 'expired', this.deps.clock.now())))
          return;
        await this.score(await this.quiz(attempt.invitationId), attempt.id);
      });
    }
    return overdue.length;
  }

  /** A manager gives a running attempt more time, or reopens one whose time ran out. */
  async changeTime(
    actor: Actor,
    user: StaffUser,
    assessmentId: number,
    invitationId: number,
    input: { minutes: number; reason: string },
  ): Promise<void> {
    const reason = input.reason.trim();
    if (!reason) throw new ValidationError({ reason: 'Say why, for the audit log.' });
    await this.deps.uow.transaction(async () => {
      await this.deps.assessments.get(user, assessmentId);
      const invitation = await this.deps.invitations.forCandidate(invitationId);
      const attempt = await this.deps.repository.attemptOf(invitationId);
      if (invitation.assessmentId !== assessmentId || !attempt)
        throw new NotFoundError('This candidate has not started, so there is no time to change.');
      if (attempt.status === 'submitted')
        throw new ConflictError('This candidate has submitted; their attempt is final.');
      const now = this.deps.clock.now();
      const reopening = attempt.status === 'expired' || attempt.deadlineAt < now;
      const deadlineAt = timeChange(() =>
        reopening
          ? reopenDeadline(now, input.minutes)
          : addTime(attempt.deadlineAt, input.minutes, now),
      );
      await this.deps.repository.setDeadline(attempt.id, deadlineAt);
      await this.deps.assessments.noteResultsChanged(assessmentId);
      await this.deps.audit.record({
        action: reopening ? 'attempt.reopened' : 'attempt.time_added',
        actorId: actor.id,
        ip: actor.ip,
        subjectType: 'invitation',
        subjectId: invitationId,
        details: { assessmentId, minutes: input.minutes, reason, deadlineAt },
      });
    });
  }

  /**
   * Scores an ended attempt from the versions it showed, its answers and any essay grades, and
   * stores the result with the rules applied. Runs again when an essay is graded.
   */
  async score(
    quiz: CandidateQuiz,
    attemptId: number,
    options: { correctedKeys?: boolean } = {},
  ): Promise<AttemptScore> {
    const questions = await this.deps.repository.questions(attemptId);
    const shown = await this.deps.banks.findVersions(
      questions.map((q) => ({ id: q.questionId, version: q.version })),
    );
    const current = options.correctedKeys
      ? await this.deps.banks.currentQuestions(questions.map((q) => q.questionId))
      : new Map<string, StoredQuestion>();
    const grades = await this.deps.repository.grades(attemptId);
    const corrected = new Map<number, number>();
    const result = scoreAttempt({
      questions: questions.map((q) => {
        const asShown = shown.get(`${q.questionId}@${q.version}`) as Question;
        const latest = current.get(q.questionId);
        const useLatest =
          latest && latest.currentVersion > q.version && onlyKeyChanged(asShown, latest.question);
        if (useLatest) corrected.set(q.position, latest.currentVersion);
        return {
          position: q.position,
          skill: q.skill,
          question: useLatest ? latest.question : asShown,
          response: q.response,
          grade: grades.get(q.position) ?? null,
        };
      }),
      skills: quiz.assessment.skills,
      passThreshold: quiz.assessment.passThreshold,
    });
    for (const entry of result.questions) {
      const version = corrected.get(entry.position);
      if (version) entry.rule = `${entry.rule} Key as corrected in version ${version}.`;
    }
    await this.deps.repository.saveScore(attemptId, result, this.deps.clock.now());
    await this.deps.assessments.noteResultsChanged(quiz.assessment.id);
    return result;
  }

  /**
   * An admin's explicit re-score after a key correction: every ended attempt of the assessment
   * is scored again, using a question's newer version where it only changes the key. Old and
   * new scores go to the audit log.
   */
  async rescoreWithCorrectedKeys(
    actor: Actor,
    user: StaffUser,
    assessmentId: number,
  ): Promise<{ attempts: number; changed: number }> {
    if (user.role !== 'admin')
      throw new ForbiddenError('Only an admin can re-score attempts after a key correction.');
    return this.deps.uow.transaction(async () => {
      await this.deps.assessments.get(user, assessmentId);
      const ended = await this.deps.repository.endedAttempts(assessmentId);
      let changed = 0;
      for (const attempt of ended) {
        const before = await this.deps.repository.scoreOf(attempt.id);
        const quiz = await this.quiz(attempt.invitationId);
        const after = await this.score(quiz, attempt.id, { correctedKeys: true });
        if (before?.overall.score === after.overall.score) continue;
        changed += 1;
        await this.deps.audit.record({
          action: 'attempt.rescored',
          actorId: actor.id,
          ip: actor.ip,
          subjectType: 'invitation',
          subjectId: attempt.invitationId,
          details: {
            assessmentId,
            before: before?.overall.score ?? null,
            after: after.overall.score,
            skillsBefore: before?.skills.map((s) => [s.skill, s.score]) ?? [],
            skillsAfter: after.skills.map((s) => [s.skill, s.score]),
          },
        });
      }
      return { attempts: ended.length, changed };
    });
  }

  /**
   * The candidate's own result, only when the assessment shows results and the scores are
   * final (every essay graded); otherwise undefined and the page just thanks them.
   */
  async resultForCandidate(
    quiz: CandidateQuiz & { attempt: Attempt },
  ): Promise<AttemptScore | undefined> {
    if (!quiz.assessment.showResults || quiz.attempt.status === 'in_progress') return undefined;
    const score = await this.deps.repository.scoreOf(quiz.attempt.id);
    return score && !score.pending ? score : undefined;
  }

  /** The question marked as shown (now, unless it was before), for its own time limit. */
  private async shown(attempt: Attempt, entry: AttemptQuestion): Promise<AttemptQuestion> {
    if (entry.firstShownAt !== null) return entry;
    const now = this.deps.clock.now();
    await this.deps.repository.markShown(attempt.id, entry.position, now);
    return { ...entry, firstShownAt: now };
  }

  private closesAt(quiz: StartedAttempt, entry: AttemptQuestion): number {
    const { invitation, assessment, attempt } = quiz;
    return questionDeadline({
      openedAt: entry.firstShownAt ?? this.deps.clock.now(),
      limitSeconds: assessment.questionTimeLimitSeconds,
      extraTimePercent: totalExtraPercent(
        invitation.extraTimePercent,
        invitation.accommodationPercent,
      ),
      attemptDeadline: attempt.deadlineAt,
    });
  }

  /**
   * The started attempt and its question `number` (1-based), read without the assessment's
   * skills and the other questions: the two busiest candidate requests need neither.
   */
  private async questionOf(
    invitationId: number,
    number: number,
  ): Promise<{ quiz: StartedAttempt; found: AttemptQuestion; total: number }> {
    const invitation = await this.deps.invitations.forCandidate(invitationId);
    const assessment = await this.deps.assessments.settingsForCandidates(invitation.assessmentId);
    if (!assessment) throw new NotFoundError(ASSESSMENT_GONE);
    const attempt = await this.deps.repository.attemptOf(invitationId);
    if (!attempt) throw new ConflictError(START_FIRST);
    const question = await this.deps.repository.questionAt(attempt.id, number - 1);
    if (!question) throw new NotFoundError(NO_SUCH_QUESTION);
    return {
      quiz: { invitation, assessment, attempt },
      found: question.entry,
      total: question.total,
    };
  }

  private async startedQuiz(invitationId: number): Promise<CandidateQuiz & { attempt: Attempt }> {
    const quiz = await this.quiz(invitationId);
    const { attempt } = quiz;
    if (!attempt) throw new ConflictError(START_FIRST);
    return { ...quiz, attempt };
  }

  private assertAcceptsAnswers(attempt: Attempt): void {
    if (attempt.status === 'submitted')
      throw new ConflictError('You have already submitted this assessment.');
    if (attempt.status === 'expired' || !acceptsAnswers(attempt.deadlineAt, this.deps.clock.now()))
      throw new TimeUpError();
  }

  private async version(entry: AttemptQuestion): Promise<Question> {
    const ref = { id: entry.questionId, version: entry.version };
    const question = (await this.deps.banks.findVersions([ref])).get(`${ref.id}@${ref.version}`);
    if (!question) throw new Error(`Question ${ref.id} version ${ref.version} is missing`);
    return question;
  }
}

function timeChange(compute: () => number): number {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RangeError) throw new ValidationError({ minutes: error.message });
    throw error;
  }
}

const ASSESSMENT_GONE = 'This assessment no longer exists.';
const START_FIRST = 'Start the assessment first.';
const NO_SUCH_QUESTION = 'There is no such question in your assessment.';
const WITHDRAWN =
  'This invitation was withdrawn. If you think this is a mistake, reply to the person who invited you.';
const EXPIRED = 'This link has expired. Ask the person who invited you to send a new one.';
