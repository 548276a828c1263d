import type { PresentedQuestion } from './attempt-draw';

/** An untimed, unscored question to try the controls on before starting; never stored. */
export const PRACTICE_QUESTION: PresentedQuestion & { answer: number } = {
  type: 'single',
  prompt: 'Which of these is a colour?',
  points: 0,
  choices: ['Blue', 'Tuesday', 'Seven'],
  items: [],
  answer: 0,
};
