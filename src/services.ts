import type { Logger } from 'pino';
import { AssessmentsRepository } from './assessments/assessments.repository';
import { AssessmentsService } from './assessments/assessments.service';
import { randomRng } from './assessments/draw';
import { AuditLog } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { AuthService } from './auth/auth.service';
import { LoginThrottleRepository } from './auth/login-throttle.repository';
import { PasswordLinkIssuer } from './auth/password-links';
import { PasswordLinksRepository } from './auth/password-links.repository';
import { SetupTokenRepository } from './auth/setup-token.repository';
import { BanksRepository } from './banks/banks.repository';
import { BanksService } from './banks/banks.service';
import { PendingImportsRepository } from './banks/pending-imports.repository';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Db } from './db/kysely';
import { DatabaseSessionStore } from './db/session-store';
import { UnitOfWork } from './db/unit-of-work';
import { InvitationsRepository } from './invitations/invitations.repository';
import { InvitationsService } from './invitations/invitations.service';
import { BackupsRepository } from './backups/backups.repository';
import { BackupsService } from './backups/backups.service';
import { MailService } from './mail/mail.service';
import { MailWorker } from './mail/mail-worker';
import { Outbox, OutboxStore } from './mail/outbox.repository';
import { createSmtpTransport } from './mail/smtp-transport';
import { SubmissionDigestRepository } from './notifications/submission-digest.repository';
import { SubmissionDigestService } from './notifications/submission-digest.service';
import { QuizRepository } from './quiz/quiz.repository';
import { QuizService } from './quiz/quiz.service';
import { QualityRepository } from './reports/quality.repository';
import { QualityService } from './reports/quality.service';
import { ReportsRepository } from './reports/reports.repository';
import { ReportsService } from './reports/reports.service';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

export interface ServiceDependencies {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
}

/**
 * Builds every repository and service once, on one unit of work. The server builds them at
 * start and hands the same set to the web app, the background jobs and the CLIs.
 */
export function buildServices({ db, config, clock, logger }: ServiceDependencies) {
  const uow = new UnitOfWork(db);
  const audit = new AuditLog(uow, clock);
  const outbox = new Outbox(uow, clock, logger);
  const outboxStore = new OutboxStore(uow);
  // Without SMTP_URL nothing is sent: mail stays in the outbox, where admins read it.
  const mailWorker = config.smtpUrl
    ? new MailWorker({
        store: outboxStore,
        transport: createSmtpTransport(config.smtpUrl, config.mailFrom),
        clock,
        logger,
      })
    : undefined;
  const sessionStore = new DatabaseSessionStore(uow, clock, config.sessionIdleMs);
  const linkStore = new PasswordLinksRepository(uow);
  const links = new PasswordLinkIssuer(linkStore, clock, config.baseUrl);
  const users = new UsersService({
    uow,
    clock,
    users: new UsersRepository(uow),
    links,
    audit,
    outbox,
    sessions: sessionStore,
  });
  const auth = new AuthService({
    uow,
    clock,
    users,
    links,
    linkStore,
    setupTokens: new SetupTokenRepository(uow),
    throttle: new LoginThrottleRepository(uow),
    audit,
    outbox,
  });
  const banks = new BanksService({
    uow,
    repository: new BanksRepository(uow),
    pendingImports: new PendingImportsRepository(uow),
    audit,
    clock,
  });
  const assessments = new AssessmentsService({
    uow,
    repository: new AssessmentsRepository(uow),
    banks,
    users,
    audit,
    clock,
    rng: randomRng,
  });
  const invitations = new InvitationsService({
    uow,
    clock,
    repository: new InvitationsRepository(uow),
    assessments,
    audit,
    outbox,
    baseUrl: config.baseUrl,
    reminderDelayMs: config.reminderDelayMs,
  });
  const quiz = new QuizService({
    uow,
    clock,
    rng: randomRng,
    repository: new QuizRepository(uow),
    invitations,
    assessments,
    banks,
    audit,
  });
  const reports = new ReportsService({
    uow,
    clock,
    repository: new ReportsRepository(uow),
    assessments,
    invitations,
    quiz,
    banks,
    audit,
  });
  const quality = new QualityService({
    repository: new QualityRepository(uow),
    assessments,
    banks,
  });
  const submissionDigest = new SubmissionDigestService({
    uow,
    clock,
    repository: new SubmissionDigestRepository(uow),
    outbox,
    baseUrl: config.baseUrl,
  });
  return {
    db,
    uow,
    clock,
    config,
    audit: new AuditService(audit),
    sessionStore,
    auth,
    users,
    banks,
    assessments,
    invitations,
    quiz,
    reports,
    quality,
    submissionDigest,
    outbox,
    mailWorker,
    mail: new MailService({
      store: outboxStore,
      clock,
      deliveryConfigured: mailWorker !== undefined,
    }),
    backups: new BackupsService({ uow, clock, config, repository: new BackupsRepository(uow) }),
  };
}

export type Services = ReturnType<typeof buildServices>;
