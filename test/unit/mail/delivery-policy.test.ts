import { MAX_DELIVERY_ATTEMPTS, nextAttemptAt } from '../../../src/mail/delivery-policy';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;

describe('nextAttemptAt', () => {
  it('retries a minute after the first failed try, then twice as long each time', () => {
    const waits = [1, 2, 3, 4, 5, 6].map((attempts) => (nextAttemptAt(attempts, NOW) ?? 0) - NOW);
    expect(waits.map((ms) => ms / MINUTE)).toEqual([1, 2, 4, 8, 16, 32]);
  });

  it('never waits more than an hour between tries', () => {
    expect(nextAttemptAt(7, NOW)).toBe(NOW + 60 * MINUTE);
  });

  it('gives up once a message has had all its tries', () => {
    expect(MAX_DELIVERY_ATTEMPTS).toBe(8);
    expect(nextAttemptAt(MAX_DELIVERY_ATTEMPTS, NOW)).toBeNull();
  });
});
