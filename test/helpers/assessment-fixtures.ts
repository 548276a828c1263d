import type { Question } from '../../src/banks/question.schemas';
import type { TestContext } from './test-app';
import { bankFile } from './bank-files';
import { sample } from './questions';

/** `count` valid single-choice questions with difficulties cycling 1..5. */
function questions(prefix: string, count: number): Question[] {
  return Array.from({ length: count }, (_, i) =>
    sample('single', {
      id: `${prefix}-${String(i + 1).padStart(3, '0')}`,
      difficulty: (i % 5) + 1,
      prompt: `${prefix} question ${i + 1}`,
    }),
  );
}

/** Two small banks the test job description below maps onto. */
export async function importTestBanks(ctx: TestContext): Promise<void> {
  const report = await ctx.services.banks.importFiles([
    bankFile({
      skill: 'git',
      name: 'Git and version control',
      description: 'Branching, merging and history.',
      keywords: ['git', 'version control', 'vcs', 'branching', 'merge', 'rebase'],
      questions: questions('git', 10),
    }),
    bankFile({
      skill: 'http-basics',
      name: 'HTTP and REST',
      description: 'Methods, status codes, headers.',
      keywords: ['http', 'rest', 'rest api', 'status codes', 'headers'],
      questions: questions('http', 6),
    }),
  ]);
  if (!report.applied) throw new Error(JSON.stringify(report.problems));
}

export const TEST_JOB_DESCRIPTION = [
  'Backend Engineer',
  '',
  'About us',
  'We are a small team that ships every day.',
  '',
  'Requirements',
  '- Confident with Git and version control workflows such as rebase',
  '- Designing REST APIs with correct HTTP status codes',
  '- Fluent in Klingon',
  '',
  'Nice to have',
  '- Branching strategies for release trains',
  '',
  'Benefits',
  '- A yearly Git conference ticket',
].join('\n');
