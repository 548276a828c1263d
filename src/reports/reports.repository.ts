import type { Decision } from '../db/schema';
import { PreparedQuery } from '../db/prepared-query';
import type { UnitOfWork } from '../db/unit-of-work';
import type { QuestionResponse } from '../scoring/question-scoring';
import type { StoredResponse } from './exports';
import type {
  CandidateDecision,
  EssayToGrade,
  IntegritySignal,
  ReviewedQuestion,
} from './reports.types';

// A candidate report reads these on every view.
const reviewedQuestionsOf = new PreparedQuery((db, values: { attemptId: number }) =>
  db
    .selectFrom('attempt_questions')
    .leftJoin('responses', (join) =>
      join
        .onRef('responses.attempt_id', '=', 'attempt_questions.attempt_id')
        .onRef('responses.position', '=', 'attempt_questions.position'),
    )
    .leftJoin('essay_grades', (join) =>
      join
        .onRef('essay_grades.attempt_id', '=', 'attempt_questions.attempt_id')
        .onRef('essay_grades.position', '=', 'attempt_questions.position'),
    )
    .select([
      'attempt_questions.position',
      'attempt_questions.question_id',
      'attempt_questions.version',
      'attempt_questions.skill',
      'attempt_questions.option_order',
      'attempt_questions.match_order',
      'attempt_questions.time_spent_ms',
      'responses.response',
      'essay_grades.fraction as grade',
      'essay_grades.comment as grade_comment',
    ])
    .where('attempt_questions.attempt_id', '=', values.attemptId)
    .orderBy('attempt_questions.position'),
);
const signalsOf = new PreparedQuery((db, values: { attemptId: number }) =>
  db
    .selectFrom('integrity_events')
    .select(['kind', 'at', 'position'])
    .where('attempt_id', '=', values.attemptId)
    .orderBy('id'),
);
const decisionOf = new PreparedQuery((db, values: { invitationId: number }) =>
  db
    .selectFrom('candidate_decisions')
    .leftJoin('users', 'users.id', 'candidate_decisions.decided_by')
    .select([
      'candidate_decisions.decision',
      'candidate_decisions.notes',
      'candidate_decisions.decided_at',
      'users.name as decided_by_name',
    ])
    .where('candidate_decisions.invitation_id', '=', values.invitationId),
);

/** What managers read about attempts: answers, grades, signals, decisions. */
export class ReportsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow.db;
  }

  /** An attempt's questions in order, with the answer, time spent and any essay grade. */
  async reviewedQuestions(attemptId: number): Promise<ReviewedQuestion[]> {
    const rows = await reviewedQuestionsOf.all(this.db, { attemptId });
    return rows.map((row) => ({
      position: row.position,
      questionId: row.question_id,
      version: row.version,
      skill: row.skill,
      optionOrder: row.option_order === null ? null : (JSON.parse(row.option_order) as number[]),
      matchOrder: row.match_order === null ? null : (JSON.parse(row.match_order) as number[]),
      timeSpentMs: row.time_spent_ms,
      response: row.response === null ? null : (JSON.parse(row.response) as QuestionResponse),
      grade: row.grade,
      gradeComment: row.grade_comment,
    }));
  }

  async signals(attemptId: number): Promise<IntegritySignal[]> {
    return signalsOf.all(this.db, { attemptId });
  }

  /** Answered essays of the assessment's ended attempts that no one has graded yet. */
  async essaysToGrade(assessmentId: number): Promise<EssayToGrade[]> {
    const rows = await this.db
      .selectFrom('attempt_questions')
      .innerJoin('attempts', 'attempts.id', 'attempt_questions.attempt_id')
      .innerJoin('invitations', 'invitations.id', 'attempts.invitation_id')
      .innerJoin('question_versions', (join) =>
        join
          .onRef('question_versions.question_id', '=', 'attempt_questions.question_id')
          .onRef('question_versions.version', '=', 'attempt_questions.version'),
      )
      .innerJoin('responses', (join) =>
        join
          .onRef('responses.attempt_id', '=', 'attempt_questions.attempt_id')
          .onRef('responses.position', '=', 'attempt_questions.position'),
      )
      .leftJoin('essay_grades', (join) =>
        join
          .onRef('essay_grades.attempt_id', '=', 'attempt_questions.attempt_id')
          .onRef('essay_grades.position', '=', 'attempt_questions.position'),
      )
      .select([
        'invitations.id as invitation_id',
        'invitations.name',
        'attempt_questions.position',
        'attempt_questions.question_id',
        'attempts.finished_at',
      ])
      .where('invitations.assessment_id', '=', assessmentId)
      .where('attempts.status', '!=', 'in_progress')
      .where('question_versions.type', '=', 'essay')
      .where('essay_grades.attempt_id', 'is', null)
      .orderBy('attempts.finished_at')
      .orderBy('attempt_questions.position')
      .execute();
    return rows.map((row) => ({
      invitationId: row.invitation_id,
      name: row.name,
      position: row.position,
      questionId: row.question_id,
      finishedAt: row.finished_at,
    }));
  }

  /** Every drawn question of the assessment's ended attempts, answered or not, for export. */
  async storedResponses(assessmentId: number): Promise<StoredResponse[]> {
    const rows = await this.db
      .selectFrom('attempt_questions')
      .innerJoin('attempts', 'attempts.id', 'attempt_questions.attempt_id')
      .innerJoin('invitations', 'invitations.id', 'attempts.invitation_id')
      .leftJoin('responses', (join) =>
        join
          .onRef('responses.attempt_id', '=', 'attempt_questions.attempt_id')
          .onRef('responses.position', '=', 'attempt_questions.position'),
      )
      .select([
        'invitations.id as invitation_id',
        'invitations.name',
        'invitations.email',
        'attempt_questions.position',
        'attempt_questions.question_id',
        'attempt_questions.version',
        'attempt_questions.skill',
        'responses.response',
      ])
      .where('invitations.assessment_id', '=', assessmentId)
      .where('attempts.status', '!=', 'in_progress')
      .orderBy('invitations.id')
      .orderBy('attempt_questions.position')
      .execute();
    return rows.map((row) => ({
      invitationId: row.invitation_id,
      name: row.name,
      email: row.email,
      position: row.position,
      questionId: row.question_id,
      version: row.version,
      skill: row.skill,
      response: row.response === null ? null : (JSON.parse(row.response) as QuestionResponse),
    }));
  }

  async saveGrade(grade: {
    attemptId: number;
    position: number;
    fraction: number;
    comment: string | null;
    gradedBy: number;
    now: number;
  }): Promise<void> {
    const values = {
      fraction: grade.fraction,
      comment: grade.comment,
      graded_by: grade.gradedBy,
      graded_at: grade.now,
    };
    await this.db
      .insertInto('essay_grades')
      .values({ attempt_id: grade.attemptId, position: grade.position, ...values })
      .onConflict((oc) => oc.columns(['attempt_id', 'position']).doUpdateSet(values))
      .execute();
  }

  async decision(invitationId: number): Promise<CandidateDecision | undefined> {
    const row = await decisionOf.first(this.db, { invitationId });
    return (
      row && {
        decision: row.decision,
        notes: row.notes,
        decidedAt: row.decided_at,
        decidedBy: row.decided_by_name,
      }
    );
  }

  async saveDecision(input: {
    invitationId: number;
    decision: Decision;
    notes: string | null;
    decidedBy: number;
    now: number;
  }): Promise<void> {
    const values = {
      decision: input.decision,
      notes: input.notes,
      decided_by: input.decidedBy,
      decided_at: input.now,
    };
    await this.db
      .insertInto('candidate_decisions')
      .values({ invitation_id: input.invitationId, ...values })
      .onConflict((oc) => oc.column('invitation_id').doUpdateSet(values))
      .execute();
  }
}
