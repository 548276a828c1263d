import {
  ANSWER_GRACE_MS,
  MAX_ADDED_MINUTES,
  MAX_TIME_ON_PAGE_MS,
  acceptsAnswers,
  addTime,
  deadlineFor,
  formatRemaining,
  questionDeadline,
  remainingMs,
  reopenDeadline,
  timeOnPage,
  totalExtraPercent,
} from '../../../src/quiz/deadline';

const START = Date.UTC(2025, 0, 6, 9, 0, 0);
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

describe('attempt deadline', () => {
  it('adds the invitation extra time and the accommodation extra time', () => {
    expect(totalExtraPercent(25, 50)).toBe(75);
    expect(totalExtraPercent(0, 0)).toBe(0);
  });

  it('ends the attempt after the time limit when there is no extra time', () => {
    expect(deadlineFor({ startedAt: START, timeLimitMinutes: 30, extraTimePercent: 0 })).toBe(
      START + 30 * MINUTE,
    );
  });

  it('scales the time limit by the extra time percentage', () => {
    expect(deadlineFor({ startedAt: START, timeLimitMinutes: 30, extraTimePercent: 10 })).toBe(
      START + 33 * MINUTE,
    );
    expect(deadlineFor({ startedAt: START, timeLimitMinutes: 40, extraTimePercent: 50 })).toBe(
      START + 60 * MINUTE,
    );
  });

  it('rounds the allowed time to whole seconds', () => {
    // 7 minutes + 33% = 558.6 s
    expect(deadlineFor({ startedAt: START, timeLimitMinutes: 7, extraTimePercent: 33 })).toBe(
      START + 559 * SECOND,
    );
    // 1 minute + 0.5% = 60.3 s
    expect(deadlineFor({ startedAt: START, timeLimitMinutes: 1, extraTimePercent: 0.5 })).toBe(
      START + 60 * SECOND,
    );
  });

  it('refuses a time limit that is not positive and negative extra time', () => {
    expect(() =>
      deadlineFor({ startedAt: START, timeLimitMinutes: 0, extraTimePercent: 0 }),
    ).toThrow(RangeError);
    expect(() =>
      deadlineFor({ startedAt: START, timeLimitMinutes: 30, extraTimePercent: -10 }),
    ).toThrow('Extra time must be a percentage of 0 or more.');
    expect(() =>
      deadlineFor({ startedAt: START, timeLimitMinutes: Number.NaN, extraTimePercent: 0 }),
    ).toThrow('The time limit must be more than 0 minutes.');
  });
});

describe('accepting answers', () => {
  const deadline = START + 30 * MINUTE;

  it('accepts answers up to the deadline and through the network grace', () => {
    expect(ANSWER_GRACE_MS).toBe(10 * SECOND);
    expect(acceptsAnswers(deadline, deadline - 1)).toBe(true);
    expect(acceptsAnswers(deadline, deadline)).toBe(true);
    expect(acceptsAnswers(deadline, deadline + ANSWER_GRACE_MS)).toBe(true);
  });

  it('refuses an answer after the deadline plus grace', () => {
    expect(acceptsAnswers(deadline, deadline + ANSWER_GRACE_MS + 1)).toBe(false);
  });
});

describe('time remaining', () => {
  it('counts down to the deadline and never below zero', () => {
    expect(remainingMs(START + MINUTE, START)).toBe(MINUTE);
    expect(remainingMs(START, START + 5 * SECOND)).toBe(0);
  });

  it('reads as minutes and two-digit seconds', () => {
    expect(formatRemaining(12 * MINUTE + 5 * SECOND)).toBe('12 min 05 s');
    expect(formatRemaining(90 * MINUTE)).toBe('90 min 00 s');
    expect(formatRemaining(MINUTE)).toBe('1 min 00 s');
  });

  it('reads as seconds alone under a minute', () => {
    expect(formatRemaining(45 * SECOND)).toBe('45 s');
    expect(formatRemaining(0)).toBe('0 s');
    expect(formatRemaining(-3 * SECOND)).toBe('0 s');
  });

  it('rounds part of a second up, so "0 s" means the time is over', () => {
    expect(formatRemaining(1)).toBe('1 s');
    expect(formatRemaining(59 * SECOND + 1)).toBe('1 min 00 s');
  });
});

describe('per-question time limits', () => {
  const attemptDeadline = START + 30 * MINUTE;

  it('closes a question at its own limit when that comes first', () => {
    expect(
      questionDeadline({ openedAt: START, limitSeconds: 90, extraTimePercent: 0, attemptDeadline }),
    ).toBe(START + 90 * SECOND);
  });

  it('never lets a question outlast the attempt', () => {
    const openedAt = attemptDeadline - 20 * SECOND;
    expect(
      questionDeadline({ openedAt, limitSeconds: 90, extraTimePercent: 0, attemptDeadline }),
    ).toBe(attemptDeadline);
  });

  it('uses the attempt deadline for a question without a limit', () => {
    expect(
      questionDeadline({
        openedAt: START,
        limitSeconds: null,
        extraTimePercent: 0,
        attemptDeadline,
      }),
    ).toBe(attemptDeadline);
  });

  it("gives a question the candidate's extra time too", () => {
    expect(
      questionDeadline({
        openedAt: START,
        limitSeconds: 60,
        extraTimePercent: 50,
        attemptDeadline,
      }),
    ).toBe(START + 90 * SECOND);
  });

  it('refuses a question limit that is not positive', () => {
    expect(() =>
      questionDeadline({ openedAt: START, limitSeconds: 0, extraTimePercent: 0, attemptDeadline }),
    ).toThrow(RangeError);
  });
});

describe('a manager changing the deadline', () => {
  const deadline = START + 30 * MINUTE;

  it('adds minutes to a running attempt', () => {
    expect(addTime(deadline, 15, START + 10 * MINUTE)).toBe(deadline + 15 * MINUTE);
  });

  it('counts from now when the deadline has just passed, so the minutes are really given', () => {
    const now = deadline + 5 * SECOND;
    expect(addTime(deadline, 10, now)).toBe(now + 10 * MINUTE);
  });

  it('refuses to add nothing, negative, fractional or more than a day of minutes', () => {
    const now = START;
    for (const minutes of [0, -5, 2.5, MAX_ADDED_MINUTES + 1, Number.NaN]) {
      expect(() => addTime(deadline, minutes, now)).toThrow(RangeError);
    }
    expect(() => addTime(deadline, 0, now)).toThrow(
      'Add a whole number of minutes from 1 to 1,440 (24 hours).',
    );
    expect(addTime(deadline, MAX_ADDED_MINUTES, now)).toBe(deadline + 24 * 60 * MINUTE);
  });

  it('reopens an expired attempt for the given minutes from now', () => {
    const now = deadline + 3 * 60 * MINUTE;
    expect(reopenDeadline(now, 20)).toBe(now + 20 * MINUTE);
    expect(() => reopenDeadline(now, 0)).toThrow(RangeError);
    expect(() => reopenDeadline(now, MAX_ADDED_MINUTES + 1)).toThrow(RangeError);
  });
});

describe('timeOnPage', () => {
  const now = START;

  it('counts from when the page was shown, or from the last counted save when later', () => {
    expect(timeOnPage(now - 40_000, null, now)).toBe(40_000);
    expect(timeOnPage(now - 40_000, now - 10_000, now)).toBe(10_000);
    expect(timeOnPage(now - 5_000, now - 10_000, now)).toBe(5_000);
  });

  it('counts nothing when the page was not shown, and never more than the cap', () => {
    expect(timeOnPage(undefined, null, now)).toBe(0);
    expect(timeOnPage(now - 3 * 60 * 60_000, null, now)).toBe(MAX_TIME_ON_PAGE_MS);
    expect(timeOnPage(now + 1_000, null, now)).toBe(0);
  });
});
