import { bankStats, formatStats } from '../banks/bank-stats';
import { readImportFiles } from '../banks/import-files';
import { parseBankYaml } from '../banks/formats/yaml-bank';
import { QUESTIONS_DIR } from '../paths';
import { readSourceFiles } from './bank-files';
import { runCli } from './context';

/** npm run questions:check [path]: every problem as file:line: message, then counts per bank. */
runCli(async () => {
  const files = readSourceFiles(process.argv[2] ?? QUESTIONS_DIR, ['yaml']);
  const problems = readImportFiles(files).problems;
  for (const problem of problems)
    console.log(`${problem.file}:${problem.line}: ${problem.message}`);
  let total = 0;
  for (const file of files) {
    const { bank } = parseBankYaml(file.text, file.name);
    if (!bank) continue;
    const stats = bankStats(bank);
    total += stats.total;
    console.log(`\n${bank.skill} (${file.name}): ${stats.total} questions`);
    for (const line of formatStats(stats)) console.log(`  ${line}`);
  }
  console.log(`\n${files.length} banks, ${total} questions, ${problems.length} problems.`);
  return problems.length ? 1 : 0;
});
