import { z } from 'zod';
import { SLUG_PATTERN } from '../banks/question.schemas';
import type { Decision } from '../db/schema';
import { CANDIDATE_STATUS_LABELS, type CandidateStatus } from '../invitations/invitations.types';
import { defaultDirection, type SortKey, type TableView } from './dashboard';
import { DECISIONS } from './reports.types';

const STATUSES = Object.keys(CANDIDATE_STATUS_LABELS) as [CandidateStatus, ...CandidateStatus[]];
const SKILL_SORT = new RegExp(`^skill:${SLUG_PATTERN.source.slice(1, -1)}$`);

/** The dashboard's query string: sort links and the filter form. Empty filters mean "all". */
export const dashboardQuery = z
  .object({
    sort: z
      .string()
      .refine((key) => key === 'name' || key === 'overall' || SKILL_SORT.test(key))
      .default('overall')
      .transform((key) => key as SortKey),
    dir: z.enum(['asc', 'desc']).optional(),
    status: z.enum(STATUSES).or(z.literal('')).optional(),
    passed: z.enum(['yes', 'no', '']).optional(),
  })
  .transform((query): TableView => ({
    sort: query.sort,
    dir: query.dir ?? defaultDirection(query.sort),
    status: query.status || null,
    passed: query.passed || null,
  }));

/** `?c=1&c=2`: the candidates to compare, each once; the service decides how many may be. */
export const compareQuery = z.object({
  c: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((value) => [...new Set(([] as string[]).concat(value))])
    .pipe(
      z.array(
        z
          .string()
          .regex(/^\d{1,9}$/)
          .transform(Number),
      ),
    ),
});

/** Which essay a grade is for; anything else is not an essay of this attempt. */
export const gradeTarget = z.object({
  position: z.coerce.number().int().min(0).max(10_000),
});

const COMMENT_MAX = 2_000;
const POINTS = /^\d{1,3}(?:[.,]\d{1,2})?$/;

export const gradeForm = z.object({
  points: z
    .string({ required_error: 'Give the points.', invalid_type_error: 'Give the points.' })
    .trim()
    .min(1, 'Give the points.')
    .refine((text) => POINTS.test(text), 'Give the points as a number, like 3 or 2.5.')
    .transform((text) => Number(text.replace(',', '.'))),
  comment: z
    .string()
    .max(COMMENT_MAX, `Keep the comment under ${COMMENT_MAX.toLocaleString('en')} characters.`)
    .default(''),
});

const DECISION_MESSAGE = 'Choose advance, hold or reject.';

export const decisionForm = z.object({
  decision: z.enum(DECISIONS as [Decision, ...Decision[]], {
    errorMap: () => ({ message: DECISION_MESSAGE }),
  }),
  notes: z
    .string()
    .max(COMMENT_MAX, `Keep the notes under ${COMMENT_MAX.toLocaleString('en')} characters.`)
    .default(''),
});
