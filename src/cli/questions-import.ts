import { parseArgs } from 'node:util';
import { describeImport } from '../banks/import-report';
import { invalidQuestionCount, onlyInvalidQuestions } from '../banks/import-plan';
import { SLUG_PATTERN } from '../banks/question.schemas';
import { QUESTIONS_DIR } from '../paths';
import { readSourceFiles } from './bank-files';
import { CliUsageError, openCliContext, runCli } from './context';

const USAGE =
  'usage: npm run questions:import -- [path] [--dry-run] [--skill <bank>] [--map-category "<category>=<bank>"]... [--skip-invalid]';

/**
 * npm run questions:import: a YAML file or folder, a .gift or a .csv file. `--skill` puts every
 * GIFT question in that bank; `--map-category` chooses a bank for one GIFT category that names
 * none; `--skip-invalid` imports the valid questions of a file whose only problems are single
 * questions breaking a rule (a syntax error still refuses the whole file).
 */
runCli(async () => {
  const { values, positionals } = readArgs();
  const categoryBanks = readCategoryBanks(values['map-category'] ?? []);
  const files = readSourceFiles(positionals[0] ?? QUESTIONS_DIR);
  const { db, services } = await openCliContext();
  try {
    const dryRun = values['dry-run'] ?? false;
    const report = await services.banks.importFiles(files, {
      skill: values.skill,
      categoryBanks,
      skipInvalid: values['skip-invalid'],
      dryRun,
    });
    if (dryRun) console.log('Dry run: nothing is written.');
    for (const line of describeImport(report)) console.log(line);
    if (onlyInvalidQuestions(report.problems)) {
      const valid = report.create.length + report.change.length;
      console.log(
        `Only single questions have problems: run again with --skip-invalid to import the other ${valid} and leave these ${invalidQuestionCount(report.problems)} out.`,
      );
    }
    return report.problems.length ? 1 : 0;
  } finally {
    await db.destroy();
  }
});

function readArgs() {
  try {
    return parseArgs({
      options: {
        'dry-run': { type: 'boolean', default: false },
        skill: { type: 'string' },
        'map-category': { type: 'string', multiple: true },
        'skip-invalid': { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

/** `Default for Course 101=git`: the bank slug follows the last `=`, the category may hold `=`. */
function readCategoryBanks(mappings: string[]): Record<string, string> {
  const banks: Record<string, string> = {};
  for (const mapping of mappings) {
    const at = mapping.lastIndexOf('=');
    const category = mapping.slice(0, Math.max(at, 0)).trim();
    const slug = mapping.slice(at + 1).trim();
    if (at < 0 || !category || !SLUG_PATTERN.test(slug)) {
      throw new CliUsageError(
        `--map-category "${mapping}": write the category name, "=", then the short name of a bank, like "Default for Course 101=git".\n${USAGE}`,
      );
    }
    banks[category] = slug;
  }
  return banks;
}
