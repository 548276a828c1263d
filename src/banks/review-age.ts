import { REVIEWED_PATTERN, type Question } from './question.schemas';

/** A question not reviewed for this many months is due for review. */
export const REVIEW_MAX_MONTHS = 18;

/** Months as one number (year * 12 + month - 1), so months subtract across years. */
function monthIndex(year: number, month: number): number {
  return year * 12 + month - 1;
}

/** The `YYYY-MM` of an instant, in UTC. */
export function monthOf(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Whole calendar months from a review month to the month of `now`: 2025-06 to 2026-12 is 18. */
export function monthsSince(reviewed: string, now: number): number {
  const [, year, month] = REVIEWED_PATTERN.exec(reviewed) ?? [];
  if (!year || !month) throw new Error(`Not a review month: ${reviewed}`);
  const today = new Date(now);
  return (
    monthIndex(today.getUTCFullYear(), today.getUTCMonth() + 1) -
    monthIndex(Number(year), Number(month))
  );
}

/**
 * Why a question needs a review, or undefined when it does not: never reviewed, reviewed
 * `REVIEW_MAX_MONTHS` or more months ago, or dated after the current month (a typo).
 */
export function reviewWarning(question: Question, now: number): string | undefined {
  const { reviewed } = question;
  if (!reviewed) {
    return 'not reviewed yet: add reviewed: YYYY-MM once someone has checked it against current sources.';
  }
  const months = monthsSince(reviewed, now);
  if (months < 0) return `reviewed ${reviewed} is later than this month (${monthOf(now)}).`;
  if (months >= REVIEW_MAX_MONTHS) {
    return `last reviewed ${reviewed}, ${months} months ago: review it again (due after ${REVIEW_MAX_MONTHS} months).`;
  }
  return undefined;
}
