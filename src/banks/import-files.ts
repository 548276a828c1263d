import type { VersionSource } from '../db/schema';
import { parseQuestionsCsv } from './formats/csv';
import { parseGift } from './formats/gift';
import { parseBankYaml } from './formats/yaml-bank';
import {
  qualityProblems,
  questionSchema,
  type Question,
  type QuestionInput,
} from './question.schemas';

export type ImportFormat = 'yaml' | 'gift' | 'csv';

export interface SourceFile {
  name: string;
  text: string;
}

export interface Located {
  file: string;
  line: number;
  message: string;
}

/** Which bank a question goes to: named by slug, or by a GIFT category to match against banks. */
export type SkillRef = { slug: string } | { category: string };

export interface ImportEntry {
  file: string;
  line: number;
  skill: SkillRef;
  question: Question;
  source: VersionSource;
}

export interface BankHeader {
  file: string;
  line: number;
  slug: string;
  name: string;
  description: string;
  keywords: string[];
}

export interface ReadFiles {
  entries: ImportEntry[];
  banks: BankHeader[];
  /** Anything here refuses the whole import. */
  problems: Located[];
  /** Warnings and skipped items the user must see. */
  notes: Located[];
}

export function formatOf(fileName: string): ImportFormat | undefined {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'yaml' || extension === 'yml') return 'yaml';
  if (extension === 'gift') return 'gift';
  if (extension === 'csv') return 'csv';
  return undefined;
}

/**
 * Reads bank files of any supported format into validated questions, each with its file and
 * line. Pure: callers read the files. `defaultSkill` names the bank for GIFT questions that
 * have no $CATEGORY.
 */
export function readImportFiles(
  files: SourceFile[],
  options: { defaultSkill?: string } = {},
): ReadFiles {
  const result: ReadFiles = { entries: [], banks: [], problems: [], notes: [] };
  for (const original of files) {
    // Line endings are normalised here, at the edge, so no stored text carries a \r.
    const file = { name: original.name, text: normalizeLineEndings(original.text) };
    const format = formatOf(file.name);
    if (format === 'yaml') readYaml(file, result);
    else if (format === 'gift') readGift(file, options.defaultSkill, result);
    else if (format === 'csv') readCsv(file, result);
    else
      result.problems.push({
        file: file.name,
        line: 1,
        message: 'Unknown file type: use .yaml, .gift or .csv.',
      });
  }
  findDuplicateIds(result);
  return result;
}

/** `\r\n` and lone `\r` (Windows and old Mac files, browser textareas) become `\n`. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function readYaml(file: SourceFile, result: ReadFiles): void {
  const parsed = parseBankYaml(file.text, file.name);
  result.problems.push(...parsed.problems.map((p) => ({ file: file.name, ...p })));
  if (!parsed.bank || parsed.problems.length) return;
  const { skill, name, description, keywords, questions } = parsed.bank;
  result.banks.push({ file: file.name, line: 1, slug: skill, name, description, keywords });
  const lines = questionLines(file.text);
  for (const question of questions) {
    result.entries.push({
      file: file.name,
      line: lines.get(question.id) ?? 1,
      skill: { slug: skill },
      question,
      source: 'file',
    });
  }
}

/** Line of each `- id: x` in a bank file (for messages about questions that parsed fine). */
function questionLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, index) => {
    const id = /^\s*-\s+id:\s*["']?([\w-]+)/.exec(line)?.[1];
    if (id && !lines.has(id)) lines.set(id, index + 1);
  });
  return lines;
}

function addQuestion(
  file: string,
  line: number,
  skill: SkillRef,
  input: QuestionInput,
  source: VersionSource,
  result: ReadFiles,
): void {
  const parsed = questionSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
      result.problems.push({
        file,
        line,
        message: `${input.id ?? 'question'}: ${where}${issue.message}`,
      });
    }
    return;
  }
  for (const problem of qualityProblems(parsed.data)) {
    result.notes.push({ file, line, message: `${parsed.data.id}: ${problem.message}` });
  }
  result.entries.push({ file, line, skill, question: parsed.data, source });
}

function readGift(file: SourceFile, defaultSkill: string | undefined, result: ReadFiles): void {
  const parsed = parseGift(file.text, { defaultSkill });
  result.problems.push(...parsed.errors.map((e) => ({ file: file.name, ...e })));
  result.notes.push(...parsed.notes.map((n) => ({ file: file.name, ...n })));
  for (const item of parsed.questions) {
    const category = item.category?.split('/').filter(Boolean).pop();
    let skill: SkillRef | undefined;
    if (category && !/^\$(course|cat\d*|system|module)\$$/.test(category)) skill = { category };
    else if (defaultSkill) skill = { slug: defaultSkill };
    if (!skill) {
      result.problems.push({
        file: file.name,
        line: item.line,
        message:
          'This question has no $CATEGORY: name its bank with --skill <slug> (or choose one in the upload form).',
      });
      continue;
    }
    addQuestion(file.name, item.line, skill, item.question, 'gift', result);
  }
}

function readCsv(file: SourceFile, result: ReadFiles): void {
  const parsed = parseQuestionsCsv(file.text);
  result.problems.push(...parsed.errors.map((e) => ({ file: file.name, ...e })));
  for (const row of parsed.questions)
    addQuestion(file.name, row.line, { slug: row.skill }, row.question, 'csv', result);
}

function findDuplicateIds(result: ReadFiles): void {
  const seen = new Map<string, ImportEntry>();
  for (const entry of result.entries) {
    const first = seen.get(entry.question.id);
    if (first) {
      result.problems.push({
        file: entry.file,
        line: entry.line,
        message: `${entry.question.id}: duplicate id (also at ${first.file}:${first.line}).`,
      });
    } else seen.set(entry.question.id, entry);
  }
}
