import type { QuestionResponse } from '../scoring/question-scoring';
import type { AttemptScore } from '../scoring/attempt-scoring';
import { attemptDuration, type PoolCandidate } from './dashboard';

/**
 * The downloads of an assessment: candidates with their scores, and the raw responses. Records
 * are plain data (the JSON downloads); the CSV form follows RFC 4180 and defuses formulas.
 * Pure: no I/O.
 */

export type Cell = string | number | boolean | null;

/**
 * A text cell that starts like a formula would run in a spreadsheet (OWASP CSV injection):
 * a leading apostrophe makes it plain text. Numbers are ours and never negative, so they stay.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  const text =
    typeof value === 'string' ? (FORMULA_START.test(value) ? `'${value}` : value) : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * The file line by line, to stream. It starts with a byte order mark so that Excel reads names
 * as UTF-8; most CSV readers skip it.
 */
export function* csvLines(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
): Generator<string> {
  yield `\ufeff${csvRow(header)}`;
  for (const row of rows) yield csvRow(row);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** Fractions to four places: as precise as a score can be read, and stable in a file. */
const fraction = (value: number) => Math.round(value * 10_000) / 10_000;

/** One candidate: status, times (ISO 8601 UTC) and scores as fractions 0..1. */
export interface CandidateRecord {
  invitationId: number;
  name: string;
  email: string;
  status: string;
  invitedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationSeconds: number | null;
  overall: number | null;
  passed: boolean | null;
  provisional: boolean | null;
  /** By skill slug; null when the candidate has no score for it. */
  skills: Record<string, number | null>;
}

export function candidateRecords(
  skills: readonly string[],
  candidates: readonly PoolCandidate[],
): CandidateRecord[] {
  return candidates.map(({ candidate, status }) => {
    const { score } = candidate;
    const duration = attemptDuration(candidate);
    return {
      invitationId: candidate.id,
      name: candidate.name,
      email: candidate.email,
      status,
      invitedAt: new Date(candidate.createdAt).toISOString(),
      startedAt: iso(candidate.startedAt),
      finishedAt: iso(candidate.finishedAt),
      durationSeconds: duration === null ? null : Math.round(duration / 1000),
      overall: score ? fraction(score.overall.score) : null,
      passed: score ? score.overall.passed : null,
      provisional: score ? score.pending : null,
      skills: Object.fromEntries(
        skills.map((skill) => {
          const result = score?.skills.find((s) => s.skill === skill);
          return [skill, result ? fraction(result.score) : null];
        }),
      ),
    };
  });
}

export function candidatesCsv(
  skills: readonly string[],
  records: readonly CandidateRecord[],
): Generator<string> {
  const header = [
    'invitation_id',
    'name',
    'email',
    'status',
    'invited_at',
    'started_at',
    'finished_at',
    'duration_seconds',
    'overall_score',
    'passed',
    'provisional',
    ...skills.map((skill) => `score_${skill}`),
  ];
  return csvLines(
    header,
    records.map((r) => [
      r.invitationId,
      r.name,
      r.email,
      r.status,
      r.invitedAt,
      r.startedAt,
      r.finishedAt,
      r.durationSeconds,
      r.overall,
      r.passed,
      r.provisional,
      ...skills.map((skill) => r.skills[skill] ?? null),
    ]),
  );
}

/** One drawn question of an ended attempt, as stored: the answer in the version's own indexes. */
export interface StoredResponse {
  invitationId: number;
  name: string;
  email: string;
  /** 0-based over the attempt. */
  position: number;
  questionId: string;
  version: number;
  skill: string;
  response: QuestionResponse | null;
}

export interface ResponseRecord {
  invitationId: number;
  name: string;
  email: string;
  /** 1-based, as the candidate saw it. */
  questionNumber: number;
  questionId: string;
  version: number;
  skill: string;
  answer: QuestionResponse | null;
  /** Null while an essay waits for a grade. */
  pointsEarned: number | null;
  pointsMax: number | null;
}

export function responseRecords(
  responses: readonly StoredResponse[],
  scores: ReadonlyMap<number, AttemptScore>,
): ResponseRecord[] {
  return responses.map((r) => {
    const scored = scores.get(r.invitationId)?.questions.find((q) => q.position === r.position);
    return {
      invitationId: r.invitationId,
      name: r.name,
      email: r.email,
      questionNumber: r.position + 1,
      questionId: r.questionId,
      version: r.version,
      skill: r.skill,
      answer: r.response,
      pointsEarned: scored?.earned ?? null,
      pointsMax: scored?.max ?? null,
    };
  });
}

export function responsesCsv(records: readonly ResponseRecord[]): Generator<string> {
  return csvLines(
    [
      'invitation_id',
      'name',
      'email',
      'question_number',
      'question_id',
      'version',
      'skill',
      'answer',
      'points_earned',
      'points_max',
    ],
    records.map((r) => [
      r.invitationId,
      r.name,
      r.email,
      r.questionNumber,
      r.questionId,
      r.version,
      r.skill,
      r.answer === null ? null : JSON.stringify(r.answer),
      r.pointsEarned,
      r.pointsMax,
    ]),
  );
}
