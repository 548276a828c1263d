import { bankStats, formatStats, type BankStats } from './bank-stats';
import { parseBankYaml } from './formats/yaml-bank';
import { readImportFiles, type ImportEntry, type Located, type SourceFile } from './import-files';
import { SIMILARITY_THRESHOLD, similarPrompts, type PromptRef } from './prompt-similarity';
import { REVIEW_MAX_MONTHS, reviewWarning } from './review-age';

/**
 * What `questions:check` finds in a set of bank files: problems (the files cannot be imported),
 * warnings (they can, but a person should look: questions due for review, prompts that ask the
 * same thing in two banks) and figures per bank. Pure: files and the current time in, a report
 * out.
 */

export interface BankFigures {
  skill: string;
  file: string;
  stats: BankStats;
  /** Questions reviewed within the last `REVIEW_MAX_MONTHS` months. */
  reviewedRecently: number;
}

export interface QuestionAt {
  id: string;
  skill: string;
  file: string;
  line: number;
}

export interface SimilarQuestions {
  similarity: number;
  a: QuestionAt;
  b: QuestionAt;
}

export interface LibraryReport {
  problems: Located[];
  reviewWarnings: Located[];
  similar: SimilarQuestions[];
  banks: BankFigures[];
}

export function checkLibrary(files: readonly SourceFile[], now: number): LibraryReport {
  const read = readImportFiles([...files]);
  const reviewWarnings: Located[] = [];
  for (const entry of read.entries) {
    const warning = reviewWarning(entry.question, now);
    if (warning)
      reviewWarnings.push({ ...locate(entry), message: `${entry.question.id}: ${warning}` });
  }
  return {
    problems: read.problems,
    reviewWarnings,
    similar: findSimilar(read.entries),
    banks: bankFigures(files, now),
  };
}

function locate(entry: ImportEntry): { file: string; line: number } {
  return { file: entry.file, line: entry.line };
}

function findSimilar(entries: readonly ImportEntry[]): SimilarQuestions[] {
  const byId = new Map(entries.map((entry) => [entry.question.id, entry]));
  const refs: PromptRef[] = entries.map(({ question, skill }) => ({
    id: question.id,
    skill: 'slug' in skill ? skill.slug : skill.category,
    group: question.group,
    prompt: question.prompt,
  }));
  return similarPrompts(refs).map(({ a, b, similarity }) => {
    const at = (ref: PromptRef): QuestionAt => ({
      ...locate(byId.get(ref.id) as ImportEntry),
      id: ref.id,
      skill: ref.skill,
    });
    return { similarity, a: at(a), b: at(b) };
  });
}

/** Figures for every bank file that parses, problems or not: they help fix the problems too. */
function bankFigures(files: readonly SourceFile[], now: number): BankFigures[] {
  const figures: BankFigures[] = [];
  for (const file of files) {
    const { bank } = parseBankYaml(file.text, file.name);
    if (!bank) continue;
    figures.push({
      skill: bank.skill,
      file: file.name,
      stats: bankStats(bank),
      reviewedRecently: bank.questions.filter((question) => !reviewWarning(question, now)).length,
    });
  }
  return figures;
}

/** The report as the lines `questions:check` prints. */
export function formatLibraryReport(report: LibraryReport): string[] {
  const lines = report.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
  let total = 0;
  for (const bank of report.banks) {
    total += bank.stats.total;
    lines.push('', `${bank.skill} (${bank.file}): ${bank.stats.total} questions`);
    for (const line of formatStats(bank.stats)) lines.push(`  ${line}`);
    lines.push(
      `  reviewed in the last ${REVIEW_MAX_MONTHS} months: ${bank.reviewedRecently} of ${bank.stats.total}`,
    );
  }
  if (report.reviewWarnings.length) {
    lines.push('', `Questions due for review (every ${REVIEW_MAX_MONTHS} months):`);
    for (const w of report.reviewWarnings) lines.push(`${w.file}:${w.line}: ${w.message}`);
  }
  lines.push(
    '',
    `Similar prompts in different banks (cosine similarity of TF-IDF weighted words and word pairs, ${SIMILARITY_THRESHOLD.toFixed(2)} or more; pairs in one group are left out):`,
  );
  if (!report.similar.length) lines.push('none');
  for (const { similarity, a, b } of report.similar) {
    lines.push(
      `${a.file}:${a.line}: ${a.id} (${a.skill}) and ${b.id} (${b.skill}, ${b.file}:${b.line}) are ${similarity.toFixed(2)} similar: put both in one group, or rewrite one.`,
    );
  }
  lines.push(
    '',
    `${count(report.banks.length, 'bank')}, ${count(total, 'question')}, ${count(report.problems.length, 'problem')}; ` +
      `warnings: ${count(report.reviewWarnings.length, 'question')} due for review, ${count(report.similar.length, 'similar pair')}.`,
  );
  return lines;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
