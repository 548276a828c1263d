import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { createDb, type Db } from '../../src/db/kysely';
import { buildJobs } from '../../src/jobs/jobs';
import { MAX_DELIVERY_ATTEMPTS } from '../../src/mail/delivery-policy';
import { CLAIM_LEASE_MS, type MailWorker } from '../../src/mail/mail-worker';
import { OutboxStore } from '../../src/mail/outbox.repository';
import { REMOVED_LINK_MARKER } from '../../src/mail/redact-links';
import { buildServices, type Services } from '../../src/services';
import { signedInAgent } from '../helpers/agents';
import { createUser, lastMailTo, linkIn } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const silent = pino({ level: 'silent' });

interface ReceivedMail {
  recipients: string[];
  /** The account the client signed in with, if it did. */
  user: string | undefined;
  raw: string;
}

/** A real SMTP server on a free local port that keeps what it receives. */
interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** RCPT TO commands seen, accepted or refused: one per delivery try. */
  recipientCommands: number;
  /** Answers the next `times` deliveries with a temporary failure (451). */
  refuseNext(times: number): void;
  close(): Promise<void>;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

async function startSmtpServer(): Promise<TestSmtpServer> {
  let refusals = 0;
  const state: Omit<TestSmtpServer, 'port'> = {
    received: [],
    recipientCommands: 0,
    refuseNext: (times) => {
      refusals = times;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
  const server = new SMTPServer({
    // Plain local SMTP: no TLS to offer, sign-in allowed without it.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, callback) => {
      if (auth.username === 'mailer' && auth.password === 'p@ss word') {
        callback(null, { user: auth.username });
        return;
      }
      callback(smtpError(535, 'Authentication failed'));
    },
    onRcptTo: (_address, _session, callback) => {
      state.recipientCommands += 1;
      if (refusals > 0) {
        refusals -= 1;
        callback(smtpError(451, 'Mailbox busy, try again later'));
        return;
      }
      callback();
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        state.received.push({
          recipients: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, { port: (server.server.address() as AddressInfo).port });
}

/** A header of a received message, unfolded. */
function header(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1];
}

/** The decoded body of the text/plain or text/html part of a received message. */
function bodyPart(raw: string, type: 'text/plain' | 'text/html'): string {
  const typeAt = raw.search(new RegExp(`^Content-Type: ${type}`, 'mi'));
  if (typeAt < 0) throw new Error(`No ${type} part in:\n${raw}`);
  // The part's headers run from its boundary line (or the top of a one-part message).
  const headersStart = Math.max(raw.lastIndexOf('\r\n--', typeAt), 0);
  const headersEnd = raw.indexOf('\r\n\r\n', typeAt);
  const headers = raw.slice(headersStart, headersEnd);
  const encoding = /^Content-Transfer-Encoding: (\S+)/im.exec(headers)?.[1];
  const body = raw.slice(headersEnd + 4).split(/\r\n--/)[0] ?? '';
  const decoded =
    encoding?.toLowerCase() === 'quoted-printable'
      ? Buffer.from(
          body
            .replace(/=\r\n/g, '')
            .replace(/=([0-9A-F]{2})/gi, (_, hex: string) =>
              String.fromCharCode(parseInt(hex, 16)),
            ),
          'latin1',
        ).toString('utf8')
      : body;
  return decoded.replace(/\r\n/g, '\n').trimEnd();
}

const ONE_TIME_LINK = 'https://skills.example.test/t/Zx9-one-time-token';
const RESET_LINK = 'https://skills.example.test/password/set?token=abc123';

const invitation = {
  to: 'cand@example.test',
  subject: 'Your assessment for Backend Engineer',
  text: `Hello,\n\nStart your assessment here: ${ONE_TIME_LINK}\n\nGood luck.`,
  html: `<p>Start your assessment <a href="${ONE_TIME_LINK}">here</a>.</p>`,
};

let smtp: TestSmtpServer;
let ctx: TestContext;
const otherProcesses: Db[] = [];

beforeEach(async () => {
  smtp = await startSmtpServer();
  ctx = await createTestContext({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
});
afterEach(async () => {
  for (const db of otherProcesses.splice(0)) await db.destroy();
  await ctx.close();
  await smtp.close();
});

function workerOf(services: Services): MailWorker {
  if (!services.mailWorker) throw new Error('SMTP_URL is set, so there should be a mail worker');
  return services.mailWorker;
}

/** The services of a second server process on the same database file. */
function anotherProcess(): Services {
  const db = createDb(ctx.config.databaseFile);
  otherProcesses.push(db);
  return buildServices({ db, config: ctx.config, clock: ctx.clock, logger: silent });
}

function storedMessage(id: number) {
  return ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('delivering queued mail by SMTP', () => {
  it('sends a queued message with its sender, subject, text and HTML', async () => {
    await ctx.services.outbox.enqueue(invitation);

    expect(await workerOf(ctx.services).run()).toEqual({ sent: 1, retrying: 0, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.recipients).toEqual(['cand@example.test']);
    expect(header(mail?.raw ?? '', 'From')).toBe('skillscreen <no-reply@localhost>');
    expect(header(mail?.raw ?? '', 'Subject')).toBe(invitation.subject);
    expect(bodyPart(mail?.raw ?? '', 'text/plain')).toBe(invitation.text);
    expect(bodyPart(mail?.raw ?? '', 'text/html')).toBe(invitation.html);
  });

  it('removes the one-time links from the stored copy once sent, not from the sent one', async () => {
    const id = await ctx.services.outbox.enqueue({
      ...invitation,
      text: `${invitation.text}\nForgot your password? ${RESET_LINK}.\nAbout us: https://example.test/about`,
    });

    await workerOf(ctx.services).run();

    const sentText = bodyPart(smtp.received[0]?.raw ?? '', 'text/plain');
    expect(sentText).toContain(ONE_TIME_LINK);
    expect(sentText).toContain(RESET_LINK);
    const stored = await storedMessage(id);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, sent_at: ctx.clock.now() });
    expect(stored.text_body).toBe(
      `Hello,\n\nStart your assessment here: ${REMOVED_LINK_MARKER}\n\nGood luck.\n` +
        `Forgot your password? ${REMOVED_LINK_MARKER}.\nAbout us: https://example.test/about`,
    );
    expect(stored.html_body).toBe(
      `<p>Start your assessment <a href="${REMOVED_LINK_MARKER}">here</a>.</p>`,
    );
  });

  it('delivers a working invitation link while keeping only its hash', async () => {
    const admin = await createUser(ctx.db, { role: 'admin', name: 'Ada Admin' });
    await ctx.services.users.invite(
      { id: admin.id, name: admin.name, ip: '127.0.0.1' },
      { email: 'mona@example.test', name: 'Mona Manager', role: 'manager' },
    );

    await workerOf(ctx.services).run();

    const link = linkIn(bodyPart(smtp.received[0]?.raw ?? '', 'text/plain'));
    const token = new URL(link, 'http://localhost').searchParams.get('token') ?? '';
    expect(token).not.toBe('');
    expect(JSON.stringify(await ctx.db.selectFrom('outbox').selectAll().execute())).not.toContain(
      token,
    );
    expect((await lastMailTo(ctx.db, 'mona@example.test')).text_body).toContain(
      REMOVED_LINK_MARKER,
    );
    const invitee = request.agent(ctx.app);
    await invitee.get(link);
    const form = await invitee.get('/password/set');
    expect(form.text).toContain('Choose your password');
    expect(form.text).toContain('mona@example.test');
  });

  it('signs in to the mail server with the user and password of SMTP_URL', async () => {
    const signedIn = await createTestContext({
      SMTP_URL: `smtp://mailer:${encodeURIComponent('p@ss word')}@127.0.0.1:${smtp.port}`,
    });
    try {
      await signedIn.services.outbox.enqueue(invitation);
      expect(await workerOf(signedIn.services).run()).toMatchObject({ sent: 1 });
      expect(smtp.received.map((m) => m.user)).toEqual(['mailer']);
    } finally {
      await signedIn.close();
    }
  });

  it('sends several queued messages in one run, oldest first', async () => {
    for (const to of ['a@example.test', 'b@example.test', 'c@example.test'])
      await ctx.services.outbox.enqueue({ ...invitation, to });

    expect(await workerOf(ctx.services).run()).toEqual({ sent: 3, retrying: 0, failed: 0 });
    expect(smtp.received.map((m) => m.recipients[0])).toEqual([
      'a@example.test',
      'b@example.test',
      'c@example.test',
    ]);
  });
});

describe('when the mail server refuses a message', () => {
  it('keeps it with the error and retries it after a minute, delivering it exactly once', async () => {
    smtp.refuseNext(1);
    const id = await ctx.services.outbox.enqueue(invitation);
    const worker = workerOf(ctx.services);
    const queuedAt = ctx.clock.now();

    expect(await worker.run()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const afterRefusal = await storedMessage(id);
    expect(afterRefusal).toMatchObject({
      status: 'pending',
      attempts: 1,
      next_attempt_at: queuedAt + MINUTE,
      claimed_until: null,
    });
    expect(afterRefusal.last_error).toContain('451 Mailbox busy');

    ctx.clock.advance(MINUTE - 1);
    expect(await worker.run()).toEqual({ sent: 0, retrying: 0, failed: 0 });

    ctx.clock.advance(1);
    expect(await worker.run()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(await storedMessage(id)).toMatchObject({ status: 'sent', attempts: 2 });

    ctx.clock.advance(HOUR);
    await worker.run();
    expect(smtp.received).toHaveLength(1);
  });

  it('waits twice as long after each refusal, at most an hour', async () => {
    smtp.refuseNext(7);
    const id = await ctx.services.outbox.enqueue(invitation);
    const worker = workerOf(ctx.services);
    const waits: number[] = [];

    for (let attempt = 1; attempt <= 7; attempt += 1) {
      const triedAt = ctx.clock.now();
      await worker.run();
      const { next_attempt_at } = await storedMessage(id);
      waits.push(next_attempt_at - triedAt);
      ctx.clock.advance(next_attempt_at - triedAt);
    }

    expect(waits.map((ms) => ms / MINUTE)).toEqual([1, 2, 4, 8, 16, 32, 60]);
  });

  it('gives up after its last try and never tries again', async () => {
    smtp.refuseNext(Number.POSITIVE_INFINITY);
    const id = await ctx.services.outbox.enqueue(invitation);
    const worker = workerOf(ctx.services);

    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt += 1) {
      await worker.run();
      ctx.clock.advance(HOUR);
    }

    const stored = await storedMessage(id);
    expect(stored).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS });
    expect(stored.last_error).toContain('451');
    expect(stored.text_body).toContain(ONE_TIME_LINK);
    ctx.clock.advance(24 * HOUR);
    expect(await worker.run()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.recipientCommands).toBe(MAX_DELIVERY_ATTEMPTS);
  });

  it('shows admins the waiting message and its last error on the Outbox page', async () => {
    smtp.refuseNext(1);
    await ctx.services.outbox.enqueue(invitation);
    await workerOf(ctx.services).run();
    const admin = await createUser(ctx.db, { role: 'admin' });

    const page = await (await signedInAgent(ctx.app, admin.email)).get('/admin/outbox');

    expect(page.text).toContain('Email delivery is configured');
    expect(page.text).toContain('Waiting to retry');
    expect(page.text).toContain('451 Mailbox busy, try again later');
  });
});

describe('never sending a message twice', () => {
  it('leaves a message claimed by another worker alone until its claim runs out', async () => {
    const id = await ctx.services.outbox.enqueue(invitation);
    // A worker in another process claims the message, then dies before sending it.
    const deadWorkersStore = new OutboxStore(anotherProcess().uow);
    const claim = await deadWorkersStore.claimNextDue(ctx.clock.now(), CLAIM_LEASE_MS);
    expect(claim?.id).toBe(id);
    const restarted = workerOf(anotherProcess());

    expect(await restarted.run()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    ctx.clock.advance(CLAIM_LEASE_MS - 1);
    expect(await restarted.run()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);

    ctx.clock.advance(1);
    expect(await restarted.run()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(await storedMessage(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('does not send a sent message again after a restart', async () => {
    await ctx.services.outbox.enqueue(invitation);
    await workerOf(ctx.services).run();

    const restarted = workerOf(anotherProcess());
    ctx.clock.advance(CLAIM_LEASE_MS + HOUR);

    expect(await restarted.run()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await workerOf(ctx.services).run()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('gives each due message to one worker only, when two workers take turns claiming', async () => {
    for (let n = 1; n <= 4; n += 1)
      await ctx.services.outbox.enqueue({ ...invitation, to: `c${n}@example.test` });
    const first = new OutboxStore(ctx.services.uow);
    const second = new OutboxStore(anotherProcess().uow);

    const claims = [
      await first.claimNextDue(ctx.clock.now(), CLAIM_LEASE_MS),
      await second.claimNextDue(ctx.clock.now(), CLAIM_LEASE_MS),
      await first.claimNextDue(ctx.clock.now(), CLAIM_LEASE_MS),
      await second.claimNextDue(ctx.clock.now(), CLAIM_LEASE_MS),
      await first.claimNextDue(ctx.clock.now(), CLAIM_LEASE_MS),
    ];

    expect(claims.map((c) => c?.message.to)).toEqual([
      'c1@example.test',
      'c2@example.test',
      'c3@example.test',
      'c4@example.test',
      undefined,
    ]);
  });
});

/** Whether the server's job runner already has a job of this name. */
function hasJob(jobs: ReturnType<typeof buildJobs>, name: string): boolean {
  try {
    jobs.add({ name, everyMs: HOUR, run: async () => undefined });
    return false;
  } catch {
    return true;
  }
}

describe('the deliver-mail job', () => {
  it('runs in the background of the server when SMTP_URL is set', () => {
    expect(hasJob(buildJobs(ctx.services, silent), 'deliver-mail')).toBe(true);
  });

  it('is woken when a message is queued, once the change that queued it commits', async () => {
    const jobs = buildJobs(ctx.services, silent);
    const trigger = jest.spyOn(jobs, 'trigger');

    await ctx.services.uow.transaction(async () => {
      await ctx.services.outbox.enqueue(invitation);
      expect(trigger).not.toHaveBeenCalled();
    });

    expect(trigger).toHaveBeenCalledWith('deliver-mail');
  });

  it('is not woken for a message whose change rolled back', async () => {
    const jobs = buildJobs(ctx.services, silent);
    const trigger = jest.spyOn(jobs, 'trigger');

    await expect(
      ctx.services.uow.transaction(async () => {
        await ctx.services.outbox.enqueue(invitation);
        throw new Error('the use case failed');
      }),
    ).rejects.toThrow('the use case failed');

    expect(trigger).not.toHaveBeenCalled();
  });
});

describe('without SMTP_URL', () => {
  it('has no mail worker: queued mail stays pending in the outbox', async () => {
    const embedded = await createTestContext();
    try {
      const jobs = buildJobs(embedded.services, silent);
      const trigger = jest.spyOn(jobs, 'trigger');
      const id = await embedded.services.outbox.enqueue(invitation);

      expect(embedded.services.mailWorker).toBeUndefined();
      expect(hasJob(jobs, 'deliver-mail')).toBe(false);
      expect(trigger).not.toHaveBeenCalled();
      const stored = await embedded.db
        .selectFrom('outbox')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ status: 'pending', attempts: 0, text_body: invitation.text });
    } finally {
      await embedded.close();
    }
  });
});
