/**
 * Deadline arithmetic for timed attempts. Times are epoch milliseconds and `now` is always passed
 * in, so the server's clock alone decides and tests need no fake timers.
 */

const MS_PER_SECOND = 1_000;
const SECONDS_PER_MINUTE = 60;
const MS_PER_MINUTE = SECONDS_PER_MINUTE * MS_PER_SECOND;

/** Answers sent just before the deadline may arrive a little after it. */
export const ANSWER_GRACE_MS = 10 * MS_PER_SECOND;

/** The most a manager can add, or reopen for, in one go. */
export const MAX_ADDED_MINUTES = 24 * 60;

/** Extra time from the invitation and from an accommodation both apply, so they add. */
export function totalExtraPercent(invitationExtra: number, accommodationExtra: number): number {
  return invitationExtra + accommodationExtra;
}

export interface AttemptTiming {
  startedAt: number;
  timeLimitMinutes: number;
  extraTimePercent: number;
}

/** When the attempt ends: the time limit scaled by the extra time, in whole seconds. */
export function deadlineFor({
  startedAt,
  timeLimitMinutes,
  extraTimePercent,
}: AttemptTiming): number {
  if (!(timeLimitMinutes > 0) || !Number.isFinite(timeLimitMinutes)) {
    throw new RangeError('The time limit must be more than 0 minutes.');
  }
  return startedAt + scaledSeconds(timeLimitMinutes * SECONDS_PER_MINUTE, extraTimePercent);
}

/** Whole seconds, in milliseconds; multiplying before dividing keeps 30 min + 10% at 33 min. */
function scaledSeconds(seconds: number, extraTimePercent: number): number {
  if (!(extraTimePercent >= 0) || !Number.isFinite(extraTimePercent)) {
    throw new RangeError('Extra time must be a percentage of 0 or more.');
  }
  return Math.round((seconds * (100 + extraTimePercent)) / 100) * MS_PER_SECOND;
}

export function acceptsAnswers(deadlineAt: number, now: number): boolean {
  return now <= deadlineAt + ANSWER_GRACE_MS;
}

export function remainingMs(deadlineAt: number, now: number): number {
  return Math.max(0, deadlineAt - now);
}

/**
 * "12 min 05 s", or "45 s" under a minute. Seconds round up, so the text reads "0 s" only once
 * the time is really over.
 */
export function formatRemaining(ms: number): string {
  const totalSeconds = Math.ceil(Math.max(0, ms) / MS_PER_SECOND);
  const minutes = Math.floor(totalSeconds / SECONDS_PER_MINUTE);
  const seconds = totalSeconds % SECONDS_PER_MINUTE;
  if (minutes === 0) return `${seconds} s`;
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

export interface QuestionTiming {
  openedAt: number;
  /** The question's own limit, before extra time; null when it has none. */
  limitSeconds: number | null;
  /** The candidate's extra time applies to each question's limit too, not only to the attempt. */
  extraTimePercent: number;
  attemptDeadline: number;
}

/** A question closes at its own limit or at the attempt's deadline, whichever comes first. */
export function questionDeadline({
  openedAt,
  limitSeconds,
  extraTimePercent,
  attemptDeadline,
}: QuestionTiming): number {
  if (limitSeconds === null) return attemptDeadline;
  if (!(limitSeconds > 0) || !Number.isFinite(limitSeconds)) {
    throw new RangeError('A question time limit must be more than 0 seconds.');
  }
  return Math.min(openedAt + scaledSeconds(limitSeconds, extraTimePercent), attemptDeadline);
}

/**
 * A manager gives a running attempt more time. Counting from now when the deadline has just
 * passed (inside the grace period) means the candidate really gets the minutes added.
 */
export function addTime(deadlineAt: number, minutes: number, now: number): number {
  return Math.max(deadlineAt, now) + addedMs(minutes);
}

/** A manager reopens an expired attempt for the given minutes from now. */
export function reopenDeadline(now: number, minutes: number): number {
  return now + addedMs(minutes);
}

function addedMs(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_ADDED_MINUTES) {
    throw new RangeError(
      `Add a whole number of minutes from 1 to ${MAX_ADDED_MINUTES.toLocaleString('en-US')} (24 hours).`,
    );
  }
  return minutes * MS_PER_MINUTE;
}

/** Time on one page counts up to this much: a page left open overnight says nothing. */
export const MAX_TIME_ON_PAGE_MS = 30 * 60_000;

/**
 * Time on a question's page not yet counted: since the page was shown or since the last save
 * counted it, whichever is later; capped, since a page left open overnight says nothing.
 */
export function timeOnPage(
  viewingSince: number | undefined,
  countedUntil: number | null,
  now: number,
): number {
  if (viewingSince === undefined) return 0;
  return Math.min(
    Math.max(0, now - Math.max(viewingSince, countedUntil ?? 0)),
    MAX_TIME_ON_PAGE_MS,
  );
}
