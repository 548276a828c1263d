import { settingsSchema } from '../../../src/assessments/assessments.schemas';

const base = {
  title: 'Backend hire',
  timeLimitMinutes: '20',
  passThreshold: '60',
  difficultyMin: '1',
  difficultyMax: '5',
  skills: {},
};

describe('the time per question setting', () => {
  it.each([
    ['', null],
    [undefined, null],
    ['90', 90],
  ])('reads %p as %p', (value, expected) => {
    const parsed = settingsSchema.safeParse({ ...base, questionTimeLimitSeconds: value });
    expect(parsed.success && parsed.data.questionTimeLimitSeconds).toBe(expected);
  });

  it.each([
    ['5', 'Give each question at least 10 seconds, or leave the field empty.'],
    ['12.5', 'The time per question must be a whole number of seconds.'],
    ['soon', 'The time per question must be a number of seconds.'],
  ])('refuses %p with a plain message', (value, message) => {
    const parsed = settingsSchema.safeParse({ ...base, questionTimeLimitSeconds: value });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(message);
  });
});
