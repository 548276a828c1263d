import type { Question } from '../banks/question.schemas';
import { displayOrder, presentQuestion, type DrawnQuestion } from '../quiz/attempt-draw';
import { matchingAnswerList, type QuestionResponse } from '../scoring/question-scoring';

/**
 * A candidate's answer beside the key, as a manager reviews it: choices in the order the
 * candidate saw them, each marked picked and correct. Pure: the template only draws it.
 */

export interface ReviewedChoice {
  text: string;
  picked: boolean;
  correct: boolean;
  /** Percent credit of a weighted multiple-choice option. */
  weight?: number;
}

export interface ReviewedPair {
  item: string;
  /** The answer the candidate matched to the item, or null when left open. */
  given: string | null;
  key: string;
}

export type AnswerReview =
  | { type: 'single' | 'multiple'; choices: ReviewedChoice[] }
  | { type: 'matching'; pairs: ReviewedPair[] }
  | { type: 'true_false'; given: boolean | null }
  | { type: 'short_text' | 'essay'; given: string | null }
  | { type: 'numeric'; given: number | null };

export function reviewAnswer(
  question: Question,
  drawn: DrawnQuestion,
  response: QuestionResponse | null,
): AnswerReview {
  const shown = presentQuestion(question, drawn);
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const picked = new Set(
        response?.type === 'single'
          ? [response.choice]
          : response?.type === 'multiple'
            ? response.choices
            : [],
      );
      const order = displayOrder(drawn.optionOrder, question.options.length);
      return {
        type: question.type,
        choices: shown.choices.map((text, i) => {
          const option = question.options[order[i] as number];
          return {
            text,
            picked: picked.has(order[i] as number),
            correct: option?.correct ?? false,
            ...(option?.weight === undefined ? {} : { weight: option.weight }),
          };
        }),
      };
    }
    case 'matching': {
      const answers = matchingAnswerList(question);
      const matches = response?.type === 'matching' ? response.matches : [];
      return {
        type: 'matching',
        pairs: question.pairs.map((pair, i) => {
          const chosen = matches[i];
          return {
            item: pair.prompt,
            given: chosen === null || chosen === undefined ? null : (answers[chosen] ?? null),
            key: pair.answer,
          };
        }),
      };
    }
    case 'true_false':
      return { type: 'true_false', given: response?.type === 'true_false' ? response.value : null };
    case 'numeric':
      return { type: 'numeric', given: response?.type === 'numeric' ? response.value : null };
    case 'short_text':
    case 'essay':
      return {
        type: question.type,
        given: response?.type === 'short_text' || response?.type === 'essay' ? response.text : null,
      };
  }
}
