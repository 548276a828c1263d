import type { UnitOfWork } from '../db/unit-of-work';
import type { AttemptScore } from '../scoring/attempt-scoring';
import type { QuestionResponse } from '../scoring/question-scoring';
import type { ShownQuestion } from './item-quality';

/** The data item analysis reads: scored attempts of an assessment and what each showed. */
export class QualityRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow.db;
  }

  async scoredAttempts(assessmentId: number): Promise<Map<number, AttemptScore>> {
    const rows = await this.db
      .selectFrom('attempt_scores')
      .innerJoin('attempts', 'attempts.id', 'attempt_scores.attempt_id')
      .innerJoin('invitations', 'invitations.id', 'attempts.invitation_id')
      .select(['attempt_scores.attempt_id', 'attempt_scores.result'])
      .where('invitations.assessment_id', '=', assessmentId)
      .where('attempts.status', '!=', 'in_progress')
      .execute();
    return new Map(rows.map((row) => [row.attempt_id, JSON.parse(row.result) as AttemptScore]));
  }

  async shownQuestions(assessmentId: number): Promise<ShownQuestion[]> {
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
        'attempt_questions.attempt_id',
        'attempt_questions.position',
        'attempt_questions.question_id',
        'attempt_questions.version',
        'attempt_questions.skill',
        'attempt_questions.time_spent_ms',
        'responses.response',
      ])
      .where('invitations.assessment_id', '=', assessmentId)
      .where('attempts.status', '!=', 'in_progress')
      .execute();
    return rows.map((row) => ({
      attemptId: row.attempt_id,
      position: row.position,
      questionId: row.question_id,
      version: row.version,
      skill: row.skill,
      timeSpentMs: row.time_spent_ms,
      response: row.response === null ? null : (JSON.parse(row.response) as QuestionResponse),
    }));
  }
}
