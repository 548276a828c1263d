import { stem } from './text-normalize';
import {
  AMBIGUOUS,
  COMPOUNDS,
  DIGITS_BELONG,
  STOPWORDS,
  WHOLE_WORDS,
  WORD_ALIASES,
} from './jd-vocabulary';

/**
 * Turns a skill line or a bank's keyword into the stems the matcher compares, the same way on
 * both sides: lower case, technology names folded ("Express.js", "ExpressJS" and "Express";
 * "HTML5" and "HTML"), aliases and compounds joined, filler dropped, words stemmed. Pure.
 */

export interface Token {
  stem: string;
  /** Character span in the text, to quote the words back in `why`. */
  start: number;
  end: number;
  /** Follows punctuation or a dropped word: a name phrase does not run across it. */
  afterGap: boolean;
  /** Joined to the token before by a comma, slash, "and" or "or" only: the next item of a list. */
  listed: boolean;
}

interface Word {
  text: string;
  start: number;
  end: number;
  /** As written, for telling "LESS" the tool from "less" the word. */
  original: string;
  afterPunctuation: boolean;
  /** Written in a way only a name is ("Express.js"). */
  asName: boolean;
}

const WORD_PATTERN = /[\p{L}\p{N}]+(?:[.+#'’/-][\p{L}\p{N}]+)*[+#]*/gu;
const LIST_JOIN = /^[\s,/&]*(?:(?:and|or)\b[\s,/&]*)?$/i;

/**
 * Words -> aliases and compounds -> stopwords out -> stems. `fromBank` keeps ambiguous words
 * that a job description must write as a name to count.
 */
export function tokenize(text: string, fromBank = false): Token[] {
  const tokens: Token[] = [];
  let gap = false;
  const words = mergeCompounds(splitWords(text));
  words.forEach((word, index) => {
    const alias = WORD_ALIASES.get(word.text) ?? word.text;
    // Single letters are initials and list markers ("a)"), never skills on their own.
    const dropped =
      alias.length < 2 ||
      STOPWORDS.has(alias) ||
      (!fromBank && AMBIGUOUS.has(word.text) && !readsAsName(words, index));
    if (dropped) {
      gap = true;
      return;
    }
    const previous = tokens[tokens.length - 1];
    const between = previous ? text.slice(previous.end, word.start) : '';
    tokens.push({
      stem: cachedStem(alias),
      start: word.start,
      end: word.end,
      afterGap: gap || word.afterPunctuation,
      listed: Boolean(previous) && /[,/&]|\b(and|or)\b/i.test(between) && LIST_JOIN.test(between),
    });
    gap = false;
  });
  return tokens;
}

export function stemsOf(text: string): string[] {
  return tokenize(text, true).map((token) => token.stem);
}

/** Runs of words not broken by punctuation or stopwords ("session management", "distributed systems"). */
export function phrasesOf(text: string): string[][] {
  const runs: string[][] = [];
  for (const token of tokenize(text, true)) {
    const current = runs[runs.length - 1];
    if (!current || token.afterGap) runs.push([token.stem]);
    else current.push(token.stem);
  }
  return runs;
}

/** Lower-cased words; "node.js" and ".net" stay whole, other punctuation splits words. */
function splitWords(text: string): Word[] {
  const words: Word[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD_PATTERN)) {
    let start = match.index;
    let raw = match[0];
    if (text[start - 1] === '.' && /^net$/i.test(raw) && !/\w/.test(text[start - 2] ?? '')) {
      start -= 1;
      raw = `.${raw}`;
    }
    const afterPunctuation = /[,;:()[\]!?.]/.test(text.slice(previousEnd, start));
    previousEnd = start + raw.length;
    wholeOrParts(raw.toLowerCase(), start).forEach((part, i) => {
      const original = text.slice(part.start, part.end);
      words.push({ ...part, original, afterPunctuation: i === 0 && afterPunctuation });
    });
  }
  return words;
}

type Part = Omit<Word, 'original' | 'afterPunctuation'>;

function wholeOrParts(raw: string, start: number): Part[] {
  const end = start + raw.length;
  const whole = WHOLE_WORDS.get(raw);
  if (whole) return [{ text: whole, start, end, asName: true }];
  const script = /^([a-z][a-z0-9]*)\.js$/.exec(raw)?.[1];
  if (script) return [{ text: script, start, end, asName: true }];
  if (!/[.+#'’/-]/.test(raw)) return [{ ...normalizeName(raw), start, end }];
  const parts: Part[] = [];
  for (const part of raw.matchAll(/[\p{L}\p{N}]+/gu)) {
    const from = start + part.index;
    parts.push({ ...normalizeName(part[0]), start: from, end: from + part[0].length });
  }
  return parts;
}

/** "expressjs" -> "express" (a name), "python3" -> "python", "html5" -> "html". */
function normalizeName(word: string): { text: string; asName: boolean } {
  const script = /^([a-z][a-z0-9]{2,})js$/.exec(word)?.[1];
  if (script) return { text: script, asName: true };
  const versioned = /^([a-z]{3,})\d{1,2}$/.exec(word)?.[1];
  if (versioned && !DIGITS_BELONG.has(versioned)) return { text: versioned, asName: true };
  return { text: word, asName: false };
}

const COMPOUND_STARTS = new Set([...COMPOUNDS.keys()].map((pair) => pair.split(' ')[0]));

function mergeCompounds(words: Word[]): Word[] {
  const merged: Word[] = [];
  for (const word of words) {
    const last = merged[merged.length - 1];
    const compound =
      last && COMPOUND_STARTS.has(last.text) && COMPOUNDS.get(`${last.text} ${word.text}`);
    if (last && compound && !word.afterPunctuation) {
      merged[merged.length - 1] = {
        ...last,
        text: compound,
        end: word.end,
        original: `${last.original}${word.original}`,
      };
    } else merged.push(word);
  }
  return merged;
}

/**
 * "LESS", "Express.js", or a capitalized word after the first; a capitalized first word counts
 * when a list or another name follows ("Go, Rust or Java", "Spring Boot"), not in "Express
 * your ideas".
 */
function readsAsName(words: Word[], index: number): boolean {
  const word = words[index];
  if (!word) return false;
  if (word.asName || /^\p{Lu}{2,}$/u.test(word.original)) return true;
  if (!/^\p{Lu}/u.test(word.original)) return false;
  if (index > 0) return true;
  const next = words[index + 1];
  return (
    !next || next.afterPunctuation || /^(and|or)$/.test(next.text) || /^\p{Lu}/u.test(next.original)
  );
}

const STEM_CACHE_SIZE = 50_000;
const stemCache = new Map<string, string>();

/** Stemming is the hot path and job ads repeat their words; the cache is bounded. */
function cachedStem(word: string): string {
  let result = stemCache.get(word);
  if (result === undefined) {
    if (stemCache.size >= STEM_CACHE_SIZE) stemCache.clear();
    result = stem(word);
    stemCache.set(word, result);
  }
  return result;
}
