import { z } from 'zod';
import { DEFAULT_PASS_THRESHOLD, DEFAULT_WEIGHT } from './assessment-rules';

export const assessmentParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});
export const memberParams = assessmentParams.extend({
  userId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});

/** The longest pasted description accepted, in characters. */
export const MAX_DESCRIPTION = 100_000;

// Browsers send each line break of a textarea as two characters: count it as one, as it looks.
const visibleLength = (text: string) => text.replace(/\r\n/g, '\n').length;

export const newAssessmentSchema = z.object({
  title: z.string().trim().max(200, 'Use at most 200 characters.').default(''),
  description: z
    .string()
    .refine(
      (text) => visibleLength(text) <= MAX_DESCRIPTION,
      (text) => ({
        message: `This description is ${visibleLength(text).toLocaleString('en')} characters long; at most ${MAX_DESCRIPTION.toLocaleString('en')} are accepted. Keep the parts about the role and its requirements and remove the rest.`,
      }),
    )
    .default(''),
});

const whole = (what: string, min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `${what} must be a number.` })
    .int(`${what} must be a whole number.`)
    .min(min, `${what} must be at least ${min}.`)
    .max(max, `${what} must be at most ${max}.`);

/** An empty field means "use the default": coercing '' would give 0 (a 0% pass mark). */
const blankAs = <T extends z.ZodTypeAny>(fallback: number, schema: T) =>
  z.preprocess(
    (value) =>
      value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
        ? fallback
        : value,
    schema,
  );

const percent = (what: string) =>
  blankAs(
    DEFAULT_PASS_THRESHOLD,
    z.coerce
      .number({ invalid_type_error: `${what} must be a number.` })
      .min(0, `${what} must be between 0 and 100.`)
      .max(100, `${what} must be between 0 and 100.`),
  );

const checkbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());

const skillSettingsSchema = z.object({
  questionCount: whole('Questions', 1, 50),
  weight: blankAs(
    DEFAULT_WEIGHT,
    z.coerce
      .number({ invalid_type_error: 'Weight must be a number.' })
      .min(0.1, 'Weight must be at least 0.1.')
      .max(10, 'Weight must be at most 10.'),
  ),
  passThreshold: percent('Pass mark'),
});

export const settingsSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, 'Give the assessment a title.')
      .max(200, 'Use at most 200 characters.'),
    timeLimitMinutes: z.coerce
      .number({ invalid_type_error: 'The time limit must be a number of minutes.' })
      .int('The time limit must be a whole number of minutes.')
      .min(1, 'The time limit must be at least 1 minute.')
      .max(600, 'The time limit must be at most 600 minutes.'),
    passThreshold: percent('The overall pass mark'),
    difficultyMin: whole('The lowest difficulty', 1, 5),
    difficultyMax: whole('The highest difficulty', 1, 5),
    questionTimeLimitSeconds: z.preprocess(
      (value) =>
        value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value,
      z.coerce
        .number({ invalid_type_error: 'The time per question must be a number of seconds.' })
        .int('The time per question must be a whole number of seconds.')
        .min(10, 'Give each question at least 10 seconds, or leave the field empty.')
        .max(3600, 'The time per question must be at most 3600 seconds (an hour).')
        .nullable(),
    ),
    shuffle: checkbox,
    showResults: checkbox,
    notifyOnSubmit: checkbox,
    skills: z.record(skillSettingsSchema),
  })
  .refine((s) => s.difficultyMin <= s.difficultyMax, {
    path: ['difficultyMin'],
    message: 'The lowest difficulty must not be above the highest.',
  });

/** Turns flat `skills.<slug>.<field>` form names into a nested object for the schema. */
export function nestSkillFields(body: Record<string, unknown>): Record<string, unknown> {
  const skills: Record<string, Record<string, unknown>> = {};
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    const match = /^skills\.([a-z0-9-]{1,60})\.(questionCount|weight|passThreshold)$/.exec(name);
    if (match?.[1] && match[2]) (skills[match[1]] ??= {})[match[2]] = value;
    else rest[name] = value;
  }
  return { ...rest, skills };
}

export const collaboratorSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter the email of a hiring manager.')
    .max(254)
    .email('Enter an email address like name@example.com.'),
});
