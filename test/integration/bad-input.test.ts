import { csrfFrom, signedInAgent, type Agent } from '../helpers/agents';
import { importTestBanks } from '../helpers/assessment-fixtures';
import { createUser } from '../helpers/builders';
import { createTestContext, type TestContext } from '../helpers/test-app';

/**
 * The server never answers 500 to what a user sends: every state-changing route gets malformed
 * bodies (wrong types, arrays, huge and odd strings, missing fields) from a signed-in admin.
 */
let ctx: TestContext;
let admin: Agent;
let token: string;
let assessmentId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  await importTestBanks(ctx);
  const user = await createUser(ctx.db, { role: 'admin' });
  admin = await signedInAgent(ctx.app, user.email);
  token = csrfFrom((await admin.get('/')).text);
  assessmentId = await ctx.services.assessments.createFromDescription(
    { id: user.id, name: user.name, ip: '127.0.0.1' },
    user,
    {
      title: 'Fuzz',
      text: 'Requirements\n- Git and version control\n- REST APIs and HTTP status codes',
    },
  );
});
afterAll(() => ctx.close());

const ROUTES = [
  '/admin/users/invite',
  '/admin/users/1/role',
  '/admin/users/1/disable',
  '/banks/git/questions',
  '/banks/git/questions/git-001',
  '/banks/git/questions/git-001/duplicate',
  '/banks/git/questions/git-001/retire',
  '/assessments',
  '/assessments/:id/mapping',
  '/assessments/:id/settings',
  '/assessments/:id/collaborators',
  '/password/forgot',
  '/sign-in',
];

const BODIES: Record<string, unknown>[] = [
  {},
  { type: ['single', 'multiple'], id: ['a', 'b'], role: ['admin'], email: ['x@y.z', 'a@b.c'] },
  {
    type: 'single',
    id: 'git-900',
    difficulty: 'NaN',
    points: '-1e309',
    'options.0.text': '\u0000\u202e',
    correct: '99',
  },
  {
    type: 'numeric',
    id: 'git-901',
    difficulty: '3',
    prompt: 'x',
    answer: '1e999',
    tolerance: 'abc',
    alternatives: '1..: x\n::\n..',
  },
  {
    type: 'matching',
    id: 'git-902',
    difficulty: '3',
    prompt: 'x',
    'pairs.0.prompt': 'a',
    'pairs.9.answer': 'b',
    distractors: '\n\n',
  },
  { type: 'short_text', id: 'git-903', difficulty: '3', prompt: 'x', pattern: '(((', accepted: '' },
  {
    title: 'x'.repeat(5000),
    timeLimitMinutes: '1.5',
    difficultyMin: '0',
    difficultyMax: '9',
    'skills.git.questionCount': '1e3',
    'skills.__proto__.weight': '1',
    'skills.constructor.passThreshold': 'x',
  },
  {
    'line.0.primary': ['git', 'http-basics'],
    'line.99999.extra': 'git',
    'line.-1.primary': 'x',
    'line.0.drop': ['on', 'off'],
  },
  { description: '{{'.repeat(2000), title: '<script>alert(1)</script>' },
  { email: 'a'.repeat(300), password: 'p'.repeat(2000) },
];

describe('malformed input', () => {
  it.each(ROUTES)('never makes %s answer 500', async (route) => {
    const path = route.replace(':id', String(assessmentId));
    const failures: string[] = [];
    for (const body of BODIES) {
      const response = await admin
        .post(path)
        .type('form')
        .send({ ...body, _csrf: token });
      if (response.status >= 500)
        failures.push(`${response.status} for ${JSON.stringify(body).slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
  });

  it('never answers 500 to odd query strings and paths', async () => {
    const paths = [
      '/banks/git?type[]=single&difficulty=abc&q=%00&status=nope',
      '/banks/git?q=' + '%25'.repeat(500),
      '/admin/audit?page=-1&action[]=x',
      '/banks/%E0%A4%A/questions/x',
      '/assessments/1e999',
      `/assessments/${assessmentId}/collaborators/abc/remove`,
      '/banks/git/questions/new?type=essay&type=single',
    ];
    const failures: string[] = [];
    for (const path of paths) {
      const response = await admin.get(path);
      if (response.status >= 500) failures.push(`${path}: ${response.status}`);
    }
    expect(failures).toEqual([]);
  });
});
