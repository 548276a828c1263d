import { z } from 'zod';
import { QUESTION_ID_PATTERN, QUESTION_TYPES, SLUG_PATTERN } from './question.schemas';

export const bankParams = z.object({ slug: z.string().regex(SLUG_PATTERN).max(60) });
export const questionParams = bankParams.extend({
  id: z.string().regex(QUESTION_ID_PATTERN).max(64),
});
export const pendingParams = z.object({ pendingId: z.string().regex(/^[0-9a-f]{32}$/) });

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const bankFilters = z.object({
  q: optional(z.string().trim().max(200)),
  type: optional(z.enum(QUESTION_TYPES)),
  difficulty: optional(z.coerce.number().int().min(1).max(5)),
  tag: optional(z.string().trim().toLowerCase().max(40)),
  status: z.enum(['active', 'retired', 'all']).default('active'),
});

export const newQuestionQuery = z.object({ type: z.enum(QUESTION_TYPES) });

export const importForm = z.object({
  skill: optional(z.string().regex(SLUG_PATTERN, 'Choose a bank.')),
});
