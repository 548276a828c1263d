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

/** Confirming a previewed import; `skip_invalid` is the "import the valid ones" button. */
export const confirmImportForm = z.object({ skip_invalid: optional(z.literal('1')) });

const oneOrMany = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]));

/**
 * The preview's bank choices for GIFT categories: `category` and `bank` fields in pairs, in
 * page order; an empty bank leaves that category's questions out.
 */
export const categoryBanksForm = z
  .object({
    category: oneOrMany.pipe(z.array(z.string().trim().min(1).max(500)).min(1).max(100)),
    bank: oneOrMany.pipe(z.array(z.union([z.literal(''), z.string().regex(SLUG_PATTERN)]))),
  })
  .refine((form) => form.category.length === form.bank.length)
  .transform((form) =>
    Object.fromEntries(form.category.map((category, index) => [category, form.bank[index] ?? ''])),
  );

/** Slugs that would collide with the banks pages' own addresses. */
const RESERVED_SLUGS: readonly string[] = ['import', 'new'];

/** The "New bank" form: keywords are typed comma-separated. */
export const newBankForm = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Enter a short name for the address, such as "git" or "session-management".')
    .max(60, 'Keep the short name to 60 characters or fewer.')
    .regex(SLUG_PATTERN, 'Use lower-case letters and digits, with "-" between words.')
    .refine((slug) => !RESERVED_SLUGS.includes(slug), 'This short name is reserved; pick another.'),
  name: z
    .string()
    .trim()
    .min(1, 'Enter the name of the skill.')
    .max(120, 'Keep the name to 120 characters or fewer.'),
  description: z
    .string()
    .trim()
    .max(2_000, 'Keep the description to 2000 characters or fewer.')
    .default(''),
  keywords: z
    .string()
    .default('')
    .transform((text) => [
      ...new Set(
        text
          .split(',')
          .map((k) => k.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .refine(
      (keywords) => keywords.every((k) => k.length <= 80),
      'Keep each keyword to 80 characters.',
    )
    .refine((keywords) => keywords.length <= 200, 'Use 200 keywords or fewer.'),
  /** The import preview to return to after creating the bank it was missing. */
  pending: optional(z.string().regex(/^[0-9a-f]{32}$/)),
});
