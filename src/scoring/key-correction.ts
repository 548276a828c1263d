import type { Question } from '../banks/question.schemas';

/**
 * Whether `latest` only corrects the key of `shown`: the same type, prompt and choices in the
 * same order, so a candidate's stored answer (indexes into the choices) means the same thing
 * under both. Keys, credit, explanation and references may differ. Only then may an attempt be
 * re-scored with the newer version.
 */
export function onlyKeyChanged(shown: Question, latest: Question): boolean {
  if (shown.type !== latest.type || shown.prompt !== latest.prompt) return false;
  return JSON.stringify(choiceTexts(shown)) === JSON.stringify(choiceTexts(latest));
}

/** What the candidate chose among, in the order answers refer to. */
function choiceTexts(question: Question): unknown {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.options.map((option) => option.text);
    case 'matching':
      return {
        items: question.pairs.map((pair) => pair.prompt),
        answers: [...question.pairs.map((pair) => pair.answer), ...question.distractors],
      };
    default:
      return null;
  }
}
