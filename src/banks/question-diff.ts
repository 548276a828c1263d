import { stringify } from 'yaml';
import { questionForFile } from './formats/yaml-bank';
import type { Question } from './question.schemas';

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface FieldDiff {
  field: string;
  lines: DiffLine[];
}

/** A field as text; `\r` is dropped so versions stored with Windows line endings compare equal. */
function fieldText(value: unknown): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : stringify(value, { lineWidth: 0 }).trimEnd();
  return text.replace(/\r\n?/g, '\n');
}

/** Line diff by longest common subsequence; question fields are short, so O(n·m) is fine. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before ? before.split('\n') : [];
  const b = after ? after.split('\n') : [];
  const common: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      common[i]![j] =
        a[i] === b[j]
          ? common[i + 1]![j + 1]! + 1
          : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i]! });
      i += 1;
      j += 1;
    } else if (i < a.length && (j >= b.length || common[i + 1]![j]! >= common[i]![j + 1]!)) {
      // Removals before additions, as every diff tool shows them.
      lines.push({ kind: 'removed', text: a[i]! });
      i += 1;
    } else {
      lines.push({ kind: 'added', text: b[j]! });
      j += 1;
    }
  }
  return lines;
}

/** The fields that differ between two versions of a question, each as a line diff. */
export function diffQuestions(before: Question, after: Question): FieldDiff[] {
  const a = questionForFile(before);
  const b = questionForFile(after);
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields
    .filter((name) => fieldText(a[name]) !== fieldText(b[name]))
    .map((name) => ({ field: name, lines: diffLines(fieldText(a[name]), fieldText(b[name])) }));
}
