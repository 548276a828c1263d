import { monthOf, monthsSince, reviewWarning } from '../../../src/banks/review-age';
import { ManualClock } from '../../helpers/clock';
import { sample } from '../../helpers/questions';

/** 15 December 2026, the library's review date. */
const clock = new ManualClock(Date.UTC(2026, 11, 15, 12, 0, 0));

describe('review age', () => {
  it('counts calendar months across years', () => {
    expect(monthsSince('2026-12', clock.now())).toBe(0);
    expect(monthsSince('2025-06', clock.now())).toBe(18);
    expect(monthsSince('2025-07', clock.now())).toBe(17);
    expect(monthsSince('2027-01', clock.now())).toBe(-1);
    expect(monthOf(clock.now())).toBe('2026-12');
  });

  it('asks for a review of a question that has none', () => {
    expect(reviewWarning(sample('single'), clock.now())).toBe(
      'not reviewed yet: add reviewed: YYYY-MM once someone has checked it against current sources.',
    );
  });

  it('warns from 18 months after the review month on, following the clock', () => {
    const question = sample('single', { reviewed: '2025-07' });
    expect(reviewWarning(question, clock.now())).toBeUndefined();
    const later = new ManualClock(clock.now());
    later.advance(31 * 24 * 60 * 60 * 1000);
    expect(reviewWarning(question, later.now())).toBe(
      'last reviewed 2025-07, 18 months ago: review it again (due after 18 months).',
    );
  });

  it('flags a review month after the current month as a likely typo', () => {
    expect(reviewWarning(sample('single', { reviewed: '2027-12' }), clock.now())).toBe(
      'reviewed 2027-12 is later than this month (2026-12).',
    );
  });
});
