import crypto from 'node:crypto';
import type { Question } from './question.schemas';

/** JSON with object keys sorted, so equal content always serializes the same way. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

/** The question without its id, as stored in a version's `content`. */
export function questionContent(question: Question): Omit<Question, 'id'> {
  const { id: _id, ...content } = question;
  return content;
}

/** Identifies a version's content: an import with the same hash changes nothing. */
export function contentHash(question: Question): string {
  return crypto
    .createHash('sha256')
    .update(canonicalJson(questionContent(question)))
    .digest('hex');
}
