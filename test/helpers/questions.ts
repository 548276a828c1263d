import {
  questionSchema,
  type Question,
  type QuestionInput,
} from '../../src/banks/question.schemas';

/** Valid questions of every type, for tests to copy and change. */
export const sampleQuestions = {
  single: {
    id: 't-single',
    type: 'single',
    difficulty: 2,
    prompt: 'Which HTTP status means **Not Found**?',
    options: [{ text: '404', correct: true }, { text: '403' }, { text: '410' }, { text: '400' }],
    explanation: '404 is Not Found; 403 is Forbidden, 410 Gone, 400 Bad Request.',
    references: ['RFC 9110'],
  },
  multiple: {
    id: 't-multiple',
    type: 'multiple',
    difficulty: 3,
    prompt: 'Which methods are safe?',
    options: [
      { text: 'GET', correct: true },
      { text: 'HEAD', correct: true },
      { text: 'POST' },
      { text: 'DELETE' },
    ],
    explanation: 'GET and HEAD are safe.',
    references: ['RFC 9110 §9.2.1'],
  },
  true_false: {
    id: 't-tf',
    type: 'true_false',
    difficulty: 1,
    prompt: 'PUT is idempotent.',
    answer: true,
    explanation: 'RFC 9110 defines PUT as idempotent.',
  },
  short_text: {
    id: 't-short',
    type: 'short_text',
    difficulty: 2,
    prompt: 'Which header carries cookies from the browser?',
    accepted: ['Cookie'],
    explanation: 'Browsers send Cookie; servers send Set-Cookie.',
  },
  numeric: {
    id: 't-numeric',
    type: 'numeric',
    difficulty: 2,
    prompt: 'How many bits in a byte?',
    answer: 8,
    explanation: 'Eight.',
  },
  essay: {
    id: 't-essay',
    type: 'essay',
    difficulty: 4,
    points: 5,
    prompt: 'Design a password reset flow.',
    rubric: 'One point each for: token entropy, expiry, single use, hashing, no enumeration.',
  },
  matching: {
    id: 't-matching',
    type: 'matching',
    difficulty: 3,
    prompt: 'Match each status code to its meaning.',
    pairs: [
      { prompt: '401', answer: 'Unauthenticated' },
      { prompt: '403', answer: 'Forbidden' },
      { prompt: '404', answer: 'Not Found' },
    ],
    distractors: ['Teapot'],
    explanation: 'By RFC 9110.',
  },
} satisfies Record<string, QuestionInput>;

export function sample<T extends keyof typeof sampleQuestions>(
  type: T,
  overrides: Partial<QuestionInput> = {},
): Question {
  return questionSchema.parse({ ...sampleQuestions[type], ...overrides });
}
