import { bankToYaml, parseBankYaml } from '../../../src/banks/formats/yaml-bank';
import type { Bank } from '../../../src/banks/question.schemas';
import { sample } from '../../helpers/questions';

function bankWith(questions: Bank['questions']): Bank {
  return { skill: 'http-basics', name: 'HTTP', description: '', keywords: [], questions };
}

describe('the YAML bank format', () => {
  it('writes group and reviewed after the tags and reads them back', () => {
    const bank = bankWith([
      sample('single', {
        id: 'http-001',
        tags: ['status'],
        group: 'not-found',
        reviewed: '2026-12',
      }),
      sample('true_false', { id: 'http-002' }),
    ]);
    const text = bankToYaml(bank);
    expect(text).toContain(
      '    tags:\n      - status\n    group: not-found\n    reviewed: 2026-12\n',
    );
    const parsed = parseBankYaml(text, 'http-basics.yaml');
    expect(parsed.problems).toEqual([]);
    expect(parsed.bank).toStrictEqual(bank);
    expect(parsed.bank?.questions[1]).not.toHaveProperty('group');
  });

  it('names the question and line of a bad review month', () => {
    const text = bankToYaml(bankWith([sample('single', { id: 'http-001' })])).replace(
      '    prompt:',
      '    reviewed: December 2026\n    prompt:',
    );
    const { problems } = parseBankYaml(text, 'http-basics.yaml');
    expect(problems).toEqual([
      {
        line: 9,
        message: 'http-001 reviewed: Give the review month as year and month, like 2026-12.',
      },
    ]);
  });
});
