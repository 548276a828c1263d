import type { EpochMs } from '../db/schema';

/** Tries before a message is given up as 'failed': about two hours of retries in all. */
export const MAX_DELIVERY_ATTEMPTS = 8;

const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/**
 * When to try a message again after its `attempts`-th failed try: 1 minute after the first,
 * doubling each time up to an hour; null once it has had all its tries.
 */
export function nextAttemptAt(attempts: number, now: EpochMs): EpochMs | null {
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return null;
  return now + Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempts - 1));
}
