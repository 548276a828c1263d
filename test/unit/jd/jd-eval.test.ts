import fs from 'node:fs';
import path from 'node:path';
import { parseBankYaml } from '../../../src/banks/formats/yaml-bank';
import {
  evaluate,
  meetsTargets,
  parseLabelledPosting,
  unknownBanks,
  type LabelledPosting,
} from '../../../src/jd/jd-eval';
import type { BankTerms } from '../../../src/jd/jd-matcher';

const BANKS: BankTerms[] = [
  { slug: 'git', name: 'Git', description: '', keywords: ['git', 'pull requests'] },
  { slug: 'owasp', name: 'OWASP', description: '', keywords: ['owasp', 'xss'] },
  { slug: 'hosting', name: 'Hosting', description: '', keywords: ['kubernetes'] },
];

function posting(text: string): LabelledPosting {
  const { posting: parsed, problems } = parseLabelledPosting('sample.txt', text);
  if (!parsed) throw new Error(problems.join('\n'));
  return parsed;
}

describe('labelled postings', () => {
  it('reads the labels and gives back the posting as pasted, line for line', () => {
    const parsed = posting(
      ['none     | Skills', '', 'git      | - Git', 'git,owasp | -   indented', ''].join('\n'),
    );
    expect(parsed.text).toBe('Skills\n\n- Git\n-   indented');
    expect([...parsed.labels]).toEqual([
      [1, []],
      [3, ['git']],
      [4, ['git', 'owasp']],
    ]);
  });

  it('names the lines that carry no label and the labels that name no bank', () => {
    expect(parseLabelledPosting('a.txt', 'git | - Git\n- Docker').problems).toEqual([
      'a.txt:2: expected "<banks or none> | <line>"',
    ]);
    expect(unknownBanks(posting('gti | - Git'), BANKS)).toEqual(['sample.txt:1: no bank "gti"']);
  });
});

describe('precision and recall', () => {
  const report = evaluate(
    [
      posting(
        [
          'none    | Skills',
          'git     | - Git and pull requests',
          'owasp   | - XSS and the OWASP Top 10',
          'hosting | - Fluent in Klingon',
          'none    | - Kubernetes on weekends',
          'none    | - Good humour',
        ].join('\n'),
      ),
    ],
    BANKS,
  );

  it('counts right proposals over all proposals, and found lines over labelled ones', () => {
    expect(report.total).toEqual({ skillLines: 3, found: 2, proposals: 3, right: 2 });
    expect(report.precision).toBeCloseTo(2 / 3);
    expect(report.recall).toBeCloseTo(2 / 3);
    expect(meetsTargets(report)).toBe(false);
  });

  it('lists a missed line and a proposal where a person chose none', () => {
    expect(report.mistakes).toEqual([
      { posting: 'sample.txt', line: 4, text: '- Fluent in Klingon', expected: ['hosting'] },
      {
        posting: 'sample.txt',
        line: 5,
        text: '- Kubernetes on weekends',
        expected: [],
        proposed: 'hosting',
      },
    ]);
  });
});

describe('the evaluation set in test/fixtures/jd/eval', () => {
  const questionsDir = path.resolve(__dirname, '../../../questions');
  const evalDir = path.resolve(__dirname, '../../fixtures/jd/eval');
  const shipped: BankTerms[] = fs
    .readdirSync(questionsDir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => {
      const { bank } = parseBankYaml(fs.readFileSync(path.join(questionsDir, name), 'utf8'), name);
      if (!bank) throw new Error(`${name} does not parse`);
      const { skill: slug, name: title, description, keywords } = bank;
      return { slug, name: title, description, keywords };
    });
  const postings = fs
    .readdirSync(evalDir)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => {
      const result = parseLabelledPosting(name, fs.readFileSync(path.join(evalDir, name), 'utf8'));
      if (!result.posting) throw new Error(result.problems.join('\n'));
      return result.posting;
    });

  it('has at least 12 postings, labelled only with banks that exist', () => {
    expect(postings.length).toBeGreaterThanOrEqual(12);
    expect(postings.flatMap((labelled) => unknownBanks(labelled, shipped))).toEqual([]);
  });

  it('meets the targets: precision 0.9, recall 0.85', () => {
    const result = evaluate(postings, shipped);
    expect(result.precision).toBeGreaterThanOrEqual(0.9);
    expect(result.recall).toBeGreaterThanOrEqual(0.85);
  });
});
