import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { questionsToCsv } from '../banks/formats/csv';
import { bankToYaml } from '../banks/formats/yaml-bank';
import { QUESTIONS_DIR } from '../paths';
import { openCliContext, runCli } from './context';

/** npm run questions:export [dir] [--csv]: one file per bank, in the format import reads. */
runCli(async () => {
  const { values, positionals } = parseArgs({
    options: { csv: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const dir = path.resolve(positionals[0] ?? QUESTIONS_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const { db, services } = await openCliContext();
  try {
    for (const summary of await services.banks.listBanks()) {
      const bank = await services.banks.exportBank(summary.slug);
      const file = path.join(dir, `${bank.skill}.${values.csv ? 'csv' : 'yaml'}`);
      const text = values.csv
        ? questionsToCsv(bank.questions.map((question) => ({ skill: bank.skill, question })))
        : bankToYaml(bank);
      fs.writeFileSync(file, text);
      console.log(`${path.relative(process.cwd(), file)}: ${bank.questions.length} questions`);
    }
  } finally {
    await db.destroy();
  }
});
