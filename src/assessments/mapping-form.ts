import { LANGUAGE_FALLBACK } from '../jd/jd-vocabulary';
import type { StoredLine } from './assessments.types';

/** The review-skills form: what it shows for a line, and what a submitted form chose. */

export interface MappingForm {
  /** Per line position, the banks chosen: `line.N.primary` first, then `line.N.extra`. */
  banks: Map<number, string[]>;
  /** Per line position, the languages ticked on a line that names several (`line.N.language`). */
  languages: Map<number, string[]>;
}

const FIELD = /^line\.(\d{1,5})\.(primary|extra|language)$/;

/** A dropped line (`line.N.drop`) chooses nothing. */
export function mappingChoices(body: Record<string, unknown>): MappingForm {
  const banks = new Map<number, string[]>();
  const languages = new Map<number, string[]>();
  for (const [name, value] of Object.entries(body)) {
    const match = FIELD.exec(name);
    if (!match) continue;
    const position = Number(match[1]);
    if (body[`line.${position}.drop`] === 'on') continue;
    // A repeated field (several ticked languages) arrives as an array.
    const values = ([] as unknown[]).concat(value).filter(isChosen);
    if (match[2] === 'language') {
      languages.set(position, [...(languages.get(position) ?? []), ...values]);
      continue;
    }
    const chosen = banks.get(position) ?? [];
    if (match[2] === 'primary') chosen.unshift(...values.slice(0, 1));
    else chosen.push(...values.slice(0, 1));
    banks.set(position, chosen);
  }
  return { banks, languages };
}

function isChosen(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

export interface LanguageOption {
  bank: string;
  language: string;
  /** Its bank exists: it can be ticked. */
  available: boolean;
  checked: boolean;
}

export interface LineControls {
  primary: string;
  extra: string;
  /** Empty unless the line names several languages. */
  languages: LanguageOption[];
}

/**
 * What the form shows for a line. On a line that names several languages the ticked languages
 * are its language banks; the bank list shows the rest, or the language-neutral fallback while
 * languages are ticked, so that unticking them all falls back to it.
 */
export function lineControls(line: StoredLine, existingBanks: ReadonlySet<string>): LineControls {
  const choice = line.choice ?? [];
  const offered = new Set(choice.map((named) => named.bank));
  const languages = choice.map(({ bank, language }) => ({
    bank,
    language,
    available: existingBanks.has(bank),
    checked: line.skills.includes(bank),
  }));
  const rest = line.skills.filter((skill) => !offered.has(skill));
  const ticked = languages.some((option) => option.checked);
  const primary = rest[0] ?? (ticked ? LANGUAGE_FALLBACK : '');
  return { primary, extra: rest[1] ?? '', languages };
}
