import type { Kysely, Selectable } from 'kysely';
import type { AttemptQuestionsTable, AttemptsTable, AttemptStatus, DB } from '../db/schema';
import { PreparedQuery } from '../db/prepared-query';
import type { UnitOfWork } from '../db/unit-of-work';
import type { AttemptScore } from '../scoring/attempt-scoring';
import type { QuestionResponse } from '../scoring/question-scoring';
import type { DrawnQuestion } from './attempt-draw';
import type { Attempt, AttemptQuestion } from './quiz.types';

type AttemptRow = Selectable<AttemptsTable>;

/** Characters of a browser's user agent kept: enough to tell browsers apart. */
export const USER_AGENT_KEPT = 500;

function toAttempt(row: AttemptRow): Attempt {
  return {
    id: row.id,
    invitationId: row.invitation_id,
    status: row.status,
    startedAt: row.started_at,
    deadlineAt: row.deadline_at,
    finishedAt: row.finished_at,
    startIp: row.start_ip,
    startUserAgent: row.start_user_agent,
    lastIp: row.last_ip,
    lastUserAgent: row.last_user_agent,
  };
}

function parseOrder(json: string | null): number[] | null {
  return json === null ? null : (JSON.parse(json) as number[]);
}

type AttemptQuestionRow = Pick<
  Selectable<AttemptQuestionsTable>,
  | 'position'
  | 'question_id'
  | 'version'
  | 'skill'
  | 'option_order'
  | 'match_order'
  | 'flagged'
  | 'first_shown_at'
  | 'time_counted_at'
> & { response: string | null };

function toAttemptQuestion(row: AttemptQuestionRow): AttemptQuestion {
  return {
    questionId: row.question_id,
    version: row.version,
    skill: row.skill,
    position: row.position,
    optionOrder: parseOrder(row.option_order),
    matchOrder: parseOrder(row.match_order),
    flagged: row.flagged === 1,
    firstShownAt: row.first_shown_at,
    timeCountedAt: row.time_counted_at,
    response: row.response === null ? null : (JSON.parse(row.response) as QuestionResponse),
  };
}

/** An attempt's drawn questions, each with the answer saved for it if any. */
function attemptQuestions(db: Kysely<DB>, attemptId: number) {
  return db
    .selectFrom('attempt_questions')
    .leftJoin('responses', (join) =>
      join
        .onRef('responses.attempt_id', '=', 'attempt_questions.attempt_id')
        .onRef('responses.position', '=', 'attempt_questions.position'),
    )
    .select([
      'attempt_questions.position',
      'attempt_questions.question_id',
      'attempt_questions.version',
      'attempt_questions.skill',
      'attempt_questions.option_order',
      'attempt_questions.match_order',
      'attempt_questions.flagged',
      'attempt_questions.first_shown_at',
      'attempt_questions.time_counted_at',
      'responses.response',
    ])
    .where('attempt_questions.attempt_id', '=', attemptId);
}

// A candidate's question page and answer save run these on every request.
const attemptByInvitation = new PreparedQuery((db, values: { invitationId: number }) =>
  db.selectFrom('attempts').selectAll().where('invitation_id', '=', values.invitationId),
);
const questionAtPosition = new PreparedQuery(
  (db, values: { attemptId: number; position: number }) =>
    attemptQuestions(db, values.attemptId)
      .where('attempt_questions.position', '=', values.position)
      .select((eb) =>
        eb
          .selectFrom('attempt_questions as counted')
          .select(eb.fn.countAll<number>().as('total'))
          .where('counted.attempt_id', '=', values.attemptId)
          .as('total'),
      ),
);
// Every answer save runs these.
const storeResponse = new PreparedQuery(
  (db, values: { attemptId: number; position: number; response: string; now: number }) =>
    db
      .insertInto('responses')
      .values({
        attempt_id: values.attemptId,
        position: values.position,
        response: values.response,
        saved_at: values.now,
      })
      .onConflict((oc) =>
        oc
          .columns(['attempt_id', 'position'])
          .doUpdateSet({ response: values.response, saved_at: values.now }),
      ),
);
const addTimeSpent = new PreparedQuery(
  (db, values: { attemptId: number; position: number; ms: number; now: number }) =>
    db
      .updateTable('attempt_questions')
      .set((eb) => ({
        time_spent_ms: eb('time_spent_ms', '+', values.ms),
        time_counted_at: values.now,
      }))
      .where('attempt_id', '=', values.attemptId)
      .where('position', '=', values.position),
);

/** Attempts, the draw stored with each, the saved answers and integrity signals. */
export class QuizRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow.db;
  }

  async attemptOf(invitationId: number): Promise<Attempt | undefined> {
    const row = await attemptByInvitation.first(this.db, { invitationId });
    return row && toAttempt(row);
  }

  async insertAttempt(
    attempt: {
      invitationId: number;
      startedAt: number;
      deadlineAt: number;
      ip: string;
      userAgent: string;
    },
    drawn: readonly DrawnQuestion[],
  ): Promise<Attempt> {
    const row = await this.db
      .insertInto('attempts')
      .values({
        invitation_id: attempt.invitationId,
        started_at: attempt.startedAt,
        deadline_at: attempt.deadlineAt,
        start_ip: attempt.ip,
        start_user_agent: attempt.userAgent.slice(0, USER_AGENT_KEPT),
        last_ip: attempt.ip,
        last_user_agent: attempt.userAgent.slice(0, USER_AGENT_KEPT),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (drawn.length) {
      await this.db
        .insertInto('attempt_questions')
        .values(
          drawn.map((d) => ({
            attempt_id: row.id,
            position: d.position,
            question_id: d.questionId,
            version: d.version,
            skill: d.skill,
            option_order: d.optionOrder && JSON.stringify(d.optionOrder),
            match_order: d.matchOrder && JSON.stringify(d.matchOrder),
          })),
        )
        .execute();
    }
    await this.countExposures(drawn.map((d) => d.questionId));
    return toAttempt(row);
  }

  /** Counts one draw per id given (an id given twice counts twice). */
  async countExposures(questionIds: readonly string[]): Promise<void> {
    if (!questionIds.length) return;
    const draws = new Map<string, number>();
    for (const id of questionIds) draws.set(id, (draws.get(id) ?? 0) + 1);
    await this.db
      .insertInto('question_exposures')
      .values([...draws].map(([id, attempts]) => ({ question_id: id, attempts })))
      .onConflict((oc) =>
        oc.column('question_id').doUpdateSet((eb) => ({
          attempts: eb('question_exposures.attempts', '+', eb.ref('excluded.attempts')),
        })),
      )
      .execute();
  }

  async questions(attemptId: number): Promise<AttemptQuestion[]> {
    const rows = await attemptQuestions(this.db, attemptId)
      .orderBy('attempt_questions.position')
      .execute();
    return rows.map(toAttemptQuestion);
  }

  /** One question of the attempt (0-based position) and how many it has, in one statement. */
  async questionAt(
    attemptId: number,
    position: number,
  ): Promise<{ entry: AttemptQuestion; total: number } | undefined> {
    const row = await questionAtPosition.first(this.db, { attemptId, position });
    return row && { entry: toAttemptQuestion(row), total: Number(row.total) };
  }

  /** Stores the answer (one row per question, replaced on change); null clears it. */
  async saveResponse(
    attemptId: number,
    position: number,
    response: QuestionResponse | null,
    now: number,
  ): Promise<void> {
    if (response === null) {
      await this.db
        .deleteFrom('responses')
        .where('attempt_id', '=', attemptId)
        .where('position', '=', position)
        .execute();
      return;
    }
    await storeResponse.execute(this.db, {
      attemptId,
      position,
      response: JSON.stringify(response),
      now,
    });
  }

  async setFlagged(attemptId: number, position: number, flagged: boolean): Promise<void> {
    await this.db
      .updateTable('attempt_questions')
      .set({ flagged: flagged ? 1 : 0 })
      .where('attempt_id', '=', attemptId)
      .where('position', '=', position)
      .execute();
  }

  /** Notes when a question was first shown; later views keep the first time. */
  async markShown(attemptId: number, position: number, now: number): Promise<void> {
    await this.db
      .updateTable('attempt_questions')
      .set({ first_shown_at: now })
      .where('attempt_id', '=', attemptId)
      .where('position', '=', position)
      .where('first_shown_at', 'is', null)
      .execute();
  }

  /** Adds the time spent on one question up to `now`, for the answer review. */
  async addTimeSpent(attemptId: number, position: number, ms: number, now: number): Promise<void> {
    await addTimeSpent.execute(this.db, { attemptId, position, ms, now });
  }

  /** The client of the latest save, once it differs from the one before. */
  async setLastClient(attemptId: number, client: { ip: string; userAgent: string }) {
    await this.db
      .updateTable('attempts')
      .set({ last_ip: client.ip, last_user_agent: client.userAgent })
      .where('id', '=', attemptId)
      .execute();
  }

  /** Essay grades of an attempt: the fraction of each graded question's points. */
  async grades(attemptId: number): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('essay_grades')
      .select(['position', 'fraction'])
      .where('attempt_id', '=', attemptId)
      .execute();
    return new Map(rows.map((row) => [row.position, row.fraction]));
  }

  /** Stores the attempt's scores, replacing earlier ones (after a grade or a reopen). */
  async saveScore(attemptId: number, score: AttemptScore, now: number): Promise<void> {
    const values = {
      overall: score.overall.score,
      passed: score.overall.passed ? 1 : 0,
      pending: score.pending ? 1 : 0,
      result: JSON.stringify(score),
      computed_at: now,
    };
    await this.db
      .insertInto('attempt_scores')
      .values({ attempt_id: attemptId, ...values })
      .onConflict((oc) => oc.column('attempt_id').doUpdateSet(values))
      .execute();
  }

  /** Attempts of an assessment that have ended, to re-score them. */
  async endedAttempts(assessmentId: number): Promise<{ id: number; invitationId: number }[]> {
    const rows = await this.db
      .selectFrom('attempts')
      .innerJoin('invitations', 'invitations.id', 'attempts.invitation_id')
      .select(['attempts.id', 'attempts.invitation_id'])
      .where('invitations.assessment_id', '=', assessmentId)
      .where('attempts.status', '!=', 'in_progress')
      .orderBy('attempts.id')
      .execute();
    return rows.map((row) => ({ id: row.id, invitationId: row.invitation_id }));
  }

  async scoreOf(attemptId: number): Promise<AttemptScore | undefined> {
    const row = await this.db
      .selectFrom('attempt_scores')
      .select('result')
      .where('attempt_id', '=', attemptId)
      .executeTakeFirst();
    return row && (JSON.parse(row.result) as AttemptScore);
  }

  /** Ends an attempt still in progress; false when it had already ended. */
  async finish(attemptId: number, status: Exclude<AttemptStatus, 'in_progress'>, now: number) {
    const result = await this.db
      .updateTable('attempts')
      .set({ status, finished_at: now })
      .where('id', '=', attemptId)
      .where('status', '=', 'in_progress')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Attempts in progress whose deadline (plus grace) passed before `cutoff`. */
  async overdue(cutoff: number): Promise<{ id: number; invitationId: number }[]> {
    const rows = await this.db
      .selectFrom('attempts')
      .select(['id', 'invitation_id'])
      .where('status', '=', 'in_progress')
      .where('deadline_at', '<', cutoff)
      .limit(500)
      .execute();
    return rows.map((row) => ({ id: row.id, invitationId: row.invitation_id }));
  }

  /** A new deadline for an attempt that goes on: its scores, if any, are no longer current. */
  async setDeadline(attemptId: number, deadlineAt: number): Promise<void> {
    await this.db.deleteFrom('attempt_scores').where('attempt_id', '=', attemptId).execute();
    await this.db
      .updateTable('attempts')
      .set({ deadline_at: deadlineAt, status: 'in_progress', finished_at: null })
      .where('id', '=', attemptId)
      .execute();
  }

  /** How many attempts have shown each question, for a draw that spreads exposure. */
  async exposures(questionIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (let start = 0; start < questionIds.length; start += 500) {
      const rows = await this.db
        .selectFrom('question_exposures')
        .select(['question_id', 'attempts'])
        .where('question_id', 'in', questionIds.slice(start, start + 500))
        .execute();
      for (const row of rows) counts.set(row.question_id, row.attempts);
    }
    return counts;
  }

  async countEvents(attemptId: number): Promise<number> {
    const { n } = await this.db
      .selectFrom('integrity_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('attempt_id', '=', attemptId)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  async recordEvent(event: {
    attemptId: number;
    kind: string;
    at: number;
    position: number | null;
    details?: Record<string, unknown>;
  }): Promise<void> {
    await this.db
      .insertInto('integrity_events')
      .values({
        attempt_id: event.attemptId,
        kind: event.kind,
        at: event.at,
        position: event.position,
        details: event.details ? JSON.stringify(event.details) : null,
      })
      .execute();
  }
}
