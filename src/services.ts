import { AssessmentsRepository } from './assessments/assessments.repository';
import { AssessmentsService } from './assessments/assessments.service';
import { randomRng } from './assessments/draw';
import { AuditLog } from './audit/audit.repository';
import { AuthService } from './auth/auth.service';
import { BanksRepository } from './banks/banks.repository';
import { BanksService } from './banks/banks.service';
import { PendingImportsRepository } from './banks/pending-imports.repository';
import { LoginThrottleRepository } from './auth/login-throttle.repository';
import { SetupTokenRepository } from './auth/setup-token.repository';
import { UserTokensRepository } from './auth/user-tokens.repository';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Db } from './db/kysely';
import { DatabaseSessionStore } from './db/session-store';
import type { Mailer } from './mail/mailer';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

export interface ServiceDependencies {
  db: Db;
  config: Config;
  clock: Clock;
  mailer: Mailer;
}

/** Wires repositories into services; the web app, the server and the CLIs share this. */
export function buildServices({ db, config, clock, mailer }: ServiceDependencies) {
  const audit = new AuditLog(db, clock);
  const users = new UsersRepository(db);
  const tokens = new UserTokensRepository(db);
  const sessionStore = new DatabaseSessionStore(db, clock, config.sessionIdleMs);
  const auth = new AuthService({
    clock,
    users,
    tokens,
    setupTokens: new SetupTokenRepository(db),
    throttle: new LoginThrottleRepository(db),
    audit,
    mailer,
    sessions: sessionStore,
    baseUrl: config.baseUrl,
  });
  const usersService = new UsersService({
    clock,
    users,
    tokens,
    audit,
    mailer,
    sessions: sessionStore,
    baseUrl: config.baseUrl,
  });
  const banksRepository = new BanksRepository(db);
  const banks = new BanksService({
    repository: banksRepository,
    pendingImports: new PendingImportsRepository(db),
    audit,
    clock,
  });
  const assessments = new AssessmentsService({
    repository: new AssessmentsRepository(db),
    banks: banksRepository,
    users,
    audit,
    clock,
    rng: randomRng,
  });
  return { audit, users, sessionStore, auth, usersService, banks, assessments };
}

export type Services = ReturnType<typeof buildServices>;
