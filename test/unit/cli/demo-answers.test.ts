import fs from 'node:fs';
import path from 'node:path';
import { seededRng, shuffle, type Rng } from '../../../src/assessments/draw';
import { parseBankYaml } from '../../../src/banks/formats/yaml-bank';
import type { Question } from '../../../src/banks/question.schemas';
import {
  answerFields,
  demoAnswer,
  demoCandidates,
  difficultyParameter,
  outcomeFor,
  probabilityCorrect,
  skippedNumbers,
  standardNormal,
  type Outcome,
} from '../../../src/cli/demo-answers';
import { isAnswered, parseAnswerForm } from '../../../src/quiz/answer-form';
import type { DrawnQuestion } from '../../../src/quiz/attempt-draw';
import { matchingAnswerList, scoreResponse } from '../../../src/scoring/question-scoring';
import { sample, sampleQuestions } from '../../helpers/questions';

type Orders = Pick<DrawnQuestion, 'optionOrder' | 'matchOrder'>;

/** A shuffled draw, as a candidate would see the question. */
function drawnOrders(question: Question, rng: Rng): Orders {
  const identity = (length: number) => Array.from({ length }, (_, i) => i);
  return {
    optionOrder:
      question.type === 'single' || question.type === 'multiple'
        ? shuffle(identity(question.options.length), rng)
        : null,
    matchOrder:
      question.type === 'matching'
        ? shuffle(identity(matchingAnswerList(question).length), rng)
        : null,
  };
}

/** Builds the form a candidate posts, reads it back as the quiz does, and scores it. */
function scoreThroughForm(question: Question, outcome: Outcome, rng: Rng) {
  const drawn = drawnOrders(question, rng);
  const parsed = parseAnswerForm(question, drawn, answerFields(question, drawn, outcome, rng));
  if (!parsed.ok) throw new Error(parsed.message);
  return { response: parsed.response, score: scoreResponse(question, parsed.response) };
}

function successRate(theta: number, difficulty: number, draws: number, rng: Rng): number {
  let right = 0;
  for (let i = 0; i < draws; i += 1) if (outcomeFor(theta, difficulty, rng) === 'correct') right++;
  return right / draws;
}

describe('the ability model', () => {
  it('maps difficulty labels 1 to 5 onto -2 to 2', () => {
    expect([1, 2, 3, 4, 5].map(difficultyParameter)).toEqual([-2, -1, 0, 1, 2]);
  });

  it('gives an even chance when ability equals difficulty, and follows the logistic curve', () => {
    expect(probabilityCorrect(0.4, 0.4)).toBe(0.5);
    expect(probabilityCorrect(1, 0)).toBeCloseTo(1 / (1 + Math.exp(-1.7)), 10);
    expect(probabilityCorrect(-3, 2)).toBeLessThan(0.001);
  });

  it('answers harder questions right less often, and abler candidates answer right more often', () => {
    const rng = seededRng(7);
    const thetas = [-2, -1, 0, 1, 2];
    const rates = thetas.map((theta) =>
      [1, 2, 3, 4, 5].map((difficulty) => successRate(theta, difficulty, 4_000, rng)),
    );
    for (const [t, row] of rates.entries()) {
      for (const [d, rate] of row.entries()) {
        expect(Math.abs(rate - probabilityCorrect(thetas[t] ?? 0, d - 2))).toBeLessThan(0.03);
        if (d > 0) expect(rate).toBeLessThan(row[d - 1] ?? 0);
        if (t > 0) expect(rate).toBeGreaterThan(rates[t - 1]?.[d] ?? 1);
      }
    }
  });

  it('draws abilities from a standard normal distribution', () => {
    const rng = seededRng(11);
    const values = Array.from({ length: 20_000 }, () => standardNormal(rng));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(variance) - 1)).toBeLessThan(0.03);
    expect(values.every(Number.isFinite)).toBe(true);
  });
});

describe('demo candidates', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(demoCandidates(30, seededRng(5))).toEqual(demoCandidates(30, seededRng(5)));
    expect(demoCandidates(30, seededRng(6))).not.toEqual(demoCandidates(30, seededRng(5)));
  });

  it('have a first and last name, and about one in ten leaves one or two questions unanswered', () => {
    const people = demoCandidates(3_000, seededRng(9));
    expect(people.every((p) => /^\S+ \S+$/.test(p.name))).toBe(true);
    expect(new Set(people.map((p) => p.skips))).toEqual(new Set([0, 1, 2]));
    const skipping = people.filter((p) => p.skips > 0).length / people.length;
    expect(skipping).toBeGreaterThan(0.08);
    expect(skipping).toBeLessThan(0.12);
  });

  it('skip distinct questions among those drawn', () => {
    const skipped = skippedNumbers(30, 2, seededRng(3));
    expect(skipped.size).toBe(2);
    for (const n of skipped) expect(n >= 1 && n <= 30).toBe(true);
    expect(skippedNumbers(1, 2, seededRng(3))).toEqual(new Set([1]));
    expect(skippedNumbers(30, 0, seededRng(3)).size).toBe(0);
  });
});

const SCORED_TYPES = (Object.keys(sampleQuestions) as (keyof typeof sampleQuestions)[]).filter(
  (type) => type !== 'essay',
);

describe('demo answers', () => {
  it.each(SCORED_TYPES)(
    'a right answer to a %s question scores full credit, a wrong one less, through shuffled options',
    (type) => {
      const rng = seededRng(21);
      for (let i = 0; i < 50; i += 1) {
        expect(scoreThroughForm(sample(type), 'correct', rng).score.fraction).toBe(1);
        const wrong = scoreThroughForm(sample(type), 'wrong', rng);
        expect(wrong.score.fraction).toBeLessThan(1);
      }
    },
  );

  it('writes a short text for an essay either way, for a person to grade', () => {
    const rng = seededRng(4);
    for (const outcome of ['correct', 'wrong'] as const) {
      const { response, score } = scoreThroughForm(sample('essay'), outcome, rng);
      expect(isAnswered(response)).toBe(true);
      expect(score.fraction).toBeNull();
    }
  });

  it('finds a wrong answer where an easy one would still earn full credit', () => {
    const rng = seededRng(8);
    const cases: Question[] = [
      // The key plus a zero-weight option still sums to 100%.
      sample('multiple', {
        options: [
          { text: 'A', correct: true, weight: 100 },
          { text: 'B', weight: 0 },
          { text: 'C', weight: 0 },
        ],
      }),
      sample('multiple', {
        options: [
          { text: 'A', correct: true },
          { text: 'B', correct: true },
        ],
      }),
      sample('numeric', { answer: 0, tolerance: 2 }),
      sample('numeric', { answer: undefined, min: 10, max: 30 }),
      sample('numeric', { answer: 43.2, tolerance: 0.1 }),
      sample('short_text', { accepted: ['not sure', 'Cache', 'timeout'] }),
      sample('matching', {
        pairs: [
          { prompt: 'GET', answer: 'Safe' },
          { prompt: 'HEAD', answer: 'Safe' },
        ],
        distractors: [],
      }),
    ];
    for (const question of cases) {
      expect(scoreThroughForm(question, 'correct', rng).score.fraction).toBe(1);
      for (let i = 0; i < 30; i += 1) {
        const { response, score } = scoreThroughForm(question, 'wrong', rng);
        expect(score.fraction).toBeLessThan(1);
        expect(isAnswered(response)).toBe(true);
      }
    }
  });

  it('answers every question of the shipped banks right or wrong as asked', () => {
    const dir = path.resolve(__dirname, '../../../questions');
    const rng = seededRng(13);
    let checked = 0;
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const { bank } = parseBankYaml(fs.readFileSync(path.join(dir, name), 'utf8'), name);
      for (const question of bank?.questions ?? []) {
        if (question.type === 'essay') continue;
        expect([question.id, scoreThroughForm(question, 'correct', rng).score.fraction]).toEqual([
          question.id,
          1,
        ]);
        expect(scoreThroughForm(question, 'wrong', rng).score.fraction).toBeLessThan(1);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('lets abler candidates earn more, and take a plausible time on each page', () => {
    const rng = seededRng(17);
    const question = sample('single', { difficulty: 3 });
    const earned = (theta: number) => {
      let total = 0;
      for (let i = 0; i < 1_000; i += 1) {
        const drawn = drawnOrders(question, rng);
        const answer = demoAnswer(question, drawn, theta, rng);
        const parsed = parseAnswerForm(question, drawn, answer.fields);
        if (!parsed.ok) throw new Error(parsed.message);
        total += scoreResponse(question, parsed.response).fraction ?? 0;
        expect(answer.timeOnPageMs).toBeGreaterThanOrEqual(5_000);
        expect(answer.timeOnPageMs).toBeLessThanOrEqual(5 * 60_000);
      }
      return total / 1_000;
    };
    const [low, middle, high] = [earned(-1.5), earned(0), earned(1.5)];
    expect(low).toBeLessThan(middle);
    expect(middle).toBeLessThan(high);
  });
});
