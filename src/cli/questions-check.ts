import { parseArgs } from 'node:util';
import { checkLibrary, formatLibraryReport } from '../banks/library-check';
import { systemClock } from '../clock';
import { QUESTIONS_DIR } from '../paths';
import { readSourceFiles } from './bank-files';
import { CliUsageError, runCli } from './context';

const USAGE = 'Usage: npm run questions:check [path] [--strict]';

/**
 * npm run questions:check [path] [--strict]: every problem as file:line: message, figures per
 * bank, then warnings (questions due for review, similar prompts across banks). Problems fail
 * the check; warnings fail it only with --strict.
 */
runCli(async () => {
  const { values, positionals } = readArgs();
  const files = readSourceFiles(positionals[0] ?? QUESTIONS_DIR, ['yaml']);
  const report = checkLibrary(files, systemClock.now());
  for (const line of formatLibraryReport(report)) console.log(line);
  const warnings = report.reviewWarnings.length + report.similar.length;
  return report.problems.length || (values.strict && warnings) ? 1 : 0;
});

function readArgs() {
  try {
    return parseArgs({
      options: { strict: { type: 'boolean', default: false } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n${USAGE}`);
  }
}
