import type { Actor } from '../audit/actor';
import type { AuditLog } from '../audit/audit.repository';
import type { AssessmentsService, CandidateAssessment } from '../assessments/assessments.service';
import type { Assessment } from '../assessments/assessments.types';
import type { BanksService } from '../banks/banks.service';
import type { Question } from '../banks/question.schemas';
import { BoundedCache } from '../bounded-cache';
import type { Clock } from '../clock';
import type { Decision } from '../db/schema';
import type { UnitOfWork } from '../db/unit-of-work';
import { BadRequestError, ConflictError, NotFoundError, ValidationError } from '../http/errors';
import type { InvitationsService } from '../invitations/invitations.service';
import type { Candidate, CandidateStatus } from '../invitations/invitations.types';
import type { Attempt } from '../quiz/quiz.types';
import type { QuizService } from '../quiz/quiz.service';
import type { AttemptScore } from '../scoring/attempt-scoring';
import type { StaffUser } from '../users/users.types';
import {
  averageDuration,
  candidateTable,
  funnel,
  passCounts,
  type FunnelStep,
  type PassCount,
  type PoolCandidate,
  type TableView,
} from './dashboard';
import {
  candidateRecords,
  responseRecords,
  type CandidateRecord,
  type ResponseRecord,
} from './exports';
import { scoreBins } from './charts';
import type { ReportsRepository } from './reports.repository';
import type {
  CandidateDecision,
  EssayToGrade,
  IntegritySignal,
  ReviewedQuestion,
} from './reports.types';

export interface CandidateReport {
  assessment: CandidateAssessment;
  candidate: Candidate;
  status: CandidateStatus;
  attempt: Attempt | undefined;
  score: AttemptScore | undefined;
  questions: (ReviewedQuestion & { question: Question })[];
  signals: IntegritySignal[];
  decision: CandidateDecision | undefined;
  /** Overall scores of every scored attempt of the assessment, lowest first, for context. */
  pool: number[];
  /** The same scores counted per histogram bin. */
  poolBins: number[];
}

/** An assessment with its skills, and every candidate with status and stored score. */
export interface AssessmentPool {
  assessment: CandidateAssessment;
  candidates: PoolCandidate[];
}

/** The figures of a dashboard that do not depend on the table's view. */
interface PoolFigures {
  funnel: FunnelStep[];
  /** Mean time of ended attempts, or null when none has ended. */
  averageDurationMs: number | null;
  passCounts: PassCount[];
  /** Overall scores of every scored attempt, lowest first, and how many are provisional. */
  scores: number[];
  /** The same scores counted per histogram bin. */
  scoreBins: number[];
  provisional: number;
  /** Scored candidates who passed the overall pass mark. */
  passedOverall: number;
  essaysWaiting: number;
}

/**
 * An assessment's candidates and figures as of one results version. Kept in memory per
 * process: with thousands of candidates, reading and parsing every stored score on each view
 * would cost seconds. Statuses depend on the time too (a link expires), so a snapshot holds
 * only until the first link still unused expires.
 */
interface PoolSnapshot extends PoolFigures {
  validUntil: number;
  candidates: PoolCandidate[];
  /** The candidate table per sort and filter asked for so far. */
  tables: Map<string, PoolCandidate[]>;
}

/** Assessments whose snapshot a process keeps; the least recently built goes first. */
const SNAPSHOTS_KEPT = 20;
/** Candidates per page of the dashboard's table. */
export const TABLE_PAGE_SIZE = 50;

export interface Dashboard extends AssessmentPool, PoolFigures {
  view: TableView;
  /** The page shown (1-based), how many pages there are, and how many candidates match. */
  page: number;
  pageCount: number;
  matching: number;
  /** This page of the candidate table, filtered and sorted as the view asks. */
  rows: PoolCandidate[];
}

export interface ReportsDependencies {
  uow: UnitOfWork;
  clock: Clock;
  repository: ReportsRepository;
  assessments: AssessmentsService;
  invitations: InvitationsService;
  quiz: QuizService;
  banks: BanksService;
  audit: AuditLog;
}

const COMMENT_MAX = 2_000;

/** When the first link not yet used expires: the status of that candidate changes then. */
function nextStatusChange(candidates: readonly PoolCandidate[], now: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const { candidate } of candidates) {
    const waiting = candidate.attemptId === null && candidate.revokedAt === null;
    if (waiting && candidate.expiresAt > now) next = Math.min(next, candidate.expiresAt);
  }
  return next;
}
const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;
export const COMPARE_REFUSAL = `Choose ${COMPARE_MIN} to ${COMPARE_MAX} candidates to compare: tick them in the candidate list of the report, then press Compare.`;

/** What hiring managers read and decide from: reports, essay grading, decisions. */
export class ReportsService {
  private readonly snapshots = new BoundedCache<
    number,
    { version: number; built: Promise<PoolSnapshot> }
  >(SNAPSHOTS_KEPT);

  constructor(private readonly deps: ReportsDependencies) {}

  /** One candidate's result, answers and signals; 404 unless the user may see the assessment. */
  async candidateReport(
    user: StaffUser,
    assessmentId: number,
    invitationId: number,
  ): Promise<CandidateReport> {
    const { assessment, snapshot } = await this.snapshot(user, assessmentId);
    const found = await this.deps.invitations.candidate(user, assessmentId, invitationId);
    const attempt = await this.deps.quiz.attemptOf(invitationId);
    const reviewed = attempt ? await this.deps.repository.reviewedQuestions(attempt.id) : [];
    const versions = await this.deps.banks.findVersions(
      reviewed.map((q) => ({ id: q.questionId, version: q.version })),
    );
    return {
      assessment,
      candidate: found.candidate,
      status: found.status,
      attempt,
      // The candidate's row carries the stored score: no second read of it.
      score: (attempt && found.candidate.score) ?? undefined,
      questions: reviewed.map((q) => ({
        ...q,
        question: versions.get(`${q.questionId}@${q.version}`) as Question,
      })),
      signals: attempt ? await this.deps.repository.signals(attempt.id) : [],
      decision: await this.deps.repository.decision(invitationId),
      pool: snapshot.scores,
      poolBins: snapshot.scoreBins,
    };
  }

  /** The assessment and its candidates; 404 unless the user may see the assessment. */
  async pool(user: StaffUser, assessmentId: number): Promise<AssessmentPool> {
    const candidates = await this.deps.invitations.candidates(user, assessmentId);
    const assessment = await this.deps.assessments.forCandidates(assessmentId);
    if (!assessment) throw new NotFoundError('This assessment no longer exists.');
    return { assessment, candidates };
  }

  /** The assessment dashboard: its figures and one page of the table, as the view asks. */
  async dashboard(
    user: StaffUser,
    assessmentId: number,
    view: TableView,
    page = 1,
  ): Promise<Dashboard> {
    const { assessment, snapshot } = await this.snapshot(user, assessmentId);
    if (
      view.sort.startsWith('skill:') &&
      !assessment.skills.some((s) => `skill:${s.skill}` === view.sort)
    )
      throw new BadRequestError(
        'This assessment has no such skill to sort by. Use the links in the table.',
      );
    const key = `${view.sort} ${view.dir} ${view.status ?? ''} ${view.passed ?? ''}`;
    const table =
      snapshot.tables.get(key) ??
      snapshot.tables.set(key, candidateTable(snapshot.candidates, view)).get(key) ??
      [];
    const pageCount = Math.max(1, Math.ceil(table.length / TABLE_PAGE_SIZE));
    const shown = Math.min(page, pageCount);
    const { validUntil: _validUntil, tables: _tables, ...figures } = snapshot;
    return {
      ...figures,
      assessment,
      view,
      page: shown,
      pageCount,
      matching: table.length,
      rows: table.slice((shown - 1) * TABLE_PAGE_SIZE, shown * TABLE_PAGE_SIZE),
    };
  }

  /** The candidate pool as of the assessment's current results version; built when stale. */
  private async snapshot(
    user: StaffUser,
    assessmentId: number,
  ): Promise<{ assessment: CandidateAssessment; snapshot: PoolSnapshot }> {
    const seen = await this.deps.assessments.get(user, assessmentId);
    const assessment = await this.deps.assessments.forCandidates(assessmentId);
    if (!assessment) throw new NotFoundError('This assessment no longer exists.');
    const kept = this.snapshots.get(assessmentId);
    if (kept?.version === seen.resultsVersion) {
      const snapshot = await kept.built;
      if (this.deps.clock.now() < snapshot.validUntil) return { assessment, snapshot };
    }
    // One build per version: requests that arrive while it runs wait for it instead of
    // each reading every candidate again.
    const built = this.buildSnapshot(user, assessment);
    this.snapshots.set(assessmentId, { version: seen.resultsVersion, built });
    built.catch(() => {
      if (this.snapshots.get(assessmentId)?.built === built) this.snapshots.delete(assessmentId);
    });
    return { assessment, snapshot: await built };
  }

  private async buildSnapshot(
    user: StaffUser,
    assessment: CandidateAssessment,
  ): Promise<PoolSnapshot> {
    const now = this.deps.clock.now();
    const { candidates } = await this.pool(user, assessment.id);
    const scored = candidates.flatMap(({ candidate }) =>
      candidate.score ? [candidate.score] : [],
    );
    const scores = scored.map((score) => score.overall.score).sort((a, b) => a - b);
    return {
      validUntil: nextStatusChange(candidates, now),
      candidates,
      tables: new Map(),
      funnel: funnel(candidates),
      averageDurationMs: averageDuration(candidates),
      passCounts: passCounts(assessment.skills, candidates),
      scores,
      scoreBins: scoreBins(scores),
      provisional: scored.filter((score) => score.pending).length,
      passedOverall: scored.filter((score) => score.overall.passed).length,
      essaysWaiting: (await this.deps.repository.essaysToGrade(assessment.id)).length,
    };
  }

  /**
   * Two to four candidates side by side, in the order asked; 404 when one is not in this
   * assessment. More than four bars per skill no longer read at a glance.
   */
  async compare(
    user: StaffUser,
    assessmentId: number,
    invitationIds: readonly number[],
  ): Promise<AssessmentPool> {
    const { assessment, candidates } = await this.pool(user, assessmentId);
    if (invitationIds.length < COMPARE_MIN || invitationIds.length > COMPARE_MAX)
      throw new BadRequestError(COMPARE_REFUSAL);
    const chosen = invitationIds.map((id) => candidates.find((c) => c.candidate.id === id));
    if (chosen.some((c) => c === undefined))
      throw new NotFoundError('One of these candidates is not in this assessment.');
    return { assessment, candidates: chosen as PoolCandidate[] };
  }

  /** The essays waiting for a grade, oldest submission first, with the assessment they are in. */
  async gradingQueue(
    user: StaffUser,
    assessmentId: number,
  ): Promise<{ assessment: Assessment; essays: EssayToGrade[] }> {
    const assessment = await this.deps.assessments.get(user, assessmentId);
    return { assessment, essays: await this.deps.repository.essaysToGrade(assessmentId) };
  }

  /** One record per candidate with a score column per skill, for download. */
  async candidatesExport(
    user: StaffUser,
    assessmentId: number,
  ): Promise<{ assessment: CandidateAssessment; skills: string[]; records: CandidateRecord[] }> {
    const { assessment, candidates } = await this.pool(user, assessmentId);
    const skills = assessment.skills.map((s) => s.skill);
    return { assessment, skills, records: candidateRecords(skills, candidates) };
  }

  /** Every question of every ended attempt with the answer as stored and its points. */
  async responsesExport(
    user: StaffUser,
    assessmentId: number,
  ): Promise<{ assessment: CandidateAssessment; records: ResponseRecord[] }> {
    const { assessment, candidates } = await this.pool(user, assessmentId);
    const scores = new Map(
      candidates.flatMap(({ candidate }) =>
        candidate.score ? [[candidate.id, candidate.score] as const] : [],
      ),
    );
    const responses = await this.deps.repository.storedResponses(assessmentId);
    return { assessment, records: responseRecords(responses, scores) };
  }

  async essaysToGrade(user: StaffUser, assessmentId: number): Promise<EssayToGrade[]> {
    await this.deps.assessments.get(user, assessmentId);
    return this.deps.repository.essaysToGrade(assessmentId);
  }

  /** Grades one essay and rescores the attempt; final once every essay is graded. */
  async gradeEssay(
    actor: Actor,
    user: StaffUser,
    assessmentId: number,
    invitationId: number,
    input: { position: number; points: number; comment: string },
  ): Promise<AttemptScore> {
    return this.deps.uow.transaction(async () => {
      const report = await this.candidateReport(user, assessmentId, invitationId);
      const entry = report.questions.find((q) => q.position === input.position);
      if (!report.attempt || !entry || entry.question.type !== 'essay')
        throw new NotFoundError('There is no such essay in this attempt.');
      if (report.attempt.status === 'in_progress')
        throw new ConflictError('The candidate is still answering; grade once they finish.');
      const max = entry.question.points;
      if (!(input.points >= 0 && input.points <= max))
        throw new ValidationError({ points: `Give between 0 and ${max} points.` });
      const comment = input.comment.trim().slice(0, COMMENT_MAX) || null;
      await this.deps.repository.saveGrade({
        attemptId: report.attempt.id,
        position: input.position,
        fraction: input.points / max,
        comment,
        gradedBy: actor.id,
        now: this.deps.clock.now(),
      });
      const score = await this.deps.quiz.score(
        await this.deps.quiz.quiz(invitationId),
        report.attempt.id,
      );
      await this.deps.audit.record({
        action: 'essay.graded',
        actorId: actor.id,
        ip: actor.ip,
        subjectType: 'invitation',
        subjectId: invitationId,
        details: { assessmentId, position: input.position, points: input.points, max },
      });
      return score;
    });
  }

  async decide(
    actor: Actor,
    user: StaffUser,
    assessmentId: number,
    invitationId: number,
    input: { decision: Decision; notes: string },
  ): Promise<void> {
    await this.deps.uow.transaction(async () => {
      await this.candidateReport(user, assessmentId, invitationId);
      await this.deps.repository.saveDecision({
        invitationId,
        decision: input.decision,
        notes: input.notes.trim().slice(0, COMMENT_MAX) || null,
        decidedBy: actor.id,
        now: this.deps.clock.now(),
      });
      await this.deps.audit.record({
        action: 'candidate.decided',
        actorId: actor.id,
        ip: actor.ip,
        subjectType: 'invitation',
        subjectId: invitationId,
        details: { assessmentId, decision: input.decision },
      });
    });
  }
}
