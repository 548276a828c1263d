import fs from 'node:fs';
import { readRecords, type CsvRecord } from '../banks/formats/csv';
import { analyzeItems, type ItemAnalysis, type ResponseMatrix } from '../scoring/item-analysis';
import { CliUsageError, runCli } from './context';

const USAGE = 'Usage: npm run item-analysis -- <matrix.csv>';
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
/** Six decimals: finer than any decision taken from these figures, short enough to read. */
const DECIMALS = 6;

/**
 * npm run item-analysis -- <matrix.csv>: classical item statistics of a response matrix, as JSON
 * on stdout. The CSV has a header row of item names and one row per person; a cell is a score
 * from 0 to 1 (decimals for partial credit), or empty when the item was not shown. No database.
 */
runCli(async () => {
  const file = parseArgs(process.argv.slice(2));
  const analysis = analyzeItems(parseMatrix(readFile(file)));
  console.log(JSON.stringify(toOutput(analysis), roundNumbers, 2));
});

function parseArgs(args: string[]): string {
  const [file, ...rest] = args;
  if (file === '-h' || file === '--help') throw new CliUsageError(USAGE);
  if (file === undefined || file.startsWith('-')) throw new CliUsageError(USAGE);
  if (rest.length) throw new CliUsageError(`Unexpected argument: ${rest[0]}\n${USAGE}`);
  return file;
}

function readFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new CliUsageError(`Cannot read ${file}`);
  }
}

function parseMatrix(text: string): ResponseMatrix {
  const scan = readRecords(text);
  if (scan.unclosed)
    throw new CliUsageError(`Line ${scan.unclosed.line}: ${scan.unclosed.message}`);
  const [header, ...rows] = scan.records.filter((record) => !isBlankLine(record));
  if (!header) throw new CliUsageError('The file is empty; its first line must name the items.');
  const items = readHeader(header);
  return { items, rows: rows.map((record, i) => readRow(record, i + 1, items)) };
}

/** A blank line is not a person; a person shown nothing is a row of empty cells (",,"). */
function isBlankLine(record: CsvRecord): boolean {
  return record.cells.length === 1 && !record.cells[0]?.trim();
}

function readHeader(record: CsvRecord): string[] {
  if (record.problem) throw new CliUsageError(`Line ${record.line}: ${record.problem}`);
  const items = record.cells.map((cell) => cell.trim());
  if (items.length < 2) {
    throw new CliUsageError(
      `Item analysis needs at least 2 items; the header names ${items.length}.`,
    );
  }
  const unnamed = items.indexOf('');
  if (unnamed >= 0) throw new CliUsageError(`Column ${unnamed + 1} of the header has no name.`);
  const repeated = items.find((item, j) => items.indexOf(item) !== j);
  if (repeated !== undefined) {
    throw new CliUsageError(`Item "${repeated}" appears twice in the header.`);
  }
  return items;
}

function readRow(record: CsvRecord, row: number, items: string[]): (number | null)[] {
  const where = `Row ${row} (line ${record.line})`;
  if (record.problem) throw new CliUsageError(`${where}: ${record.problem}`);
  if (record.cells.length !== items.length) {
    throw new CliUsageError(
      `${where} has ${record.cells.length} cells; the header has ${items.length}.`,
    );
  }
  return record.cells.map((cell, j) => readScore(cell.trim(), `${where}, column ${items[j]}`));
}

/** Empty: the item was not shown. Otherwise a score from 0 to 1. */
function readScore(cell: string, where: string): number | null {
  if (!cell) return null;
  if (!NUMBER.test(cell)) {
    throw new CliUsageError(
      `${where}: "${cell}" is not a number. Write a score from 0 to 1, or leave the cell empty when the item was not shown.`,
    );
  }
  const score = Number(cell);
  if (score < 0 || score > 1) {
    throw new CliUsageError(`${where}: ${cell} is outside 0..1.`);
  }
  return score;
}

/** The documented keys first, in their order; the rest of the analysis after them. */
function toOutput(analysis: ItemAnalysis) {
  return {
    n: analysis.n,
    items: analysis.items.map((item) => ({
      item: item.item,
      p: item.p,
      pointBiserial: item.pointBiserial,
      alphaIfDeleted: item.alphaIfDeleted,
      n: item.n,
      variance: item.variance,
      noVariance: item.noVariance,
    })),
    alpha: analysis.alpha,
    sem: analysis.sem,
    alphaReason: analysis.alphaReason,
    nComplete: analysis.nComplete,
    missingRule: analysis.missingRule,
    test: analysis.test,
  };
}

function roundNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' ? Number(value.toFixed(DECIMALS)) : value;
}
