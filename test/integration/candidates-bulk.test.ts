import type { Actor } from '../../src/audit/actor';
import type { StaffUser } from '../../src/users/users.types';
import { csrfFrom, signedInAgent, type Agent } from '../helpers/agents';
import { TEST_JOB_DESCRIPTION, importTestBanks } from '../helpers/assessment-fixtures';
import { createUser } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
let owner: StaffUser;
let agent: Agent;
let id: number;
let page: string;

const actorOf = (user: StaffUser): Actor => ({ id: user.id, name: user.name, ip: '127.0.0.1' });

async function createAssessment(open: boolean): Promise<number> {
  const created = await ctx.services.assessments.createFromDescription(actorOf(owner), owner, {
    title: 'Backend hire',
    text: TEST_JOB_DESCRIPTION,
  });
  if (open) await ctx.services.assessments.open(actorOf(owner), owner, created);
  return created;
}

beforeEach(async () => {
  ctx = await createTestContext();
  await importTestBanks(ctx);
  owner = await createUser(ctx.db, { role: 'manager', name: 'Olive Owner' });
  agent = await signedInAgent(ctx.app, owner.email);
  id = await createAssessment(true);
  page = `/assessments/${id}/candidates`;
});
afterEach(() => ctx.close());

/** Posts the "Invite many" form as a browser does: multipart, with the text or a file. */
async function preview(list: { csv?: string; file?: [string, string] }, path = page) {
  const form = await agent.get(path);
  const post = agent.post(`${path}/preview`).field('_csrf', csrfFrom(form.text));
  if (list.csv !== undefined) post.field('csv', list.csv);
  if (list.file) post.attach('file', Buffer.from(list.file[1]), list.file[0]);
  return post;
}

/** Posts the confirmation form of a preview page with the list it carries. */
function confirm(previewHtml: string) {
  return agent
    .post(`${page}/confirm`)
    .field('_csrf', csrfFrom(previewHtml))
    .field('csv', hiddenList(previewHtml));
}

/** The list in the preview's hidden field, unescaped as a browser reads the attribute. */
function hiddenList(html: string): string {
  const match = /<input type="hidden" name="csv" value="([^"]*)">/.exec(html);
  if (!match?.[1]) throw new Error('No list to confirm in the page');
  return match[1]
    .replace(/&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const invitedEmails = async () =>
  (await ctx.db.selectFrom('invitations').select('email').orderBy('email').execute()).map(
    (row) => row.email,
  );
const outboxCount = async () => (await ctx.db.selectFrom('outbox').selectAll().execute()).length;

const MIXED_LIST = [
  'name,email,extra_time',
  'Ann Lee,ann@example.com,10',
  'Bad Row,not-an-email',
  'Ann Again,ANN@example.com',
  'Old Friend,old@example.com',
  'Bo Chen,bo@example.com',
].join('\n');

describe('inviting many candidates from a list', () => {
  beforeEach(async () => {
    await ctx.services.invitations.invite(actorOf(owner), owner, id, {
      name: 'Old Friend',
      email: 'old@example.com',
    });
  });

  it('previews each row with its problems (bad email, twice in the list, already invited) and sends nothing', async () => {
    const mails = await outboxCount();
    const response = await preview({ csv: MIXED_LIST });
    expect(response.status).toBe(200);
    expect(response.text).toContain('Send 2 invitations');
    expect(response.text).toContain('&#34;not-an-email&#34; is not a valid email address.');
    expect(response.text).toContain('This email address is already on line 2.');
    expect(response.text).toContain('Already invited to this assessment.');
    expect(hiddenList(response.text)).toBe(MIXED_LIST);
    expect(await invitedEmails()).toEqual(['old@example.com']);
    expect(await outboxCount()).toBe(mails);
  });

  it('sends only the valid rows once confirmed', async () => {
    const shown = await preview({ csv: MIXED_LIST });
    const mails = await outboxCount();
    const response = await confirm(shown.text);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(page);
    expect(await invitedEmails()).toEqual(['ann@example.com', 'bo@example.com', 'old@example.com']);
    expect(await outboxCount()).toBe(mails + 2);
    const ann = await ctx.db
      .selectFrom('invitations')
      .selectAll()
      .where('email', '=', 'ann@example.com')
      .executeTakeFirstOrThrow();
    expect(ann.extra_time_percent).toBe(10);
    const list = await agent.get(page);
    expect(list.text).toContain('2 candidates invited');
    expect(list.text).toContain('3 rows with problems were left out.');
  });

  it('reads an uploaded .csv file like a pasted list', async () => {
    const response = await preview({
      file: ['people.csv', '\uFEFFName,Email\r\nCy Dee,cy@example.com\r\n'],
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('Send 1 invitation<');
    expect(response.text).toContain('cy@example.com');
    expect(await invitedEmails()).toEqual(['old@example.com']);
  });

  it('refuses a file that is not a .csv, and one not saved as UTF-8', async () => {
    const pdf = await preview({ file: ['people.pdf', '%PDF-1.7'] });
    expect(pdf.status).toBe(422);
    expect(pdf.text).toContain('Upload a .csv file, or paste the list.');
    const latin1 = await agent
      .post(`${page}/preview`)
      .field('_csrf', csrfFrom((await agent.get(page)).text))
      .attach('file', Buffer.from('Zo\xeb,zoe@example.com', 'latin1'), 'people.csv');
    expect(latin1.status).toBe(422);
    expect(latin1.text).toContain('not saved as UTF-8');
  });

  it('refuses an empty list and a list where nobody can be invited, with a plain message', async () => {
    const empty = await preview({ csv: '  \n ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Paste the list, or choose a .csv file.');

    const invalid = 'Bad Row,not-an-email\nOld Friend,old@example.com';
    const shown = await preview({ csv: invalid });
    expect(shown.status).toBe(422);
    expect(shown.text).toContain('None of these people can be invited.');
    expect(shown.text).not.toContain('Send 0');

    const forced = await agent
      .post(`${page}/confirm`)
      .field('_csrf', csrfFrom(shown.text))
      .field('csv', invalid);
    expect(forced.status).toBe(422);
    expect(forced.text).toContain('Nothing was sent');
    expect(await invitedEmails()).toEqual(['old@example.com']);
  });

  it('refuses a list larger than 100 KB, sending nothing', async () => {
    const csv = Array.from({ length: 4000 }, (_, i) => `Person ${i},person${i}@example.com`);
    const response = await preview({ csv: csv.join('\n') });
    expect(response.status).toBe(422);
    expect(response.text).toContain('The list is larger than 100 KB.');
    expect(await invitedEmails()).toEqual(['old@example.com']);
  });

  it('keeps a cell starting with = as a plain name, escaped in the page', async () => {
    const name = '=HYPERLINK("http://evil.example","<b>click</b>")';
    const csv = `"${name.replace(/"/g, '""')}",eve@example.com`;
    const shown = await preview({ csv });
    expect(shown.text).not.toContain('<b>click</b>');
    expect(await confirm(shown.text).then((r) => r.status)).toBe(303);
    const row = await ctx.db
      .selectFrom('invitations')
      .select('name')
      .where('email', '=', 'eve@example.com')
      .executeTakeFirstOrThrow();
    expect(row.name).toBe(name);
    const list = await agent.get(page);
    expect(list.text).toContain(
      '=HYPERLINK(&#34;http://evil.example&#34;,&#34;&lt;b&gt;click&lt;/b&gt;&#34;)',
    );
    expect(list.text).not.toContain('<b>click</b>');
  });
});

it('refuses a list for a draft with the plain reason on the candidates page', async () => {
  const draft = `/assessments/${await createAssessment(false)}/candidates`;
  const response = await preview({ csv: 'Ann Lee,ann@example.com' }, draft);
  expect(response.status).toBe(409);
  expect(response.text).toContain('Open the assessment before inviting candidates');
  expect(await invitedEmails()).toEqual([]);
  expect(await outboxCount()).toBe(0);
});
