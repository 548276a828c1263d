import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { systemClock } from '../clock';
import { ConfigError, loadConfig, type Config } from '../config';
import { AppError, ValidationError } from '../http/errors';
import { createDb, type Db } from '../db/kysely';
import { migrateToLatest } from '../db/migrator';
import { createLogger } from '../logger';
import { buildServices, type Services } from '../services';

export interface CliContext {
  config: Config;
  db: Db;
  services: Services;
}

/** Config, a migrated database and the services, as the server has them. */
export async function openCliContext(): Promise<CliContext> {
  const config = loadConfig();
  const db = createDb(config.databaseFile);
  await migrateToLatest(db);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  return { config, db, services: buildServices({ db, config, clock: systemClock, logger }) };
}

/**
 * Runs a CLI body: its exit code, or 1 with a clear message for expected failures, including a
 * service's refusal (the same words the web form shows).
 */
export function runCli(body: () => Promise<number | void>): void {
  body().then(
    (code) => exitAfterOutput(code ?? 0),
    (error: unknown) => {
      console.error(messageFor(error));
      exitAfterOutput(1);
    },
  );
}

/** Exits once everything printed has been handed over, so a reader of a pipe gets all of it. */
function exitAfterOutput(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

function messageFor(error: unknown): unknown {
  if (error instanceof ValidationError) return Object.values(error.fieldErrors).join('\n');
  if (error instanceof ConfigError || error instanceof CliUsageError || error instanceof AppError)
    return error.message;
  return error;
}

export class CliUsageError extends Error {}

/** The command line's plain arguments (files), for commands that take no --flags. */
export function readPositionals(usage: string, most: number): string[] {
  let positionals: string[];
  try {
    positionals = parseArgs({ allowPositionals: true, strict: true }).positionals;
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n${usage}`);
  }
  if (positionals.length > most)
    throw new CliUsageError(`Give at most ${most === 1 ? 'one file' : `${most} files`}.\n${usage}`);
  return positionals;
}

/**
 * Reads the command line's --flags and checks them with a zod schema. `aliases` maps a flag to
 * the schema's key (--extra-time to extraTimePercent); problems name the flag a person typed.
 */
export function parseFlags<S extends z.ZodTypeAny>(
  options: NonNullable<ParseArgsConfig['options']>,
  schema: S,
  usage: string,
  aliases: Record<string, string> = {},
): z.infer<S> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ options, strict: true }).values;
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n${usage}`);
  }
  const renamed = Object.fromEntries(
    Object.entries(values).map(([flag, value]) => [aliases[flag] ?? flag, value]),
  );
  const parsed = schema.safeParse(renamed);
  if (parsed.success) return parsed.data;
  const flagOf = (key: string) =>
    Object.entries(aliases).find(([, alias]) => alias === key)?.[0] ?? key;
  const problems = parsed.error.issues.map(
    (issue) => `--${flagOf(issue.path.join('.'))}: ${issue.message}`,
  );
  throw new CliUsageError([...problems, usage].join('\n'));
}
