import type { z } from 'zod';
import { ValidationError } from './errors';

export type FieldErrors = Record<string, string>;
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Parses a submitted form with its zod schema, keeping the first message for each field. */
export function validateForm<S extends z.ZodTypeAny>(
  schema: S,
  body: unknown,
): FormResult<z.infer<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    errors[issue.path.join('.') || 'form'] ??= issue.message;
  }
  return { ok: false, errors };
}

/** For a service call behind a form: field errors to show, or the original error rethrown. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (error instanceof ValidationError) return error.fieldErrors;
  throw error;
}

/** Route params and query strings: anything malformed becomes the given error (often 404). */
export function parseOr<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  onError: () => Error,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw onError();
  return result.data;
}
