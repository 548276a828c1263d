import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { QUESTIONS_DIR } from '../paths';
import type { BanksService } from './banks.service';
import { formatOf } from './import-files';
import { describeImport } from './import-report';

/**
 * Imports the banks shipped in `questions/` at start. Idempotent: unchanged questions make no
 * versions, and questions edited in the browser are reported, never overwritten.
 */
export async function importShippedBanks(
  banks: BanksService,
  logger: Logger,
  dir = QUESTIONS_DIR,
): Promise<void> {
  const names = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((name) => formatOf(name) === 'yaml')
    : [];
  const files = names.sort().map((name) => ({
    name: `questions/${name}`,
    text: fs.readFileSync(path.join(dir, name), 'utf8'),
  }));
  const report = await banks.importFiles(files);
  const summary = {
    created: report.create.length,
    moved: report.move.length,
    changed: report.change.length,
    unchanged: report.unchanged.length,
  };
  if (report.problems.length || report.conflicts.length || report.refused.length) {
    logger.warn(
      { ...summary, details: describeImport(report) },
      'question banks imported with problems',
    );
  } else {
    logger.info(summary, 'question banks imported');
  }
}
