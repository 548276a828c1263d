import { analyzeJobDescription, type BankTerms, type MatchedLine } from './jd-matcher';

/**
 * Measures the matcher against job descriptions labelled by hand (test/fixtures/jd/eval). Each
 * line of a labelled file is `<banks> | <line as pasted>`: the banks a person would choose for
 * that line (comma-separated when several fit, `none` when none does). Blank lines carry no
 * label. Pure: the CLI reads the files and prints the report.
 */

export interface LabelledPosting {
  name: string;
  /** The posting as a person would paste it, labels removed; line numbers are kept. */
  text: string;
  /** 1-based line -> the banks a person would accept there; empty for "none". */
  labels: Map<number, string[]>;
}

export interface Tally {
  /** Lines a person labelled with a bank. */
  skillLines: number;
  /** Of those, lines whose top proposal is one of the labelled banks. */
  found: number;
  /** Top proposals made (one per line the matcher returns with a match). */
  proposals: number;
  /** Of those, proposals that are one of the banks the person chose for that line. */
  right: number;
}

export interface Mistake {
  posting: string;
  line: number;
  text: string;
  expected: string[];
  /** The top bank proposed, or undefined when the line got none. */
  proposed?: string;
}

export interface EvalReport {
  postings: { name: string; tally: Tally }[];
  total: Tally;
  precision: number;
  recall: number;
  mistakes: Mistake[];
}

export const TARGETS = { precision: 0.9, recall: 0.85 };

const LABELLED_LINE = /^([a-z0-9][a-z0-9,-]*)\s*\|(?: (.*))?$/;

/** Reads one labelled file; every problem names its line. */
export function parseLabelledPosting(
  name: string,
  source: string,
): { posting?: LabelledPosting; problems: string[] } {
  const problems: string[] = [];
  const labels = new Map<number, string[]>();
  const lines = source.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const text = lines.map((raw, index) => {
    if (!raw.trim()) return '';
    const match = LABELLED_LINE.exec(raw);
    if (!match?.[1]) {
      problems.push(`${name}:${index + 1}: expected "<banks or none> | <line>"`);
      return '';
    }
    labels.set(index + 1, match[1] === 'none' ? [] : match[1].split(','));
    return match[2] ?? '';
  });
  return problems.length
    ? { problems }
    : { posting: { name, text: text.join('\n'), labels }, problems };
}

/** Labels naming a bank that does not exist, so a typo cannot pass as a mistake of the matcher. */
export function unknownBanks(posting: LabelledPosting, banks: BankTerms[]): string[] {
  const known = new Set(banks.map((bank) => bank.slug));
  const problems: string[] = [];
  for (const [line, chosen] of posting.labels) {
    for (const slug of chosen) {
      if (!known.has(slug)) problems.push(`${posting.name}:${line}: no bank "${slug}"`);
    }
  }
  return problems;
}

/**
 * Precision: of the top proposals, the share that a person labelled right for their line.
 * Recall: of the lines a person gave a bank, the share whose top proposal is one of them. A
 * line read as several sentences makes one proposal per sentence.
 */
export function evaluate(postings: LabelledPosting[], banks: BankTerms[]): EvalReport {
  const scored = postings.map((posting) => scorePosting(posting, banks));
  const total = scored.reduce((sum, { tally }) => add(sum, tally), emptyTally());
  return {
    postings: scored.map(({ name, tally }) => ({ name, tally })),
    total,
    precision: ratio(total.right, total.proposals),
    recall: ratio(total.found, total.skillLines),
    mistakes: scored.flatMap(({ mistakes }) => mistakes),
  };
}

export function meetsTargets(report: EvalReport): boolean {
  return report.precision >= TARGETS.precision && report.recall >= TARGETS.recall;
}

function scorePosting(posting: LabelledPosting, banks: BankTerms[]) {
  const bySourceLine = new Map<number, MatchedLine[]>();
  for (const line of analyzeJobDescription(posting.text, banks)) {
    const lines = bySourceLine.get(line.line) ?? [];
    lines.push(line);
    bySourceLine.set(line.line, lines);
  }
  const sourceLines = posting.text.split('\n');
  const tally = emptyTally();
  const mistakes: Mistake[] = [];
  for (const [line, expected] of posting.labels) {
    const proposals = (bySourceLine.get(line) ?? []).flatMap(
      (read) => read.matches[0]?.skill ?? [],
    );
    const right = proposals.filter((skill) => expected.includes(skill));
    const mistake = {
      posting: posting.name,
      line,
      text: sourceLines[line - 1]?.trim() ?? '',
      expected,
    };
    tally.proposals += proposals.length;
    tally.right += right.length;
    for (const skill of proposals)
      if (!expected.includes(skill)) mistakes.push({ ...mistake, proposed: skill });
    if (!expected.length) continue;
    tally.skillLines += 1;
    if (right.length) tally.found += 1;
    else if (!proposals.length) mistakes.push(mistake);
  }
  return { name: posting.name, tally, mistakes };
}

function emptyTally(): Tally {
  return { skillLines: 0, found: 0, proposals: 0, right: 0 };
}

function add(a: Tally, b: Tally): Tally {
  return {
    skillLines: a.skillLines + b.skillLines,
    found: a.found + b.found,
    proposals: a.proposals + b.proposals,
    right: a.right + b.right,
  };
}

/** 0 of 0 counts as 0: an evaluation that proposes nothing has not shown precision. */
function ratio(part: number, whole: number): number {
  return whole ? part / whole : 0;
}
