/**
 * Text handling for job descriptions: cleanup of pasted text before parsing (mojibake, stray
 * HTML and entities, template placeholders, odd line ends and white space), sentence splitting
 * for prose, and the stemmer that the matcher applies to both sides. Pure; every regular
 * expression here is linear (bounded repetitions, no nested quantifiers), so hostile input
 * cannot make it hang.
 */

/** Input beyond this is ignored: a job description is a few KB; this caps the work on junk. */
export const MAX_INPUT_CHARS = 1_000_000;

export interface SourceLine {
  /** The cleaned text; leading indentation is kept (a tab counts as 4 spaces). */
  text: string;
  /** 1-based line in the original input. */
  line: number;
}

/** Cleans the input and splits it into lines, each tagged with the input line it came from. */
export function cleanSourceLines(raw: string): SourceLine[] {
  const decoded = fromC1Controls(fixMojibake(raw.slice(0, MAX_INPUT_CHARS).replace(/^\uFEFF/, '')));
  const text = stripPlaceholders(decoded);
  const result: SourceLine[] = [];
  text.split(/\r\n|\r|\n/).forEach((physical, index) => {
    for (const part of htmlToLines(physical)) {
      result.push({ text: normalizeSpaces(decodeEntities(part)), line: index + 1 });
    }
  });
  return result;
}

// Windows-1252 maps these characters to bytes 0x80-0x9F; the rest of 0x80-0xFF is Latin-1.
const CP1252_BYTES: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
  '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93,
  '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b,
  'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
}; // prettier-ignore
const CONT = `[\\u0080-\\u00bf${Object.keys(CP1252_BYTES).join('')}]`;
/** A UTF-8 lead byte and its continuation bytes, as they look when read as Windows-1252. */
const MOJIBAKE = new RegExp(
  `[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3}`,
  'g',
);
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Undoes UTF-8 that was read as Windows-1252 ("â€™" -> "’"): each suspicious run is turned back
 * into bytes and kept only if they decode as one valid UTF-8 character. Runs twice for text that
 * went through the mistake twice.
 */
export function fixMojibake(text: string): string {
  if (!/[\u00c2-\u00f4]/.test(text)) return text;
  let fixed = text;
  for (let pass = 0; pass < 2; pass += 1) {
    const next = fixed.replace(MOJIBAKE, decodeRun);
    if (next === fixed) break;
    fixed = next;
  }
  // Leftovers whose last byte was lost on the way (0x9D is invisible; an NBSP often became a space).
  return fixed
    .replace(/â€"/g, '—')
    .replace(/â€/g, '”')
    .replace(/Â(?=[ \u00a0])/g, '')
    .replace(BROKEN_VARIATION_SELECTOR, '')
    .replace(BROKEN_EMOJI, BROKEN_CHARACTER)
    .replace(BROKEN_SYMBOL, BROKEN_CHARACTER);
}

/** What an emoji that lost a byte on the way becomes: the parser reads it as an emoji marker. */
export const BROKEN_CHARACTER = '\ufffd';
/** U+FE0F (EF B8 8F) without its last byte, which Windows-1252 does not have. */
const BROKEN_VARIATION_SELECTOR = /ï¸(?![\u0080-\u00bf])/g;
/** An emoji (F0 9F ...) that kept only two or three of its four bytes ("ðŸ¢" for 🏢). */
const BROKEN_EMOJI = new RegExp(`ðŸ${CONT}?`, 'g');
/** A symbol (E2 ...) that lost its last byte, before a space: "âš " for "⚙ ". */
const BROKEN_SYMBOL = new RegExp(`(?<=^|\\s)â${CONT}(?=\\s)`, 'gm');

const CP1252_CHARS = new Map(Object.entries(CP1252_BYTES).map(([char, byte]) => [byte, char]));

/**
 * C1 control characters never occur in text: they are Windows-1252 read as Latin-1 ("\x96" is
 * "–"). Run after fixMojibake, which needs them as bytes.
 */
export function fromC1Controls(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (char) => CP1252_CHARS.get(char.charCodeAt(0)) ?? '');
}

function decodeRun(run: string): string {
  const bytes = Uint8Array.from(run, (char) => CP1252_BYTES[char] ?? char.charCodeAt(0));
  try {
    const decoded = UTF8.decode(bytes);
    return [...decoded].length === 1 ? decoded : run;
  } catch {
    return run;
  }
}

/** Removes `{{...}}` template placeholders, keeping their line breaks so line numbers hold. */
export function stripPlaceholders(text: string): string {
  if (!text.includes('{{')) return text;
  return text
    .replace(/\{\{[^{}]{0,5000}\}\}/g, (placeholder) => placeholder.replace(/[^\n]/g, ''))
    .split('\n')
    .map((line) => line.replace(/\{\{.*$/, '').replace(/^.*\}\}/, ''))
    .join('\n');
}

const TAG_BODY = '[^<>]{0,500}';
const HTML_RULES: [RegExp, string][] = [
  [/<!--[^]{0,2000}?-->/g, ''],
  [new RegExp(`<\\s*li\\b${TAG_BODY}>`, 'gi'), '\n• '],
  [new RegExp(`<\\s*h[1-6]\\b${TAG_BODY}>`, 'gi'), '\n# '],
  [new RegExp(`<\\s*/?\\s*(?:br|p|div|ul|ol|li|tr|table|section|h[1-6]|hr)\\b${TAG_BODY}>`, 'gi'), '\n'],
  [new RegExp(`<\\s*/?\\s*(?:b|strong)\\b${TAG_BODY}>`, 'gi'), '**'],
  [new RegExp(`<\\s*/?\\s*[a-z][a-z0-9-]{0,20}\\b${TAG_BODY}>`, 'gi'), ''],
]; // prettier-ignore

/** Turns stray HTML into text lines: block tags break lines, list items become bullets. */
function htmlToLines(line: string): string[] {
  if (!line.includes('<')) return [line];
  let text = line;
  for (const [pattern, replacement] of HTML_RULES) text = text.replace(pattern, replacement);
  return text.split('\n');
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  bull: '•', middot: '·', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  copy: '©', reg: '®', trade: '™', eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç',
  auml: 'ä', ouml: 'ö', uuml: 'ü', szlig: 'ß', ecirc: 'ê', ocirc: 'ô',
}; // prettier-ignore

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (entity, body: string) => {
    if (!body.startsWith('#')) return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
    const code =
      body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : entity;
  });
}

/**
 * Keeps leading indentation (tabs as 4 spaces, for nested bullets), folds every other run of
 * white space or control characters to one space, drops zero-width characters (not the emoji
 * joiner).
 */
function normalizeSpaces(line: string): string {
  const indent = /^[\t \u00a0]*/.exec(line)?.[0] ?? '';
  const width = [...indent].reduce((sum, char) => sum + (char === '\t' ? 4 : 1), 0);
  const body = line
    .slice(indent.length)
    .replace(/[\u200b\u200c\u2060\ufeff]/g, '')
    .replace(/[\p{Cc}\p{Z}]+/gu, ' ')
    .trim();
  return body ? ' '.repeat(width) + body : '';
}

/** Words that end in a full stop without ending a sentence. */
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'etc', 'vs', 'inc', 'ltd', 'co', 'dr', 'mr', 'mrs', 'ms', 'jr', 'sr', 'approx',
  'incl', 'no', 'z.b', 'bzw', 'ca', 'usw', 'cf', 'p.ex', 'resp',
]); // prettier-ignore

/**
 * Splits prose into sentences at ". ", "! " and "? " followed by a capital or digit (not after
 * "e.g." and the like); a sentence longer than maxChars is cut at spaces into pieces.
 */
export function splitSentences(text: string, maxChars: number): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const boundary of text.matchAll(/[.!?]+["'”’)]*\s+/g)) {
    const end = boundary.index + boundary[0].length;
    if (!/[\p{Lu}\d"“‘(]/u.test(text[end] ?? '')) continue;
    const before = text.slice(Math.max(start, boundary.index - 12), boundary.index);
    const lastWord = before.slice(before.lastIndexOf(' ') + 1).replace(/^[("“‘']+/, '');
    if (ABBREVIATIONS.has(lastWord.toLowerCase()) || /^\p{Lu}$/u.test(lastWord)) continue;
    sentences.push(text.slice(start, end).trim());
    start = end;
  }
  sentences.push(text.slice(start).trim());
  return sentences.filter(Boolean).flatMap((sentence) => cutAtSpaces(sentence, maxChars));
}

function cutAtSpaces(text: string, maxChars: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > maxChars) {
    const space = text.lastIndexOf(' ', start + maxChars);
    const cut = space > start + maxChars / 2 ? space : start + maxChars;
    pieces.push(text.slice(start, cut).trim());
    start = cut;
  }
  pieces.push(text.slice(start).trim());
  return pieces.filter(Boolean);
}

/** Inflections come off first ("migrations" -> "migration"), then one derivation ("-ation"). */
const INFLECTIONS: [suffix: string, replacement: string, minStem: number][] = [
  ['ies', 'i', 3], ['ied', 'i', 3], ['ings', '', 3], ['ing', '', 3], ['ed', '', 3], ['s', '', 3],
]; // prettier-ignore
/** Written for the "i" that a final "y" has become ("security" -> "securiti" -> "secur"). */
const DERIVATIONS: [suffix: string, replacement: string, minStem: number][] = [
  ['ibiliti', 'ibl', 3], ['abiliti', '', 3], ['ization', 'iz', 3], ['ational', 'at', 3],
  ['ation', 'at', 3], ['ance', '', 5], ['ence', '', 5], ['ness', '', 3], ['able', '', 3],
  ['ible', 'ibl', 3], ['ator', 'at', 3], ['ical', 'ic', 3], ['ment', '', 3], ['eri', '', 3],
  ['iti', '', 3], ['ive', '', 3], ['al', '', 3], ['er', '', 3],
]; // prettier-ignore

/**
 * A small deterministic suffix stripper, applied to job descriptions and banks alike so that
 * "scaling", "scalable" and "scalability" meet, as do "authorise" and "authorization". Not a
 * linguist's stemmer: it only has to map both sides to the same key. Words with digits and
 * words of 3 letters or fewer are left alone.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let result = word
    .replace(/(.{3})is(e|es|ed|ing|ation|ations|er|ers)$/, '$1iz$2')
    .replace(/(.{3})our$/, '$1or')
    .replace(/yse$/, 'yze');
  result = stripSuffix(result, INFLECTIONS).replace(/(.{3})y$/, '$1i');
  result = stripSuffix(result, DERIVATIONS);
  if (result.length > 3 && result.endsWith('e')) result = result.slice(0, -1);
  if (result.length > 3 && /([b-df-hj-np-rt-z])\1$/.test(result)) result = result.slice(0, -1);
  return result;
}

function stripSuffix(word: string, rules: [string, string, number][]): string {
  for (const [suffix, replacement, minStem] of rules) {
    if (!word.endsWith(suffix)) continue;
    const base = word.slice(0, -suffix.length);
    if (base.length < minStem || !keepsSuffixOff(suffix, base)) continue;
    return base + replacement;
  }
  return word;
}

/**
 * "access", "status" and "analysis" keep their s ("APIs" does not); "speed" and "string" are not
 * verb forms.
 */
function keepsSuffixOff(suffix: string, base: string): boolean {
  if (suffix === 's') return !/[su]$/.test(base) && !(base.endsWith('i') && base.length > 3);
  if (suffix === 'ed' && base.endsWith('e')) return false;
  if (suffix.startsWith('ing') || suffix === 'ed') return /[aeiouy]/.test(base);
  return true;
}
