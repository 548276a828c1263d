import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  TARGETS,
  evaluate,
  meetsTargets,
  parseLabelledPosting,
  unknownBanks,
  type EvalReport,
  type LabelledPosting,
  type Mistake,
  type Tally,
} from '../jd/jd-eval';
import { PROJECT_ROOT, QUESTIONS_DIR } from '../paths';
import { loadBankTerms } from './bank-files';
import { CliUsageError, runCli } from './context';

const USAGE = 'Usage: npm run jd:eval -- [folder of labelled .txt files] [--banks <dir>]';
const DEFAULT_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'jd', 'eval');

/**
 * npm run jd:eval: precision and recall of the top proposed bank over hand-labelled job
 * descriptions, per posting and overall, then every line it gets wrong. Exits 1 when the
 * figures are below the targets, so a change that makes matching worse fails loudly.
 */
runCli(async () => {
  const { dir, banksDir } = readArgs(process.argv.slice(2));
  const banks = loadBankTerms(banksDir);
  const postings = readPostings(dir);
  const problems = postings.flatMap((posting) => unknownBanks(posting, banks));
  if (problems.length) throw new CliUsageError(problems.join('\n'));
  const report = evaluate(postings, banks);
  console.log(formatReport(report));
  return meetsTargets(report) ? 0 : 1;
});

function readArgs(args: string[]): { dir: string; banksDir: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { banks: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (parsed.values.help || parsed.positionals.length > 1) throw new CliUsageError(USAGE);
  return {
    dir: parsed.positionals[0] ?? DEFAULT_DIR,
    banksDir: parsed.values.banks ?? QUESTIONS_DIR,
  };
}

function readPostings(dir: string): LabelledPosting[] {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.txt'))
      .sort();
  } catch {
    throw new CliUsageError(`Cannot read the folder ${dir}`);
  }
  if (!names.length) throw new CliUsageError(`No labelled .txt files in ${dir}`);
  const postings: LabelledPosting[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const result = parseLabelledPosting(name, fs.readFileSync(path.join(dir, name), 'utf8'));
    if (result.posting) postings.push(result.posting);
    problems.push(...result.problems);
  }
  if (problems.length) throw new CliUsageError(problems.join('\n'));
  return postings;
}

function formatReport(report: EvalReport): string {
  const width = Math.max(7, ...report.postings.map(({ name }) => name.length));
  const header = `${'posting'.padEnd(width)}  skill lines  found  proposals  right  precision  recall`;
  const rows = [...report.postings, { name: 'all', tally: report.total }].map(({ name, tally }) =>
    formatRow(name.padEnd(width), tally),
  );
  const verdict = meetsTargets(report) ? 'meets the targets' : 'BELOW the targets';
  return [
    header,
    ...rows,
    '',
    `Precision ${figure(report.precision)} (target ${figure(TARGETS.precision)}), ` +
      `recall ${figure(report.recall)} (target ${figure(TARGETS.recall)}): ${verdict}.`,
    ...formatMistakes(report.mistakes),
  ].join('\n');
}

function formatRow(name: string, tally: Tally): string {
  const precision = tally.proposals ? tally.right / tally.proposals : 0;
  const recall = tally.skillLines ? tally.found / tally.skillLines : 0;
  return [
    name,
    String(tally.skillLines).padStart(11),
    String(tally.found).padStart(5),
    String(tally.proposals).padStart(9),
    String(tally.right).padStart(5),
    figure(precision).padStart(9),
    figure(recall).padStart(6),
  ].join('  ');
}

function formatMistakes(mistakes: Mistake[]): string[] {
  if (!mistakes.length) return ['', 'No line is wrong.'];
  return [
    '',
    `Lines it gets wrong (${mistakes.length}):`,
    ...mistakes.map((mistake) => {
      const expected = mistake.expected.length ? mistake.expected.join(' or ') : 'none';
      return `${mistake.posting}:${mistake.line}  proposed ${mistake.proposed ?? 'none'}, labelled ${expected}\n    ${mistake.text}`;
    }),
  ];
}

function figure(value: number): string {
  return value.toFixed(2);
}
