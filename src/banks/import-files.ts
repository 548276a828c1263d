import type { VersionSource } from '../db/schema';
import { parseQuestionsCsv } from './formats/csv';
import { bankChosenFor, categoryName, parseGift, type GiftQuestion } from './formats/gift';
import { parseBankYaml } from './formats/yaml-bank';
import type { NoteKind } from './import-notes';
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

export interface ImportNote extends Located {
  kind: NoteKind;
}

export interface ImportProblem extends Located {
  /** Only this question is affected: the rest of the file can be imported without it. */
  skippable?: true;
}

export interface ReadOptions {
  /** The bank chosen for every GIFT question (`--skill`, the upload form): categories do not decide. */
  skill?: string;
  /** Banks chosen for GIFT categories that name no bank, by category name. */
  categoryBanks?: Readonly<Record<string, string>>;
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
  /** Anything here refuses the whole import, unless every one is skippable and skipping was asked. */
  problems: ImportProblem[];
  /** Warnings and skipped items the user must see. */
  notes: ImportNote[];
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
 * line. Pure: callers read the files. A chosen `skill` puts every GIFT question in that bank;
 * without one, each question's $CATEGORY names its bank.
 */
export function readImportFiles(files: SourceFile[], options: ReadOptions = {}): ReadFiles {
  const result: ReadFiles = { entries: [], banks: [], problems: [], notes: [] };
  for (const original of files) {
    // Line endings are normalised here, at the edge, so no stored text carries a \r.
    const file = { name: original.name, text: normalizeLineEndings(original.text) };
    const format = formatOf(file.name);
    if (format === 'yaml') readYaml(file, result);
    else if (format === 'gift') readGift(file, options, result);
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
        skippable: true,
      });
    }
    return;
  }
  for (const problem of qualityProblems(parsed.data)) {
    result.notes.push({
      file,
      line,
      kind: 'review',
      message: `${parsed.data.id}: ${problem.message}`,
    });
  }
  result.entries.push({ file, line, skill, question: parsed.data, source });
}

function readGift(file: SourceFile, options: ReadOptions, result: ReadFiles): void {
  const parsed = parseGift(file.text, options);
  result.problems.push(...parsed.errors.map((e) => ({ file: file.name, ...e })));
  result.notes.push(...parsed.notes.map((n) => ({ file: file.name, ...n })));
  if (options.skill) noteIgnoredCategories(file.name, parsed.questions, options.skill, result);
  for (const item of parsed.questions) {
    const skill = giftBank(item, options);
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

/** The chosen bank decides; else a bank chosen for the category; else the category itself. */
function giftBank(item: GiftQuestion, options: ReadOptions): SkillRef | undefined {
  if (options.skill) return { slug: options.skill };
  const name = categoryName(item.category ?? '');
  if (!name) return undefined;
  const chosen = bankChosenFor(name, options.categoryBanks);
  return chosen ? { slug: chosen } : { category: name };
}

/** Moodle exports name a category (`$course$/top/Default for ...`) that a chosen bank overrides. */
function noteIgnoredCategories(
  file: string,
  questions: GiftQuestion[],
  skill: string,
  result: ReadFiles,
): void {
  const named = questions.filter((item) => categoryName(item.category ?? ''));
  const first = named[0];
  if (!first) return;
  const names = [...new Set(named.map((item) => categoryName(item.category ?? '')))];
  const list = names.map((name) => `“${name}”`).join(', ');
  result.notes.push({
    file,
    line: first.line,
    kind: 'cosmetic',
    message: `Every question goes to the bank you chose, “${skill}”; the file's ${names.length === 1 ? 'category' : 'categories'} ${list} ${names.length === 1 ? 'is' : 'are'} not used.`,
  });
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
