import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanLike = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Express "trust proxy": a boolean, a hop count, or a list of addresses/subnets. */
const trustProxy = z
  .string()
  .trim()
  .min(1)
  .transform((value): boolean | number | string => {
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^\d+$/.test(value)) return Number(value);
    return value;
  });

/**
 * Outgoing mail server. smtp:// upgrades to TLS with STARTTLS when the server offers it; smtps://
 * is TLS from the start.
 */
const smtpUrl = z
  .string()
  .trim()
  .refine(
    isSmtpUrl,
    'must look like smtp://user:password@mail.example.com:587 or smtps://user:password@mail.example.com:465',
  );

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A bare address or one with a display name; no line breaks, which could inject headers. */
const mailFrom = z
  .string()
  .trim()
  .regex(
    /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
    'must be an address like no-reply@example.com or "skillscreen <no-reply@example.com>"',
  );

/** Settings whose values never appear in an error message: they may hold a password. */
const SECRET_SETTINGS = new Set(['SESSION_SECRET', 'SMTP_URL']);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  BASE_URL: z.string().trim().url().optional(),
  SESSION_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (or leave it unset to generate one)')
    .optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(10080).default(480),
  SESSION_MAX_DAYS: z.coerce.number().min(0.01).max(90).default(7),
  TRUST_PROXY: trustProxy.default('false'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  IMPORT_BANKS_ON_START: booleanLike.default('true'),
  REMINDER_DELAY_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 30)
    .default(48),
  SMTP_URL: smtpUrl.optional(),
  MAIL_FROM: mailFrom.optional(),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(1),
  BACKUP_DIR: z.string().trim().min(1).optional(),
  BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .optional(),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly baseUrl: string;
  readonly secureCookies: boolean;
  readonly sessionSecret: string;
  readonly sessionIdleMs: number;
  readonly sessionMaxAgeMs: number;
  readonly trustProxy: boolean | number | string;
  readonly logLevel: LogLevel;
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly importBanksOnStart: boolean;
  /** How long after the invitation a candidate who has not started gets the reminder. */
  readonly reminderDelayMs: number;
  /** The SMTP server (it may hold a password: never log it); unset, mail stays in the outbox. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** Web worker processes sharing the port; background jobs run in one process only. */
  readonly webConcurrency: number;
  /** Where backups go (`npm run backup` without a file, and the scheduled ones). */
  readonly backupDir: string;
  /** Hours between scheduled backups; undefined when none are scheduled. */
  readonly backupIntervalMs: number | undefined;
  /** Scheduled backups kept; older ones are deleted. */
  readonly backupKeep: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the environment once, validates it and returns a frozen config. Creates DATA_DIR and, when
 * SESSION_SECRET is not set, a secret file inside it so restarts keep sessions valid.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = issue.path.join('.');
        const value = SECRET_SETTINGS.has(key)
          ? 'value not shown: it may hold a password or secret'
          : `got ${JSON.stringify(env[key] ?? '')}`;
        return `${key}: ${issue.message} (${value})`;
      }),
    );
  }
  const values = parsed.data;
  const dataDir = path.resolve(values.DATA_DIR);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new ConfigError([`DATA_DIR: cannot create ${dataDir} (${(error as Error).message})`]);
  }
  const baseUrl = (values.BASE_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    port: values.PORT,
    host: values.HOST,
    dataDir,
    databaseFile: path.join(dataDir, 'skillscreen.sqlite'),
    baseUrl,
    secureCookies: baseUrl.startsWith('https://'),
    sessionSecret:
      values.SESSION_SECRET ?? readOrCreateSecret(path.join(dataDir, 'session-secret')),
    sessionIdleMs: values.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxAgeMs: Math.round(values.SESSION_MAX_DAYS * 86_400_000),
    trustProxy: values.TRUST_PROXY,
    logLevel: values.LOG_LEVEL,
    nodeEnv: values.NODE_ENV,
    importBanksOnStart: values.IMPORT_BANKS_ON_START,
    reminderDelayMs: values.REMINDER_DELAY_HOURS * 3_600_000,
    smtpUrl: values.SMTP_URL,
    mailFrom: values.MAIL_FROM ?? defaultSender(baseUrl),
    webConcurrency: values.WEB_CONCURRENCY,
    backupDir: path.resolve(values.BACKUP_DIR ?? path.join(dataDir, 'backups')),
    backupIntervalMs:
      values.BACKUP_INTERVAL_HOURS === undefined
        ? undefined
        : Math.round(values.BACKUP_INTERVAL_HOURS * 3_600_000),
    backupKeep: values.BACKUP_KEEP,
  });
}

/** Mail comes from the host people already see in its links. */
function defaultSender(baseUrl: string): string {
  return `skillscreen <no-reply@${new URL(baseUrl).hostname || 'localhost'}>`;
}

function readOrCreateSecret(file: string): string {
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = crypto.randomBytes(48).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
