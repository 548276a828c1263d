import { isNode, LineCounter, parseDocument, stringify, visit, type Document } from 'yaml';
import { bankSchema, qualityProblems, type Bank, type Question } from '../question.schemas';

export interface FileProblem {
  line: number;
  message: string;
}

export interface ParsedBankFile {
  bank?: Bank;
  problems: FileProblem[];
}

/** The line of the deepest YAML node that exists along a path (a missing key points at its parent). */
function lineOf(doc: Document, counter: LineCounter, path: (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

function describePath(path: (string | number)[], bank: unknown): string {
  if (path[0] !== 'questions' || typeof path[1] !== 'number')
    return path.length ? `${path.join('.')}: ` : '';
  const questions = (bank as { questions?: { id?: unknown }[] } | null)?.questions;
  const id = questions?.[path[1]]?.id;
  const rest = path.slice(2).join('.');
  return `${typeof id === 'string' ? id : `question ${path[1] + 1}`}${rest ? ` ${rest}` : ''}: `;
}

/**
 * Reads one bank file: YAML syntax, the zod schema and the quality rules, each problem with the
 * line it is on. Also checks that the file name matches the skill slug.
 */
export function parseBankYaml(text: string, fileName?: string): ParsedBankFile {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((error) => ({
        line: error.linePos?.[0]?.line ?? 1,
        message: `YAML syntax: ${error.message.split('\n')[0]}`,
      })),
    };
  }
  const aliases = aliasProblems(doc, counter);
  if (aliases.length) return { problems: aliases };
  const raw: unknown = doc.toJS({ maxAliasCount: 0 });
  const problems: FileProblem[] = duplicateIds(raw, doc, counter);
  const parsed = bankSchema.safeParse(raw);
  if (!parsed.success) {
    const schemaProblems = parsed.error.issues.map((issue) => ({
      line: lineOf(doc, counter, issue.path),
      message: `${describePath(issue.path, raw)}${issue.message}`,
    }));
    return { problems: [...schemaProblems, ...problems].sort((a, b) => a.line - b.line) };
  }
  const bank = parsed.data;
  bank.questions.forEach((question, index) => {
    for (const problem of qualityProblems(question)) {
      const path = ['questions', index, ...problem.path];
      problems.push({
        line: lineOf(doc, counter, path),
        message: `${question.id}: ${problem.message}`,
      });
    }
  });
  const baseName = fileName
    ?.split(/[\\/]/)
    .pop()
    ?.replace(/\.ya?ml$/i, '');
  if (baseName && baseName !== bank.skill) {
    problems.push({
      line: lineOf(doc, counter, ['skill']),
      message: `skill "${bank.skill}" does not match the file name ${baseName}.yaml.`,
    });
  }
  return { bank, problems: problems.sort((a, b) => a.line - b.line) };
}

function duplicateIds(raw: unknown, doc: Document, counter: LineCounter): FileProblem[] {
  const questions = (raw as { questions?: unknown } | null)?.questions;
  if (!Array.isArray(questions)) return [];
  const problems: FileProblem[] = [];
  const seen = new Map<string, number>();
  questions.forEach((question: unknown, index) => {
    const id = (question as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const line = lineOf(doc, counter, ['questions', index, 'id']);
    const first = seen.get(id);
    if (first !== undefined)
      problems.push({ line, message: `${id}: duplicate id (first on line ${first}).` });
    else seen.set(id, line);
  });
  return problems;
}

const TYPE_FIELDS = [
  'options',
  'answer',
  'tolerance',
  'min',
  'max',
  'alternatives',
  'accepted',
  'pattern',
  'case_sensitive',
  'rubric',
  'pairs',
  'distractors',
] as const;

/** A question in the file's field order, leaving out what equals the default. */
export function questionForFile(question: Question): Record<string, unknown> {
  const source = question as Record<string, unknown>;
  const out: Record<string, unknown> = {
    id: question.id,
    type: question.type,
    difficulty: question.difficulty,
  };
  if (question.points !== 1) out.points = question.points;
  if (question.tags.length) out.tags = question.tags;
  if (question.group) out.group = question.group;
  if (question.reviewed) out.reviewed = question.reviewed;
  out.prompt = question.prompt;
  for (const field of TYPE_FIELDS) {
    const value = source[field];
    if (value === undefined || (Array.isArray(value) && !value.length)) continue;
    if (field === 'case_sensitive' && value === false) continue;
    out[field] =
      field === 'options' ? (value as Record<string, unknown>[]).map(optionForFile) : value;
  }
  if (question.explanation) out.explanation = question.explanation;
  if (question.references.length) out.references = question.references;
  return out;
}

function optionForFile(option: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { text: option.text };
  if (option.correct) out.correct = true;
  if (option.weight !== undefined) out.weight = option.weight;
  return out;
}

/**
 * Bank files never need YAML aliases (`*name`), and a few nested ones expand to millions of
 * nodes (an "alias bomb"): refuse them as a problem with the file, before anything expands them.
 */
function aliasProblems(doc: Document, counter: LineCounter): FileProblem[] {
  const problems: FileProblem[] = [];
  visit(doc, {
    Alias(_key, node) {
      problems.push({
        line: node.range ? counter.linePos(node.range[0]).line : 1,
        message: `YAML aliases (*${node.source}) are not allowed in bank files: write the value out in full.`,
      });
      return problems.length >= 5 ? visit.BREAK : undefined;
    },
  });
  return problems;
}

/** Writes a bank in the format `parseBankYaml` reads; reading it back gives the same bank. */
export function bankToYaml(bank: Bank): string {
  const body = {
    skill: bank.skill,
    name: bank.name,
    description: bank.description,
    keywords: bank.keywords,
    questions: bank.questions.map(questionForFile),
  };
  return stringify(body, { lineWidth: 0, blockQuote: 'literal', defaultKeyType: 'PLAIN' });
}
