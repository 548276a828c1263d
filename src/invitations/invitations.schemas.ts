import { z } from 'zod';
import { assessmentParams } from '../assessments/assessments.schemas';
import { MAX_ADDED_MINUTES } from '../quiz/deadline';
import { emailField, nameField } from '../users/users.schemas';
import { MAX_EXTRA_TIME_PERCENT } from './invitation-csv';
import { MAX_LINK_DAYS } from './invitations.service';

export const candidateParams = assessmentParams.extend({
  invitationId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});

/** A whole number typed in a form, with one message for every way it can be wrong. */
const whole = (min: number, max: number, message: string) =>
  z.coerce.number({ invalid_type_error: message }).int(message).min(min, message).max(max, message);

/** An optional number field: left empty, it is not given. */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && !value.trim() ? undefined : value),
    schema.optional(),
  );

const EXTRA_TIME_MESSAGE = `Extra time must be a whole number from 0 to ${MAX_EXTRA_TIME_PERCENT} (percent).`;
const LINK_DAYS_MESSAGE = `The link can stay valid for a whole number of days from 1 to ${MAX_LINK_DAYS}.`;

export const inviteSchema = z.object({
  name: nameField,
  email: emailField,
  extraTimePercent: optional(whole(0, MAX_EXTRA_TIME_PERCENT, EXTRA_TIME_MESSAGE)),
  expiresInDays: optional(whole(1, MAX_LINK_DAYS, LINK_DAYS_MESSAGE)),
});

/**
 * A list to invite, pasted or read from a file. The limit keeps the list small enough to travel
 * back in the confirmation form (uploads parse fields up to 200 KB).
 */
export const MAX_LIST_BYTES = 100 * 1024;

const EMPTY_LIST = 'Paste the list, or choose a .csv file.';

export const listSchema = z.object({
  csv: z
    .string({ required_error: EMPTY_LIST, invalid_type_error: EMPTY_LIST })
    .refine((text) => text.trim() !== '', EMPTY_LIST)
    .refine(
      // Browsers send line breaks as CRLF; count them once, so a list sent back is no larger.
      (text) => Buffer.byteLength(text.replace(/\r\n/g, '\n'), 'utf8') <= MAX_LIST_BYTES,
      `The list is larger than ${MAX_LIST_BYTES / 1024} KB. Split it into smaller lists.`,
    ),
});

export const extendSchema = z.object({ days: whole(1, MAX_LINK_DAYS, LINK_DAYS_MESSAGE) });

export const timeSchema = z.object({
  minutes: whole(
    1,
    MAX_ADDED_MINUTES,
    `Give a whole number of minutes from 1 to ${MAX_ADDED_MINUTES.toLocaleString('en-US')} (24 hours).`,
  ),
  reason: z
    .string({ required_error: 'Say why you change the time: the reason is kept in the audit log.' })
    .trim()
    .min(1, 'Say why you change the time: the reason is kept in the audit log.')
    .max(500, 'Keep the reason to 500 characters.'),
});
