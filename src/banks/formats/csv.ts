import {
  QUESTION_TYPES,
  SLUG_PATTERN,
  type ChoiceOption,
  type NumericRange,
  type Question,
  type QuestionInput,
  type QuestionOf,
  type QuestionType,
  type CommonQuestionKey,
} from '../question.schemas';

/**
 * Questions as CSV, one question per row, for people who keep banks in a spreadsheet. The
 * column meanings are documented in questions/README.md. Reading and writing are exact inverses:
 * every field of the schema survives `questionsToCsv` followed by `parseQuestionsCsv`.
 */

const COLUMNS = [
  'skill',
  'id',
  'type',
  'difficulty',
  'points',
  'tags',
  'prompt',
  'options',
  'answer',
  'explanation',
  'references',
  'extra',
  'group',
  'reviewed',
] as const;
type CsvColumn = (typeof COLUMNS)[number];
/** Columns added after the format was first published: files without them still read. */
const OPTIONAL_COLUMNS: readonly CsvColumn[] = ['group', 'reviewed'];
const REQUIRED_COLUMNS = COLUMNS.filter((column) => !OPTIONAL_COLUMNS.includes(column));
type Cells = Record<CsvColumn, string>;

/** The columns whose meaning depends on the question type. */
const TYPE_COLUMNS = ['options', 'answer', 'extra'] as const;
type TypeColumn = (typeof TYPE_COLUMNS)[number];
type TypeCells = Partial<Record<TypeColumn, string>>;
type NumericKey = Omit<NumericRange, 'credit'>;
type CommonInput = Pick<QuestionInput, CommonQuestionKey>;

export const CSV_COLUMNS: readonly string[] = COLUMNS;

export interface CsvQuestion {
  line: number;
  skill: string;
  question: QuestionInput;
}
export interface CsvProblem {
  line: number;
  message: string;
}
export interface CsvResult {
  questions: CsvQuestion[];
  errors: CsvProblem[];
}

const BOM = '\uFEFF';
/** Far above what the schema allows in any cell, low enough to stop a runaway quote early. */
const MAX_CELL_LENGTH = 100_000;
/** Indenting a line by this much inside a list cell continues the item above it. */
const CONTINUATION = '  ';
/** `[50%]`: an option's weight, or a numeric alternative's credit. */
const PERCENT_TOKEN = /^\[([^\]\n]*)%\]/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
/** `name: value` in the extra cell of a short_text question; the value may span lines. */
const SETTING = /^(\w+)\s*:([\s\S]*)$/;
const TOLERANCE_SIGN = /\s*(?:±|\+-)\s*/;
/** First characters that make a spreadsheet evaluate a cell (OWASP CSV injection). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);
const FORMULA_GUARD = "'";

/** Thrown by cell readers; becomes one CsvProblem for the row. */
class CellError extends Error {}

// ---------------------------------------------------------------------------------------------
// Import

export function parseQuestionsCsv(text: string): CsvResult {
  const result: CsvResult = { questions: [], errors: [] };
  const scan = readRecords(text);
  const [headerRecord, ...rows] = scan.records.filter((record) => !isBlank(record));
  if (!headerRecord) {
    result.errors.push(scan.unclosed ?? { line: 1, message: emptyFileMessage() });
    return result;
  }
  const header = readHeader(headerRecord);
  if ('message' in header) {
    result.errors.push(header);
    return result;
  }
  for (const record of rows) {
    const row = readRow(record, header.columns);
    if ('message' in row) result.errors.push(row);
    else result.questions.push(row);
  }
  if (scan.unclosed) result.errors.push(scan.unclosed);
  return result;
}

function emptyFileMessage(): string {
  return `The file is empty; its first line must be the header: ${COLUMNS.join(',')}`;
}

function readHeader(record: CsvRecord): { columns: CsvColumn[] } | CsvProblem {
  const names = record.cells.map((cell) => cell.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
  const unknown = names.filter((name) => !isColumn(name));
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (record.problem || missing.length || unknown.length || repeated.length) {
    const parts = [
      record.problem,
      missing.length && `missing columns: ${missing.join(', ')}`,
      unknown.length && `unknown columns: ${unknown.map(quote).join(', ')}`,
      repeated.length && `repeated columns: ${repeated.join(', ')}`,
    ];
    // Excel in many locales saves "CSV" with semicolons; say so rather than list every column.
    const hint =
      names.length === 1 && /[;\t]/.test(names[0] ?? '') ? ' Separate cells with commas.' : '';
    const found = parts.filter(Boolean).join('; ');
    return {
      line: record.line,
      message: `The header is wrong (${found}). It must name these columns: ${REQUIRED_COLUMNS.join(',')} (${OPTIONAL_COLUMNS.join(' and ')} may follow).${hint}`,
    };
  }
  return { columns: names.filter(isColumn) };
}

function readRow(record: CsvRecord, header: CsvColumn[]): CsvQuestion | CsvProblem {
  const { line } = record;
  if (record.problem) return { line, message: record.problem };
  if (record.cells.length !== header.length) {
    return {
      line,
      message: `This row has ${record.cells.length} cells; the header has ${header.length}.`,
    };
  }
  const cells = {
    ...Object.fromEntries(OPTIONAL_COLUMNS.map((column) => [column, ''])),
    ...Object.fromEntries(
      header.map((column, index) => [column, removeFormulaGuard(record.cells[index] ?? '')]),
    ),
  } as Cells;
  try {
    return { line, skill: readSkill(cells.skill), question: readQuestion(cells) };
  } catch (error) {
    if (error instanceof CellError) return { line, message: error.message };
    throw error;
  }
}

function readSkill(cell: string): string {
  const skill = cell.trim();
  if (!SLUG_PATTERN.test(skill)) {
    throw new CellError(`skill: ${quote(skill)} is not a skill slug (like git or owasp-top-10).`);
  }
  return skill;
}

function readQuestion(cells: Cells): QuestionInput {
  const type = readType(cells.type);
  const format = TYPE_FORMATS[type];
  for (const column of TYPE_COLUMNS) {
    if (!format.columns.includes(column) && cells[column].trim()) {
      throw new CellError(
        `${column}: a ${type} question does not use this column; leave it empty.`,
      );
    }
  }
  return format.read(cells, readCommonFields(cells));
}

function readType(cell: string): QuestionType {
  const type = cell.trim().toLowerCase();
  if (!isQuestionType(type)) {
    throw new CellError(
      `type: ${quote(cell)} is not a type; use one of ${QUESTION_TYPES.join(', ')}.`,
    );
  }
  return type;
}

function readCommonFields(cells: Cells): CommonInput {
  return {
    id: cells.id.trim(),
    difficulty: readRequiredNumber('difficulty', cells.difficulty),
    ...optionalField('points', readNumber('points', cells.points)),
    tags: readTags(cells.tags),
    prompt: cells.prompt,
    explanation: cells.explanation,
    references: readItems(cells.references),
    ...optionalField('group', cells.group.trim() || undefined),
    ...optionalField('reviewed', cells.reviewed.trim() || undefined),
  };
}

/** Per type: which of options/answer/extra it uses, and how to read them. */
const TYPE_FORMATS: Record<
  QuestionType,
  { columns: readonly TypeColumn[]; read: (cells: Cells, common: CommonInput) => QuestionInput }
> = {
  single: {
    columns: ['options'],
    read: (cells, common) => ({ ...common, type: 'single', options: readOptions(cells.options) }),
  },
  multiple: {
    columns: ['options'],
    read: (cells, common) => ({ ...common, type: 'multiple', options: readOptions(cells.options) }),
  },
  true_false: {
    columns: ['answer'],
    read: (cells, common) => ({
      ...common,
      type: 'true_false',
      answer: readBoolean('answer', cells.answer),
    }),
  },
  short_text: {
    columns: ['answer', 'extra'],
    read: (cells, common) => ({
      ...common,
      type: 'short_text',
      accepted: readItems(cells.answer),
      ...readShortTextSettings(cells.extra),
    }),
  },
  numeric: {
    columns: ['answer'],
    read: (cells, common) => ({ ...common, type: 'numeric', ...readNumericKey(cells.answer) }),
  },
  essay: {
    columns: ['answer'],
    read: (cells, common) => ({ ...common, type: 'essay', rubric: cells.answer }),
  },
  matching: {
    columns: ['options', 'answer', 'extra'],
    read: (cells, common) => ({
      ...common,
      type: 'matching',
      pairs: readPairs(cells.options, cells.answer),
      distractors: readItems(cells.extra),
    }),
  },
};

function readOptions(cell: string): ChoiceOption[] {
  return readItems(cell).map(readOption);
}

function readOption(item: string): ChoiceOption {
  const marker = item[0];
  if (marker !== '*' && marker !== '-') {
    throw new CellError(
      `options: ${quote(item)} must start with "* " (a correct option) or "- " (a wrong one).`,
    );
  }
  let rest = item.slice(1).trimStart();
  const weight = PERCENT_TOKEN.exec(rest);
  if (weight) rest = rest.slice(weight[0].length).trimStart();
  return {
    text: unescapeOptionText(rest),
    correct: marker === '*',
    ...optionalField('weight', weight ? readPercent('options', weight[1] ?? '') : undefined),
  };
}

function readPairs(promptsCell: string, answersCell: string): { prompt: string; answer: string }[] {
  const prompts = readItems(promptsCell);
  const answers = readItems(answersCell);
  if (prompts.length !== answers.length) {
    throw new CellError(
      `answer: ${prompts.length} prompts in options but ${answers.length} answers; give one answer per prompt, in the same order.`,
    );
  }
  return prompts.map((prompt, index) => ({ prompt, answer: answers[index] ?? '' }));
}

function readShortTextSettings(cell: string): { pattern?: string; case_sensitive?: boolean } {
  const settings: { pattern?: string; case_sensitive?: boolean } = {};
  for (const item of readItems(cell)) {
    const [, name = '', value = ''] = SETTING.exec(item) ?? [];
    if (name.toLowerCase() === 'pattern') settings.pattern = value.trim();
    else if (name.toLowerCase() === 'case_sensitive') {
      settings.case_sensitive = readBoolean('extra', value);
    } else {
      throw new CellError(
        `extra: ${quote(item)} is not a setting; write "pattern: <regex>" or "case_sensitive: true".`,
      );
    }
  }
  return settings;
}

/** Lines marked `[N%]` are alternatives with partial credit; the one unmarked line is the key. */
function readNumericKey(cell: string): NumericKey & { alternatives?: NumericRange[] } {
  const keys: NumericKey[] = [];
  const alternatives: NumericRange[] = [];
  for (const line of readItems(cell)) {
    const credit = PERCENT_TOKEN.exec(line);
    if (!credit) keys.push(readRange(line));
    else {
      const range = readRange(line.slice(credit[0].length));
      alternatives.push({ ...range, credit: readPercent('answer', credit[1] ?? '') });
    }
  }
  if (keys.length > 1) {
    throw new CellError('answer: only one line may be the answer; mark alternatives with [50%].');
  }
  return {
    ...keys[0],
    ...optionalField('alternatives', alternatives.length ? alternatives : undefined),
  };
}

/** `42`, `42 ± 0.5` (or `42 +- 0.5`), or `40..45`. */
function readRange(text: string): NumericKey {
  const rangeDots = text.indexOf('..');
  if (rangeDots >= 0) {
    return {
      min: readRequiredNumber('answer', text.slice(0, rangeDots)),
      max: readRequiredNumber('answer', text.slice(rangeDots + 2)),
    };
  }
  const [answer = '', tolerance, ...more] = text.split(TOLERANCE_SIGN);
  if (more.length) throw new CellError(`answer: ${quote(text)} has more than one ±.`);
  return {
    answer: readRequiredNumber('answer', answer),
    ...optionalField(
      'tolerance',
      tolerance === undefined ? undefined : readRequiredNumber('answer', tolerance),
    ),
  };
}

/**
 * Tags are separated by `;`. A `;` inside a tag is written `;;`, so `c;;c++` is the one tag
 * `c;c++` while `c; c++` is two tags.
 */
function readTags(cell: string): string[] {
  const tags: string[] = [];
  let current = '';
  for (let index = 0; index < cell.length; index++) {
    const char = cell[index];
    if (char !== ';') current += char;
    else if (cell[index + 1] === ';') {
      current += ';';
      index++;
    } else {
      tags.push(current);
      current = '';
    }
  }
  tags.push(current);
  return tags.map((tag) => tag.trim()).filter(Boolean);
}

/**
 * A list cell holds one item per line. A line indented by two spaces continues the item above,
 * so items can span lines (code, paragraphs); blank lines between items are ignored.
 */
function readItems(cell: string): string[] {
  const items: string[] = [];
  for (const line of cell.split('\n')) {
    const last = items.length - 1;
    if (line.startsWith(CONTINUATION) && last >= 0) {
      items[last] += `\n${line.slice(CONTINUATION.length)}`;
    } else if (line.trim()) {
      items.push(line);
    }
  }
  return items.map((item) => item.trim());
}

function readNumber(column: string, cell: string): number | undefined {
  const text = cell.trim();
  if (!text) return undefined;
  if (!NUMBER.test(text)) {
    throw new CellError(`${column}: ${quote(text)} is not a number (write it like 3 or 0.25).`);
  }
  return Number(text);
}

function readRequiredNumber(column: string, cell: string): number {
  const value = readNumber(column, cell);
  if (value === undefined) throw new CellError(`${column}: a number is required.`);
  return value;
}

function readPercent(column: string, text: string): number {
  if (!NUMBER.test(text.trim())) {
    throw new CellError(
      `${column}: ${quote(`[${text}%]`)} is not a percentage like [50%] or [-25%].`,
    );
  }
  return Number(text.trim());
}

function readBoolean(column: string, cell: string): boolean {
  const text = cell.trim().toLowerCase();
  if (text === 'true' || text === 'false') return text === 'true';
  throw new CellError(`${column}: write true or false, not ${quote(cell.trim())}.`);
}

// ---------------------------------------------------------------------------------------------
// Export

export function questionsToCsv(rows: { skill: string; question: Question }[]): string {
  const records = [[...COLUMNS], ...rows.map((row) => questionToRow(row.skill, row.question))];
  // The BOM tells Excel the file is UTF-8; without it Excel guesses a legacy code page.
  return BOM + records.map(writeRecord).join('');
}

function questionToRow(skill: string, question: Question): string[] {
  const cells: Cells = {
    skill,
    id: question.id,
    type: question.type,
    difficulty: formatNumber(question.difficulty),
    points: formatNumber(question.points),
    tags: question.tags.map((tag) => tag.replaceAll(';', ';;')).join('; '),
    prompt: question.prompt,
    options: '',
    answer: '',
    extra: '',
    ...writeTypeCells(question),
    explanation: question.explanation,
    references: writeItems(question.references),
    group: question.group ?? '',
    reviewed: question.reviewed ?? '',
  };
  return COLUMNS.map((column) => addFormulaGuard(cells[column]));
}

function writeTypeCells(question: Question): TypeCells {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return { options: writeItems(question.options.map(writeOption)) };
    case 'true_false':
      return { answer: String(question.answer) };
    case 'short_text':
      return { answer: writeItems(question.accepted), extra: writeShortTextSettings(question) };
    case 'numeric':
      return { answer: writeNumericKey(question) };
    case 'essay':
      return { answer: question.rubric };
    case 'matching':
      return {
        options: writeItems(question.pairs.map((pair) => pair.prompt)),
        answer: writeItems(question.pairs.map((pair) => pair.answer)),
        extra: writeItems(question.distractors),
      };
  }
}

function writeOption(option: ChoiceOption): string {
  const marker = option.correct ? '*' : '-';
  const weight = option.weight === undefined ? '' : `[${formatNumber(option.weight)}%] `;
  return `${marker} ${weight}${escapeOptionText(option.text)}`;
}

function writeShortTextSettings(question: QuestionOf<'short_text'>): string {
  const settings: string[] = [];
  if (question.pattern !== undefined) settings.push(`pattern: ${question.pattern}`);
  if (question.case_sensitive) settings.push('case_sensitive: true');
  return writeItems(settings);
}

function writeNumericKey(question: QuestionOf<'numeric'>): string {
  const hasKey = [question.answer, question.min, question.max].some((value) => value !== undefined);
  const alternatives = (question.alternatives ?? []).map(
    (alternative) => `[${formatNumber(alternative.credit)}%] ${writeRange(alternative)}`,
  );
  return [...(hasKey ? [writeRange(question)] : []), ...alternatives].join('\n');
}

function writeRange(range: NumericRange): string {
  if (range.answer === undefined) return `${formatNumber(range.min)}..${formatNumber(range.max)}`;
  if (range.tolerance === undefined) return formatNumber(range.answer);
  return `${formatNumber(range.answer)} ± ${formatNumber(range.tolerance)}`;
}

function writeItems(items: string[]): string {
  return items.map((item) => item.split('\n').join(`\n${CONTINUATION}`)).join('\n');
}

/** String() drops the sign of -0, which would not read back as the same number. */
function formatNumber(value: number | undefined): string {
  if (value === undefined) return '';
  return Object.is(value, -0) ? '-0' : String(value);
}

// ---------------------------------------------------------------------------------------------
// Escapes that keep export followed by import exact

/**
 * Spreadsheets run a cell starting with = + - @ tab or CR as a formula, so such cells get a
 * leading `'`. A cell that really starts with `'` followed by one of those, or by another `'`,
 * gets one too, so that removing exactly one `'` on import always restores the original.
 */
function addFormulaGuard(cell: string): string {
  const guarded = FORMULA_START.has(cell[0] ?? '') || removeFormulaGuard(cell) !== cell;
  return guarded ? FORMULA_GUARD + cell : cell;
}

function removeFormulaGuard(cell: string): string {
  const next = cell[1] ?? '';
  const guarded = cell[0] === FORMULA_GUARD && (FORMULA_START.has(next) || next === FORMULA_GUARD);
  return guarded ? cell.slice(1) : cell;
}

/** An option text that itself starts like `[50%]` (or `\[50%]`) gets a `\` so it is not a weight. */
const LOOKS_LIKE_WEIGHT = /^\\*\[[^\]\n]*%\]/;
const ESCAPED_WEIGHT = /^\\+\[[^\]\n]*%\]/;

function escapeOptionText(text: string): string {
  return LOOKS_LIKE_WEIGHT.test(text) ? `\\${text}` : text;
}

function unescapeOptionText(text: string): string {
  return ESCAPED_WEIGHT.test(text) ? text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------
// RFC 4180

export interface CsvRecord {
  /** 1-based physical line the record starts on. */
  line: number;
  cells: string[];
  /** Why the record is not valid CSV, if it is not. */
  problem?: string;
}

interface Cursor {
  text: string;
  position: number;
  line: number;
}

/** A quote that is never closed swallows the rest of the file, so it ends the scan. */
export function readRecords(text: string): { records: CsvRecord[]; unclosed?: CsvProblem } {
  const records: CsvRecord[] = [];
  const cursor: Cursor = { text, position: text.startsWith(BOM) ? 1 : 0, line: 1 };
  while (cursor.position < text.length) {
    const record: CsvRecord = { line: cursor.line, cells: [] };
    for (;;) {
      const cell = readCell(cursor, record);
      if (cell === undefined) return { records, unclosed: unclosedQuote(record.line) };
      if (cell.length > MAX_CELL_LENGTH) {
        record.problem ??= `Cell ${record.cells.length + 1} is too long (over ${MAX_CELL_LENGTH} characters).`;
      }
      record.cells.push(cell);
      if (text[cursor.position] !== ',') break;
      cursor.position++;
    }
    skipLineBreak(cursor);
    records.push(record);
  }
  return { records };
}

function unclosedQuote(line: number): CsvProblem {
  return {
    line,
    message:
      'A quoted cell in this row is never closed: a " is missing, so the rest of the file was not read.',
  };
}

/** Returns undefined when a quoted cell runs to the end of the text. */
function readCell(cursor: Cursor, record: CsvRecord): string | undefined {
  if (cursor.text[cursor.position] !== '"') return readBareCell(cursor);
  const quoted = readQuotedCell(cursor);
  if (quoted === undefined || atCellEnd(cursor)) return quoted;
  // RFC 4180 allows nothing between the closing quote and the comma; keep the text so the
  // rest of the row stays aligned, and reject the row.
  record.problem ??= `Cell ${record.cells.length + 1} has text after its closing quote; double a " inside a quoted cell ("").`;
  return quoted + readBareCell(cursor);
}

function readBareCell(cursor: Cursor): string {
  const cellEnd = /[,\n]/g;
  cellEnd.lastIndex = cursor.position;
  const end = cellEnd.exec(cursor.text)?.index ?? cursor.text.length;
  const cell = cursor.text.slice(cursor.position, end);
  cursor.position = end;
  // The CR of a CRLF line break belongs to the break, not the cell.
  return cursor.text[end] === '\n' && cell.endsWith('\r') ? cell.slice(0, -1) : cell;
}

function readQuotedCell(cursor: Cursor): string | undefined {
  const { text } = cursor;
  const parts: string[] = [];
  let from = cursor.position + 1;
  for (;;) {
    const closing = text.indexOf('"', from);
    if (closing < 0) return undefined;
    parts.push(text.slice(from, closing));
    if (text[closing + 1] !== '"') {
      cursor.line += countLineFeeds(text, cursor.position, closing);
      cursor.position = closing + 1;
      return parts.join('"');
    }
    from = closing + 2;
  }
}

function atCellEnd(cursor: Cursor): boolean {
  const next = cursor.text[cursor.position];
  const afterNext = cursor.text[cursor.position + 1];
  return (
    next === undefined || next === ',' || next === '\n' || (next === '\r' && afterNext === '\n')
  );
}

function skipLineBreak(cursor: Cursor): void {
  if (cursor.text[cursor.position] === '\r') cursor.position++;
  if (cursor.text[cursor.position] === '\n') {
    cursor.position++;
    cursor.line++;
  }
}

function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  for (
    let index = text.indexOf('\n', from);
    index >= 0 && index < to;
    index = text.indexOf('\n', index + 1)
  ) {
    count++;
  }
  return count;
}

function writeRecord(cells: string[]): string {
  return `${cells.map(writeCell).join(',')}\r\n`;
}

function writeCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function isBlank(record: CsvRecord): boolean {
  return !record.problem && record.cells.every((cell) => !cell.trim());
}

function isQuestionType(name: string): name is QuestionType {
  return (QUESTION_TYPES as readonly string[]).includes(name);
}

function isColumn(name: string): name is CsvColumn {
  return (COLUMNS as readonly string[]).includes(name);
}

/** Leaves a field out instead of setting it to undefined, which zod would keep as a key. */
function optionalField<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Shows a cell in a message: shortened, with control characters and binary made visible. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
