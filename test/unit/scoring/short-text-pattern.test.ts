import fs from 'node:fs';
import path from 'node:path';
import { parseBankYaml } from '../../../src/banks/formats/yaml-bank';
import type { Question, QuestionOf } from '../../../src/banks/question.schemas';
import { scoreResponse } from '../../../src/scoring/question-scoring';
import { sample } from '../../helpers/questions';

const score = (question: Question, text: string) =>
  scoreResponse(question, { type: 'short_text', text });

describe('short-text patterns', () => {
  it('rejects a catastrophic-backtracking pattern answer without hanging', () => {
    const question = sample('short_text', { accepted: [], pattern: '(a+)+' });
    expect(score(question, `${'a'.repeat(50)}!`).fraction).toBe(0);
    expect(score(question, 'a'.repeat(50)).fraction).toBe(1);
  });

  it('survives other exponential patterns on long answers', () => {
    for (const pattern of ['(a|aa)+', '(.*a){20}', '(\\w+\\s?)*']) {
      const question = sample('short_text', { accepted: [], pattern });
      expect(score(question, `${'a'.repeat(400)}!`).fraction).toBe(0);
    }
  });

  it('matches the whole answer even when the pattern has alternatives', () => {
    const question = sample('short_text', { accepted: [], pattern: 'cat|dog' });
    expect(score(question, 'cat').fraction).toBe(1);
    expect(score(question, 'dog').fraction).toBe(1);
    expect(score(question, 'cats').fraction).toBe(0);
    expect(score(question, 'hotdog').fraction).toBe(0);
  });

  it('ignores case, accents included, unless the question is case-sensitive', () => {
    const insensitive = sample('short_text', { accepted: [], pattern: 'café (noir)?' });
    expect(score(insensitive, 'CAFÉ NOIR').fraction).toBe(1);
    const sensitive = sample('short_text', {
      accepted: [],
      pattern: 'café (noir)?',
      case_sensitive: true,
    });
    expect(score(sensitive, 'CAFÉ NOIR').fraction).toBe(0);
    expect(score(sensitive, 'café noir').fraction).toBe(1);
  });

  it('matches against the answer with its spaces folded', () => {
    const question = sample('short_text', { accepted: [], pattern: 'git stash list' });
    expect(score(question, '  git \t stash\u00a0list ').fraction).toBe(1);
  });

  it('scores by the accepted answers when a stored pattern cannot be read', () => {
    const stored = {
      ...sample('short_text', { accepted: ['Cookie'] }),
      pattern: 'Cook(?=ie)ie',
    } as QuestionOf<'short_text'>;
    expect(score(stored, 'cookie').fraction).toBe(1);
    const wrong = score(stored, 'biscuit');
    expect(wrong.fraction).toBe(0);
    expect(wrong.rule).toBe(
      'Matches an accepted answer (the pattern could not be read, so only those count), ignoring case and extra spaces.',
    );
  });
});

describe('patterns in the shipped banks', () => {
  const questionsDir = path.resolve(__dirname, '../../../questions');
  const withPatterns = fs
    .readdirSync(questionsDir)
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) => {
      const text = fs.readFileSync(path.join(questionsDir, name), 'utf8');
      return parseBankYaml(text, name).bank?.questions ?? [];
    })
    .filter((q): q is QuestionOf<'short_text'> => q.type === 'short_text' && !!q.pattern);

  it('has patterns to check', () => {
    expect(withPatterns.length).toBeGreaterThan(0);
  });

  it.each(withPatterns.map((q) => [q.id, q] as const))(
    '%s: matches the same answers as the backtracking RegExp did',
    (_id, question) => {
      const patternOnly = { ...question, accepted: [] };
      const before = new RegExp(`^(?:${question.pattern})$`, question.case_sensitive ? 'u' : 'iu');
      const answers = question.accepted.flatMap((a) => [a, a.toUpperCase(), `${a}!`, `x ${a}`]);
      for (const answer of [...answers, 'nothing like it']) {
        const expected = before.test(answer) ? 1 : 0;
        expect([answer, score(patternOnly, answer).fraction]).toEqual([answer, expected]);
      }
    },
  );
});
