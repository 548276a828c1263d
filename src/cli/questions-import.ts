import { parseArgs } from 'node:util';
import { describeImport } from '../banks/import-report';
import { QUESTIONS_DIR } from '../paths';
import { readSourceFiles } from './bank-files';
import { openCliContext, runCli } from './context';

/** npm run questions:import [path] [--dry-run] [--skill slug]: YAML file or folder, .gift or .csv. */
runCli(async () => {
  const { values, positionals } = parseArgs({
    options: { 'dry-run': { type: 'boolean', default: false }, skill: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const files = readSourceFiles(positionals[0] ?? QUESTIONS_DIR);
  const { db, services } = await openCliContext();
  try {
    const dryRun = values['dry-run'] ?? false;
    const report = await services.banks.importFiles(files, { defaultSkill: values.skill, dryRun });
    if (dryRun) console.log('Dry run: nothing is written.');
    for (const line of describeImport(report)) console.log(line);
    return report.problems.length ? 1 : 0;
  } finally {
    await db.destroy();
  }
});
