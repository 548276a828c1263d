import { createUser } from '../helpers/builders';
import { csrfFrom, signedInAgent, submitForm, type Agent } from '../helpers/agents';
import {
  candidateAgent,
  inviteCandidate,
  openTestAssessment,
  type OpenAssessment,
} from '../helpers/candidate-fixtures';
import { ESSAY_ID, ESSAY_POINTS, openEssayAssessment, takeQuiz } from '../helpers/report-fixtures';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
let assessment: OpenAssessment;
let agent: Agent;

afterEach(() => ctx.close());

async function setUp(open: (ctx: TestContext) => Promise<OpenAssessment>) {
  ctx = await createTestContext();
  assessment = await open(ctx);
  agent = await signedInAgent(ctx.app, assessment.owner.email);
}

const base = () => `/assessments/${assessment.id}`;
const candidateOf = (invitationId: number) => `${base()}/candidates/${invitationId}`;
const reportOf = (invitationId: number) => `${candidateOf(invitationId)}/report`;

const emailOf = (name: string) => `${name.split(' ')[0]?.toLowerCase()}@example.test`;

async function invite(name: string, email = emailOf(name)): Promise<number> {
  return (await inviteCandidate(ctx, assessment, { name, email })).invitationId;
}

const auditOf = (action: string) =>
  ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

/** The text of a page without tags and with spaces folded, to read it as a person does. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

/** The names in the rows of the dashboard's candidate table, top to bottom. */
function tableNames(html: string): string[] {
  const table = /<table class="report-table">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  return [...table.matchAll(/<th scope="row"><a [^>]+>([^<]+)<\/a><\/th>/g)].map((m) => m[1] ?? '');
}

describe('scores in the reports', () => {
  beforeEach(() => setUp((c) => openTestAssessment(c)));

  it('scores 100% per skill for a candidate who answered every question with the key, 0% for one who answered nothing', async () => {
    const ace = await invite('Ace Keys');
    const blank = await invite('Bea Blank');
    await takeQuiz(ctx, ace, 'key');
    await takeQuiz(ctx, blank, 'blank');

    const aceReport = textOf((await agent.get(reportOf(ace))).text);
    expect(aceReport).toContain('100% Passed');
    expect(aceReport).toMatch(/Git and version control 100% \d+%–100% 60% Passed 2 questions/);
    const aceScore = await ctx.services.reports.candidateReport(
      assessment.owner,
      assessment.id,
      ace,
    );
    expect(aceScore.score?.skills.map((s) => [s.skill, s.score])).toEqual([
      ['git', 1],
      ['http-basics', 1],
    ]);
    expect(aceScore.score?.overall).toEqual({ score: 1, passed: true });

    const blankPage = await agent.get(reportOf(blank));
    expect(textOf(blankPage.text)).toContain('0% Not passed');
    const blankScore = await ctx.services.reports.candidateReport(
      assessment.owner,
      assessment.id,
      blank,
    );
    expect(blankScore.score?.skills.map((s) => s.score)).toEqual([0, 0]);
    expect(textOf(blankPage.text)).toContain('Not answered.');
  });
});

describe('the assessment dashboard', () => {
  beforeEach(() => setUp((c) => openTestAssessment(c)));

  it('counts the funnel, averages the time of ended attempts and shows the scores with a histogram', async () => {
    await invite('Ivy Invited');
    const opened = await inviteCandidate(ctx, assessment, {
      name: 'Otto Opened',
      email: 'otto@example.test',
    });
    await candidateAgent(ctx, opened.linkPath);
    const started = await invite('Sam Started');
    await ctx.services.quiz.start(started, { ip: '127.0.0.1', userAgent: 'jest' });
    await takeQuiz(ctx, await invite('Ace Keys'), 'key');
    await takeQuiz(ctx, await invite('Bea Blank'), 'blank');

    const page = await agent.get(`${base()}/report`);
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    expect(text).toContain('Invited 5 100%');
    expect(text).toContain('Opened their link 4 80%');
    expect(text).toContain('Started 3 60%');
    expect(text).toContain('Submitted 2 40%');
    expect(text).toContain('Time ran out 0 0%');
    // Ace took 5 minutes (four answers a minute apart, then submit), Bea 1 minute.
    expect(text).toContain('Ended attempts took 3 min 00 s on average');
    expect(text).toContain('2 scored, 1 passed the overall pass mark of 60%');
    expect(page.text).toMatch(/<svg class="chart histogram"[^>]*role="img"/);
    expect(text).toContain('Candidates per score range: 0–9%: 1; 90–100%: 1.');
    expect(text).toContain('90–100% 1');
    expect(text).toContain('Git and version control 60% 1 2 0');
  });

  it('sorts by overall and by each skill in either direction, and filters by status and result', async () => {
    await takeQuiz(ctx, await invite('Ace Keys'), 'key');
    await takeQuiz(ctx, await invite('Bea Blank'), 'blank');
    await invite('Ivy Invited');

    expect(tableNames((await agent.get(`${base()}/report`)).text)).toEqual([
      'Ace Keys',
      'Bea Blank',
      'Ivy Invited',
    ]);
    const ascending = await agent.get(`${base()}/report?sort=overall&dir=asc`);
    expect(tableNames(ascending.text)).toEqual(['Bea Blank', 'Ace Keys', 'Ivy Invited']);
    expect(ascending.text).toMatch(/aria-sort="ascending"><a href="\?sort=overall&amp;dir=desc">/);
    const bySkill = await agent.get(`${base()}/report?sort=skill:git&dir=asc`);
    expect(tableNames(bySkill.text)).toEqual(['Bea Blank', 'Ace Keys', 'Ivy Invited']);
    expect(tableNames((await agent.get(`${base()}/report?sort=name&dir=desc`)).text)).toEqual([
      'Ivy Invited',
      'Bea Blank',
      'Ace Keys',
    ]);

    expect(tableNames((await agent.get(`${base()}/report?passed=yes`)).text)).toEqual(['Ace Keys']);
    expect(tableNames((await agent.get(`${base()}/report?passed=no`)).text)).toEqual(['Bea Blank']);
    const invitedOnly = await agent.get(`${base()}/report?status=invited&passed=`);
    expect(tableNames(invitedOnly.text)).toEqual(['Ivy Invited']);
    expect(invitedOnly.text).toContain('<option value="invited" selected>');
  });

  it('refuses a sort or filter it does not offer with a plain 400', async () => {
    for (const query of [
      'sort=salary',
      'sort=skill:klingon',
      'dir=sideways',
      'status=hired',
      'passed=maybe',
      'status=invited&status=opened',
    ]) {
      const response = await agent.get(`${base()}/report?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.text).toMatch(
        /cannot be sorted or filtered that way|no such skill to sort by/,
      );
    }
  });

  it('links each candidate on the candidates page to their report and shows their score', async () => {
    const ace = await invite('Ace Keys');
    await takeQuiz(ctx, ace, 'key');
    const page = await agent.get(`${base()}/candidates`);
    expect(page.text).toContain(`<a href="${reportOf(ace)}">Ace Keys</a>`);
    expect(textOf(page.text)).toMatch(/4 \/ 4 100% Passed/);
    expect(page.text).toContain(`href="${base()}/report"`);
    expect((await agent.get(base())).text).toContain(`href="${base()}/report"`);
  });
});

describe('the candidate report', () => {
  beforeEach(() => setUp(openEssayAssessment));

  it('shows each answer as the candidate saw it, with their pick, the key, points and time', async () => {
    const ace = await invite('Ace Keys');
    await takeQuiz(ctx, ace, 'wrong');
    const page = await agent.get(reportOf(ace));
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    expect(text).toContain('Provisional');
    expect(text).toContain('Based on');
    expect(text).toContain('7 questions');
    expect(text).toContain('The line under each bar is the 90% interval');
    expect(text).toContain('These are signals, not proof');

    const attempt = await ctx.db
      .selectFrom('attempts')
      .select('id')
      .where('invitation_id', '=', ace)
      .executeTakeFirstOrThrow();
    const first = await ctx.db
      .selectFrom('attempt_questions')
      .selectAll()
      .where('attempt_id', '=', attempt.id)
      .where('position', '=', 0)
      .executeTakeFirstOrThrow();
    // The bank's options are 404 (the key), 403, 410, 400; the list follows the stored order.
    const bankTexts = ['404', '403', '410', '400'];
    const shown = (JSON.parse(first.option_order ?? '[]') as number[]).map((i) => bankTexts[i]);
    const article = /<article[^>]*id="question-1"[\s\S]*?<\/article>/.exec(page.text)?.[0] ?? '';
    const listed = [...article.matchAll(/<li[^>]*>\s*([^<\s]+)/g)].map((m) => m[1]);
    expect(listed).toEqual(shown);
    expect(textOf(article)).toMatch(/404 Correct/);
    expect(textOf(article)).toMatch(/403 Candidate's pick/);
    expect(textOf(article)).toContain('Points 0 of 1');
    expect(textOf(article)).toContain('Time spent 1 min 00 s');
    expect(textOf(article)).toContain('404 is Not Found');
  });

  it('makes the score final once the essay is graded, and audits the grade', async () => {
    const ace = await invite('Ace Keys');
    await takeQuiz(ctx, ace, 'key');
    const before = await ctx.services.reports.candidateReport(assessment.owner, assessment.id, ace);
    expect(before.score?.pending).toBe(true);
    const essay = before.questions.find((q) => q.questionId === ESSAY_ID);
    if (!essay) throw new Error('The essay was not drawn');
    const n = essay.position + 1;

    const page = await agent.get(reportOf(ace));
    expect(textOf(page.text)).toContain('Waiting for a grade');
    expect(page.text).toContain(`Points for question ${n} (0 to ${ESSAY_POINTS})`);
    const graded = await agent
      .post(`${candidateOf(ace)}/grade`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        position: String(essay.position),
        points: '5',
        comment: 'Complete.',
      });
    expect(graded.status).toBe(303);
    expect(graded.headers.location).toBe(`${reportOf(ace)}#question-${n}`);

    const after = await agent.get(reportOf(ace));
    const text = textOf(after.text);
    expect(text).toContain('Every essay is graded, so the scores are final.');
    expect(text).not.toContain('Provisional');
    expect(text).toContain('100% Passed');
    expect(text).toContain(`Graded: 5 of ${ESSAY_POINTS} points. Comment: Complete.`);
    const stored = await ctx.services.reports.candidateReport(assessment.owner, assessment.id, ace);
    expect(stored.score?.pending).toBe(false);
    expect(stored.score?.overall.score).toBe(1);
    const [entry] = await auditOf('essay.graded');
    expect(entry).toMatchObject({ actor_id: assessment.owner.id, subject_id: String(ace) });
    expect((await agent.get(`${base()}/grading`)).text).toContain('No essay waits for a grade');
  });

  it('refuses points outside 0..max beside the field and saves nothing', async () => {
    const ace = await invite('Ace Keys');
    await takeQuiz(ctx, ace, 'key');
    const report = await ctx.services.reports.candidateReport(assessment.owner, assessment.id, ace);
    const essay = report.questions.find((q) => q.questionId === ESSAY_ID);
    const position = String(essay?.position);
    for (const [points, message] of [
      ['9', `Give between 0 and ${ESSAY_POINTS} points.`],
      ['lots', 'Give the points as a number, like 3 or 2.5.'],
      ['', 'Give the points.'],
    ]) {
      const response = await submitForm(agent, reportOf(ace), `${candidateOf(ace)}/grade`, {
        position,
        points: points ?? '',
        comment: 'Typed comment',
      });
      expect(response.status).toBe(422);
      expect(response.text).toContain(message);
      expect(response.text).toContain('Typed comment');
      expect(response.text).toContain('was not saved');
    }
    expect(await ctx.db.selectFrom('essay_grades').selectAll().execute()).toEqual([]);
    const notAnEssay = await submitForm(agent, reportOf(ace), `${candidateOf(ace)}/grade`, {
      position: String(report.questions.find((q) => q.questionId !== ESSAY_ID)?.position),
      points: '1',
    });
    expect(notAnEssay.status).toBe(404);
    const nowhere = await submitForm(agent, reportOf(ace), `${candidateOf(ace)}/grade`, {
      position: 'first',
      points: '1',
    });
    expect(nowhere.status).toBe(404);
  });

  it('saves the decision with notes, shows who decided, and audits it', async () => {
    const ace = await invite('Ace Keys');
    const saved = await submitForm(agent, reportOf(ace), `${candidateOf(ace)}/decision`, {
      decision: 'advance',
      notes: 'Strong on HTTP.',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`${reportOf(ace)}#decision`);
    const page = textOf((await agent.get(reportOf(ace))).text);
    expect(page).toContain('Decision saved: Advance.');
    expect(page).toContain('Advance , by Olive Owner');
    expect(page).toContain('Strong on HTTP.');
    const row = await ctx.db
      .selectFrom('candidate_decisions')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      invitation_id: ace,
      decision: 'advance',
      notes: 'Strong on HTTP.',
    });
    const [entry] = await auditOf('candidate.decided');
    expect(entry).toMatchObject({ actor_id: assessment.owner.id, subject_id: String(ace) });
    expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({ decision: 'advance' });

    const refused = await submitForm(agent, reportOf(ace), `${candidateOf(ace)}/decision`, {
      decision: 'hire-now',
      notes: 'Changed my mind',
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Choose advance, hold or reject.');
    expect(refused.text).toContain('Changed my mind');
    expect(
      (await ctx.db.selectFrom('candidate_decisions').selectAll().execute())[0]?.decision,
    ).toBe('advance');
  });

  it('lists integrity signals by kind and time, as signals and not proof', async () => {
    const ace = await invite('Ace Keys');
    await ctx.services.quiz.start(ace, { ip: '127.0.0.1', userAgent: 'jest' });
    await ctx.services.quiz.recordEvent(ace, 'tab_hidden', 0);
    await ctx.services.quiz.recordEvent(ace, 'tab_hidden', 2);
    await ctx.services.quiz.recordEvent(ace, 'paste', 2);
    await takeQuiz(ctx, ace, 'key');
    const text = textOf((await agent.get(reportOf(ace))).text);
    expect(text).toContain('These are signals, not proof');
    expect(text).toContain('Left the tab: 2 times');
    expect(text).toContain('Pasted into an answer: once');
    expect(text).toMatch(/2026-01-05 09:00 Pasted into an answer 3/);
  });

  it('refuses to grade while the candidate is still answering, and saves nothing', async () => {
    const ace = await invite('Ace Keys');
    await ctx.services.quiz.start(ace, { ip: '127.0.0.1', userAgent: 'jest' });
    const report = await ctx.services.reports.candidateReport(assessment.owner, assessment.id, ace);
    const essay = report.questions.find((q) => q.questionId === ESSAY_ID);
    const response = await submitForm(agent, reportOf(ace), `${candidateOf(ace)}/grade`, {
      position: String(essay?.position),
      points: '3',
    });
    expect(response.status).toBe(409);
    expect(response.text).toContain('The candidate is still answering; grade once they finish.');
    expect(await ctx.db.selectFrom('essay_grades').selectAll().execute()).toEqual([]);
  });

  it('answers 404 for a candidate of another assessment or a malformed id', async () => {
    const other = await openTestAssessment(ctx);
    const stranger = await inviteCandidate(ctx, other, { email: 'stranger@example.test' });
    await ctx.services.assessments.addCollaborator(
      other.actor,
      other.owner,
      other.id,
      assessment.owner.email,
    );
    expect((await agent.get(reportOf(stranger.invitationId))).status).toBe(404);
    expect((await agent.get(`${base()}/candidates/abc/report`)).status).toBe(404);
  });
});

describe('comparing candidates', () => {
  beforeEach(() => setUp((c) => openTestAssessment(c)));

  it('shows two to four candidates side by side: a chart per skill and a table with intervals', async () => {
    const ace = await invite('Ace Keys');
    const bea = await invite('Bea Blank');
    const ivy = await invite('Ivy Invited');
    await takeQuiz(ctx, ace, 'key');
    await takeQuiz(ctx, bea, 'blank');
    const page = await agent.get(`${base()}/compare?c=${ace}&c=${bea}&c=${ivy}`);
    expect(page.status).toBe(200);
    expect(page.text.match(/<svg class="chart bar-chart"/g)).toHaveLength(3);
    const text = textOf(page.text);
    expect(text).toContain('Ace Keys: 100%, 90% interval');
    expect(text).toContain('Ivy Invited: no score yet');
    expect(text).toMatch(/Git and version control \(pass mark 60%\) 100% \(\d+%–100%\)/);
    const dashboard = await agent.get(`${base()}/report`);
    expect(dashboard.text).toContain(`action="${base()}/compare"`);
    expect(dashboard.text).toContain(`name="c" value="${ace}"`);
  });

  it('refuses fewer than 2 or more than 4 candidates with a plain 400', async () => {
    const ids: number[] = [];
    for (const name of ['Ann One', 'Ben Two', 'Cy Three', 'Di Four', 'Ed Five'])
      ids.push(await invite(name));
    for (const query of [
      `c=${ids[0]}`,
      ids.map((id) => `c=${id}`).join('&'),
      '',
      `c=${ids[0]}&c=${ids[0]}`,
      'c=first&c=second',
    ]) {
      const response = await agent.get(`${base()}/compare?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.text).toContain('Choose 2 to 4 candidates to compare');
    }
  });
});

describe('the grading queue', () => {
  beforeEach(() => setUp(openEssayAssessment));

  it('lists the essays waiting, each linking to the essay in the candidate report', async () => {
    const ace = await invite('Ace Keys');
    await invite('Ivy Invited');
    await takeQuiz(ctx, ace, 'key');
    const [essay] = await ctx.services.reports.essaysToGrade(assessment.owner, assessment.id);
    const page = await agent.get(`${base()}/grading`);
    expect(page.status).toBe(200);
    expect(textOf(page.text)).toContain('1 essay waits for a grade');
    expect(page.text).toContain(`href="${reportOf(ace)}#question-${(essay?.position ?? 0) + 1}"`);
    expect(textOf((await agent.get(`${base()}/report`)).text)).toContain(
      '1 essay waits for a grade',
    );
  });
});

describe('downloads', () => {
  beforeEach(() => setUp((c) => openTestAssessment(c)));

  const download = (path: string) =>
    agent
      .get(path)
      .buffer(true)
      .parse((res, done) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done(null, body));
      });

  it('candidates as CSV: a row per candidate, a column per skill, formulas defused, as an uncached attachment', async () => {
    const ace = await invite('=HYPERLINK("http://evil.test","Click")', 'evil@example.test');
    await takeQuiz(ctx, ace, 'key');
    await invite('Bea, "Blank"', 'bea@example.test');
    const response = await download(`${base()}/export/candidates.csv`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename=assessment-${assessment.id}-candidates.csv`,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    const lines = (response.body as string).replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe(
      'invitation_id,name,email,status,invited_at,started_at,finished_at,duration_seconds,overall_score,passed,provisional,score_git,score_http-basics',
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^\d+,"Bea, ""Blank""",bea@example\.test,invited,[\d-]+T[\d:.]+Z,,,,,,,,$/,
      ),
    );
    const evil = lines.find((line) => line.startsWith(`${ace},`));
    expect(evil).toMatch(
      /^\d+,"'=HYPERLINK\(""http:\/\/evil\.test"",""Click""\)",evil@example\.test,submitted,/,
    );
    expect(evil).toMatch(/,300,1,true,false,1,1$/);
    expect(lines.at(-1)).toBe('');
  });

  it('candidates as JSON: plain data with fractions and ISO times, names as typed', async () => {
    const ace = await invite('=HYPERLINK("http://evil.test")', 'evil@example.test');
    await takeQuiz(ctx, ace, 'key');
    const response = await agent.get(`${base()}/export/candidates.json`);
    expect(response.headers['content-disposition']).toContain('attachment');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      assessment: { id: assessment.id, title: 'Backend hire' },
      candidates: [
        expect.objectContaining({
          invitationId: ace,
          name: '=HYPERLINK("http://evil.test")',
          status: 'submitted',
          durationSeconds: 300,
          overall: 1,
          passed: true,
          provisional: false,
          skills: { git: 1, 'http-basics': 1 },
        }),
      ],
    });
  });

  it('responses as CSV and JSON: every question of ended attempts, answers in bank indexes, with points', async () => {
    const ace = await invite('Ace Keys');
    await takeQuiz(ctx, ace, 'key');
    await invite('Ivy Invited');
    const json = await agent.get(`${base()}/export/responses.json`);
    expect(json.headers['cache-control']).toBe('no-store');
    const records = json.body.responses as Record<string, unknown>[];
    expect(records).toHaveLength(4);
    expect(records[0]).toEqual({
      invitationId: ace,
      name: 'Ace Keys',
      email: 'ace@example.test',
      questionNumber: 1,
      questionId: expect.stringMatching(/^git-\d{3}$/),
      version: 1,
      skill: 'git',
      answer: { type: 'single', choice: 0 },
      pointsEarned: 1,
      pointsMax: 1,
    });
    const csv = await download(`${base()}/export/responses.csv`);
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename=assessment-${assessment.id}-responses.csv`,
    );
    const lines = (csv.body as string).replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe(
      'invitation_id,name,email,question_number,question_id,version,skill,answer,points_earned,points_max',
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^${ace},Ace Keys,ace@example.test,1,git-\\d{3},1,git,"{""type"":""single"",""choice"":0}",1,1$`,
      ),
    );
    expect(lines).toHaveLength(6);
  });
});

describe('authorization', () => {
  beforeEach(() => setUp(openEssayAssessment));

  it('gives another manager 404 on every report route, and changes nothing', async () => {
    const ace = await invite('Ace Keys');
    await takeQuiz(ctx, ace, 'key');
    const report = await ctx.services.reports.candidateReport(assessment.owner, assessment.id, ace);
    const essay = report.questions.find((q) => q.questionId === ESSAY_ID);
    const bea = await invite('Bea Blank');
    const other = await createUser(ctx.db, { role: 'manager', name: 'Nosy Neighbour' });
    const nosy = await signedInAgent(ctx.app, other.email);

    for (const path of [
      `${base()}/report`,
      `${base()}/report?sort=skill:git&dir=asc`,
      reportOf(ace),
      `${base()}/compare?c=${ace}&c=${bea}`,
      `${base()}/grading`,
      `${base()}/export/candidates.csv`,
      `${base()}/export/candidates.json`,
      `${base()}/export/responses.csv`,
      `${base()}/export/responses.json`,
    ]) {
      const response = await nosy.get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.text).not.toContain('Ace Keys');
    }
    const own = await nosy.get('/');
    for (const [action, fields] of [
      [`${candidateOf(ace)}/grade`, { position: String(essay?.position), points: '5' }],
      [`${candidateOf(ace)}/grade`, { position: String(essay?.position), points: 'lots' }],
      [`${candidateOf(ace)}/decision`, { decision: 'reject', notes: 'No.' }],
      [`${candidateOf(ace)}/decision`, { decision: 'maybe' }],
    ] as const) {
      const response = await nosy
        .post(action)
        .type('form')
        .send({ ...fields, _csrf: csrfFrom((await nosy.get('/assessments/new')).text) });
      expect({ action, status: response.status }).toEqual({ action, status: 404 });
    }
    expect(own.status).toBe(200);
    expect(await ctx.db.selectFrom('essay_grades').selectAll().execute()).toEqual([]);
    expect(await ctx.db.selectFrom('candidate_decisions').selectAll().execute()).toEqual([]);
    expect(await auditOf('essay.graded')).toEqual([]);
    expect(await auditOf('candidate.decided')).toEqual([]);
  });

  it('lets a collaborator read the reports', async () => {
    const colleague = await createUser(ctx.db, { role: 'manager', name: 'Cole League' });
    await ctx.services.assessments.addCollaborator(
      assessment.actor,
      assessment.owner,
      assessment.id,
      colleague.email,
    );
    const ace = await invite('Ace Keys');
    const peer = await signedInAgent(ctx.app, colleague.email);
    expect((await peer.get(`${base()}/report`)).status).toBe(200);
    expect((await peer.get(reportOf(ace))).status).toBe(200);
  });
});
