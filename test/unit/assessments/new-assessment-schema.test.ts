import { newAssessmentSchema } from '../../../src/assessments/assessments.schemas';

const messageFor = (description: string) =>
  newAssessmentSchema.safeParse({ title: 'Backend hire', description }).error?.issues[0]?.message;

describe('the length of a pasted description', () => {
  it('accepts 100,000 characters', () => {
    expect(messageFor('x'.repeat(100_000))).toBeUndefined();
  });

  it('counts a line break sent as \\r\\n as one character', () => {
    expect(messageFor('ab\r\n'.repeat(33_000))).toBeUndefined();
  });

  it('names the length and the limit when it is longer', () => {
    expect(messageFor('x\r\n'.repeat(50_001))).toBe(
      'This description is 100,002 characters long; at most 100,000 are accepted. Keep the parts about the role and its requirements and remove the rest.',
    );
  });
});
