import fs from 'node:fs';
import path from 'node:path';
import { formatOf, type SourceFile } from '../banks/import-files';
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
