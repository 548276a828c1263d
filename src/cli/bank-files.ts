import fs from 'node:fs';
import path from 'node:path';
import { parseBankYaml } from '../banks/formats/yaml-bank';
import { formatOf, type SourceFile } from '../banks/import-files';
import type { BankTerms } from '../jd/jd-matcher';
import { CliUsageError } from './context';

/** Reads a bank file, or every .yaml file of a folder, for the question CLIs. */
export function readSourceFiles(
  target: string,
  formats: readonly string[] = ['yaml', 'gift', 'csv'],
): SourceFile[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new CliUsageError(`No such file or folder: ${target}`);
  }
  const files = stat.isDirectory()
    ? fs
        .readdirSync(target)
        .filter((name) => formatOf(name) === 'yaml')
        .sort()
        .map((name) => path.join(target, name))
    : [target];
  for (const file of files) {
    const format = formatOf(file);
    if (!format || !formats.includes(format))
      throw new CliUsageError(
        `${file}: expected a ${formats.map((f) => `.${f}`).join(', ')} file.`,
      );
  }
  return files.map((file) => ({
    name: path.relative(process.cwd(), file) || file,
    text: fs.readFileSync(file, 'utf8'),
  }));
}

/**
 * What job-description matching needs of each bank in a folder. Banks that cannot be read are
 * reported on stderr and left out; none at all is an error.
 */
export function loadBankTerms(dir: string): BankTerms[] {
  const banks: BankTerms[] = [];
  for (const file of readSourceFiles(dir, ['yaml'])) {
    const { bank, problems } = parseBankYaml(file.text, file.name);
    if (!bank) {
      console.error(`${file.name}: skipped (${problems[0]?.message ?? 'unreadable'})`);
      continue;
    }
    const { skill: slug, name, description, keywords } = bank;
    banks.push({ slug, name, description, keywords });
  }
  if (!banks.length) throw new CliUsageError(`No question banks in ${dir}`);
  return banks;
}
