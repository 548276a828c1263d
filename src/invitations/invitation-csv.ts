import { z } from 'zod';
import { readRecords, type CsvRecord } from '../banks/formats/csv';

/**
 * A list of people to invite, pasted or uploaded as CSV: `name,email[,extra_time]`, one person
 * per line, with an optional header line. Every row comes back with its problems in plain
 * sentences, so a manager can fix the list and paste it again.
 */

export const MAX_INVITATION_ROWS = 1_000;
export const MAX_EXTRA_TIME_PERCENT = 200;
/** The same limits as a user's name and email elsewhere in the app. */
const MAX_NAME_LENGTH = 100;
const emailSchema = z.string().max(254).email();

const COLUMNS = 'name,email or name,email,extra_time';
const EMAIL_HEADER = /^e-?mail/i;
const WHOLE_PERCENT = /^\d+\s*%?$/;
/** A line pasted from a spreadsheet or saved by Excel in some locales. */
const OTHER_SEPARATOR = /[\t;]/;

export interface InvitationRow {
  /** 1-based line in the pasted text or file. */
  line: number;
  name: string;
  /** Trimmed and lower-cased. */
  email: string;
  extraTimePercent: number | null;
  /** Empty when the row can be invited. */
  problems: string[];
}

export interface InvitationList {
  rows: InvitationRow[];
  /** Problems with the list as a whole; when there are any, it should not be used as it is. */
  problems: string[];
}

export function parseInvitationCsv(text: string): InvitationList {
  const scan = readRecords(text);
  const records = scan.records.filter((record) => !isBlank(record));
  const data = records[0] && isHeader(records[0]) ? records.slice(1) : records;
  if (data.length > MAX_INVITATION_ROWS) {
    return {
      rows: [],
      problems: [
        `The list has ${count(data.length)} people; at most ${count(MAX_INVITATION_ROWS)} can be invited at once. Split it into smaller lists.`,
      ],
    };
  }
  const problems: string[] = [];
  if (scan.unclosed) problems.push(`Line ${scan.unclosed.line}: ${scan.unclosed.message}`);
  else if (!data.length) problems.push(`The list is empty. Write one person per line: ${COLUMNS}.`);
  return { rows: readRows(data), problems };
}

function readRows(records: CsvRecord[]): InvitationRow[] {
  const firstLineOf = new Map<string, number>();
  return records.map((record) => {
    const row = readRow(record);
    const earlier = firstLineOf.get(row.email);
    if (earlier !== undefined) {
      row.problems.push(`This email address is already on line ${earlier}.`);
    } else if (row.email) {
      firstLineOf.set(row.email, row.line);
    }
    return row;
  });
}

function readRow(record: CsvRecord): InvitationRow {
  const cells = withoutTrailingEmptyCells(record.cells).map((cell) => cell.trim());
  const [name = '', email = '', extraTime = ''] = cells;
  const extra = readExtraTime(extraTime);
  return {
    line: record.line,
    name,
    email: email.toLowerCase(),
    extraTimePercent: extra.percent,
    problems: rowProblems(record, cells, extra.problems),
  };
}

function rowProblems(record: CsvRecord, cells: string[], extraTimeProblems: string[]): string[] {
  if (record.problem) return [record.problem];
  const [name = '', email = '', ...rest] = cells;
  if (cells.length === 1 && OTHER_SEPARATOR.test(name)) {
    return ['Separate the name, email and extra time with commas.'];
  }
  if (!email.includes('@') && rest.some((cell) => cell.includes('@'))) {
    return [
      'The email address must be in the second column. If the name has a comma, put the name in double quotes, like "Lee, Ann",ann@example.com.',
    ];
  }
  return [
    ...nameProblems(name),
    ...emailProblems(email.toLowerCase()),
    ...extraTimeProblems,
    ...(cells.length > 3 ? [`This line has ${cells.length} columns; use ${COLUMNS}.`] : []),
  ];
}

function nameProblems(name: string): string[] {
  if (!name) return ['The name is missing.'];
  if (name.length > MAX_NAME_LENGTH) {
    return [`The name is too long (at most ${MAX_NAME_LENGTH} characters).`];
  }
  return [];
}

function emailProblems(email: string): string[] {
  if (!email) return ['The email address is missing.'];
  if (!emailSchema.safeParse(email).success) {
    return [`"${shorten(email)}" is not a valid email address.`];
  }
  return [];
}

/** An empty cell means no extra time was given; "25" and "25%" both mean 25 percent. */
function readExtraTime(cell: string): { percent: number | null; problems: string[] } {
  if (!cell) return { percent: null, problems: [] };
  const percent = WHOLE_PERCENT.test(cell) ? Number.parseInt(cell, 10) : Number.NaN;
  if (percent <= MAX_EXTRA_TIME_PERCENT) return { percent, problems: [] };
  return {
    percent: null,
    problems: [
      `Extra time must be a whole number from 0 to ${MAX_EXTRA_TIME_PERCENT} (percent), not "${shorten(cell)}".`,
    ],
  };
}

/** A header names the email column where a person's row has an address. */
function isHeader(record: CsvRecord): boolean {
  const cells = record.cells.map((cell) => cell.trim());
  return EMAIL_HEADER.test(cells[1] ?? '') && !cells.some((cell) => cell.includes('@'));
}

function isBlank(record: CsvRecord): boolean {
  return !record.problem && record.cells.every((cell) => !cell.trim());
}

/** Spreadsheets often save a row with empty cells after the last filled one. */
function withoutTrailingEmptyCells(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && !cells[end - 1]?.trim()) end -= 1;
  return cells.slice(0, end);
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
