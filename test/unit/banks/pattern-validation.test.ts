import { patternProblem, questionSchema } from '../../../src/banks/question.schemas';
import { sampleQuestions } from '../../helpers/questions';

function patternIssues(pattern: string): string[] {
  const result = questionSchema.safeParse({ ...sampleQuestions.short_text, pattern });
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const LINEAR = 'which is not allowed: patterns must run in linear time. Rewrite it without it.';

describe('short-text pattern validation', () => {
  it('accepts patterns RE2 can run', () => {
    for (const pattern of ['git (reflog|log -g)', '^-?\\d+$', '(?i)colou?r', '\\p{L}+', '(a+)+']) {
      expect([pattern, patternProblem(pattern)]).toEqual([pattern, undefined]);
      expect(patternIssues(pattern)).toEqual([]);
    }
  });

  it('refuses a back-reference with a message an admin understands', () => {
    expect(patternIssues('(a)\\1')).toEqual([
      `pattern: The pattern uses a back-reference (\\1), ${LINEAR}`,
    ]);
    expect(patternProblem('(?<q>["\'])x\\k<q>')).toBe(
      `The pattern uses a back-reference (\\k), ${LINEAR}`,
    );
  });

  it('refuses lookahead and lookbehind', () => {
    expect(patternProblem('a(?=b)')).toBe(`The pattern uses a lookahead (?=…), ${LINEAR}`);
    expect(patternProblem('a(?!b)')).toBe(`The pattern uses a negative lookahead (?!…), ${LINEAR}`);
    expect(patternProblem('(?<=a)b')).toBe(`The pattern uses a lookbehind (?<=…), ${LINEAR}`);
    expect(patternProblem('(?<!a)b')).toBe(
      `The pattern uses a negative lookbehind (?<!…), ${LINEAR}`,
    );
  });

  it('says what is wrong with a malformed pattern, and where', () => {
    expect(patternIssues('([a-z')).toEqual([
      'pattern: The pattern is not a valid regular expression: missing closing ] at "[a-z".',
    ]);
    expect(patternProblem('a\\')).toBe(
      'The pattern is not a valid regular expression: trailing backslash at end of expression.',
    );
  });

  it('refuses a pattern that would escape the whole-answer anchors', () => {
    expect(patternProblem('a)|(b')).toMatch(/^The pattern is not a valid regular expression/);
  });
});
