import type { Question } from '../../src/banks/question.schemas';
import { displayOrder } from '../../src/quiz/attempt-draw';
import type { AttemptQuestion } from '../../src/quiz/quiz.types';
import { bankFile } from './bank-files';
import { openTestAssessment, type OpenAssessment } from './candidate-fixtures';
import { importTestBanks } from './assessment-fixtures';
import { sample } from './questions';
import type { TestContext } from './test-app';

const MINUTE = 60_000;
const CLIENT = { ip: '127.0.0.1', userAgent: 'jest' };

export const ESSAY_ID = 'http-essay';
export const ESSAY_POINTS = 5;

/**
 * An open assessment where every candidate gets an essay: the HTTP bank gains one, and the
 * assessment draws all 7 of its questions (and 7 of the 10 git ones).
 */
export async function openEssayAssessment(ctx: TestContext): Promise<OpenAssessment> {
  await importTestBanks(ctx);
  const report = await ctx.services.banks.importFiles([
    bankFile({
      skill: 'http-basics',
      name: 'HTTP and REST',
      description: 'Methods, status codes, headers.',
      keywords: ['http', 'rest', 'rest api', 'status codes', 'headers'],
      questions: [sample('essay', { id: ESSAY_ID, points: ESSAY_POINTS })],
    }),
  ]);
  if (!report.applied) throw new Error(JSON.stringify(report.problems));
  return openTestAssessment(ctx, { perSkill: 7 });
}

/** How a test candidate answers: every key, a wrong option everywhere, or nothing at all. */
export type Answers = 'key' | 'wrong' | 'blank';

/** The answer form of one question, in the displayed indexes the candidate's page uses. */
function answerFields(question: Question, entry: AttemptQuestion, answers: Answers) {
  if (question.type === 'essay') return { text: 'Tokens are random, single use and expire.' };
  if (question.type !== 'single') throw new Error(`No test answer for a ${question.type} question`);
  const bankIndex = question.options.findIndex((o) => (answers === 'key' ? o.correct : !o.correct));
  const shown = displayOrder(entry.optionOrder, question.options.length).indexOf(bankIndex);
  return { choice: String(shown) };
}

/** Starts, answers every question as asked (each after a minute), and submits. */
export async function takeQuiz(
  ctx: TestContext,
  invitationId: number,
  answers: Answers,
): Promise<void> {
  const { quiz, banks } = ctx.services;
  await quiz.start(invitationId, CLIENT);
  const { questions } = await quiz.progress(invitationId);
  if (answers !== 'blank') {
    const versions = await banks.findVersions(
      questions.map((q) => ({ id: q.questionId, version: q.version })),
    );
    for (const [index, entry] of questions.entries()) {
      ctx.clock.advance(MINUTE);
      const question = versions.get(`${entry.questionId}@${entry.version}`) as Question;
      await quiz.saveAnswer(invitationId, index + 1, answerFields(question, entry, answers), {
        client: CLIENT,
        viewingSince: ctx.clock.now() - MINUTE,
      });
    }
  }
  ctx.clock.advance(MINUTE);
  await quiz.submit(invitationId);
}
