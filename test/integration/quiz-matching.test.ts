import { csrfFrom } from '../helpers/agents';
import { bankFile } from '../helpers/bank-files';
import { createUser } from '../helpers/builders';
import { candidateAgent } from '../helpers/candidate-fixtures';
import { sample } from '../helpers/questions';
import { createTestContext, type TestContext } from '../helpers/test-app';

let ctx: TestContext;
afterEach(() => ctx.close());

/** The answer list of the matching question as the candidate's first select shows it. */
function shownAnswers(html: string): string[] {
  const select = /<select id="match-0"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option value="\d+"[^>]*>([^<]*)<\/option>/g)].map((m) => m[1] ?? '');
}

describe('matching questions', () => {
  it('always shuffle the answer list, even when options are not shuffled, and score in the bank order', async () => {
    ctx = await createTestContext();
    const report = await ctx.services.banks.importFiles([
      bankFile({
        skill: 'http-basics',
        name: 'HTTP and REST',
        keywords: ['http', 'rest', 'status codes'],
        questions: [sample('matching', { id: 'http-match' })],
      }),
    ]);
    expect(report.applied).toBe(true);
    const owner = await createUser(ctx.db, { role: 'manager' });
    const actor = { id: owner.id, name: owner.name, ip: '127.0.0.1' };
    const id = await ctx.services.assessments.createFromDescription(actor, owner, {
      title: 'Status codes',
      text: 'Requirements\n- Designing REST APIs with correct HTTP status codes',
    });
    await ctx.services.assessments.saveSettings(actor, owner, id, {
      title: 'Status codes',
      timeLimitMinutes: 10,
      passThreshold: 60,
      difficultyMin: 1,
      difficultyMax: 5,
      shuffle: false,
      showResults: false,
      skills: [{ skill: 'http-basics', questionCount: 1, weight: 1, passThreshold: 60 }],
    });
    await ctx.services.assessments.open(actor, owner, id);

    const bankOrder = ['Unauthenticated', 'Forbidden', 'Not Found', 'Teapot'];
    const orders = new Set<string>();
    for (let i = 0; i < 12; i += 1) {
      const { link, invitation } = await ctx.services.invitations.invite(actor, owner, id, {
        name: `Candidate ${i}`,
        email: `c${i}@example.test`,
      });
      const agent = await candidateAgent(ctx, new URL(link).pathname);
      const practice = await agent.get('/quiz/practice');
      await agent
        .post('/quiz/start')
        .type('form')
        .send({ _csrf: csrfFrom(practice.text) });
      const page = await agent.get('/quiz/q/1');
      const shown = shownAnswers(page.text);
      expect([...shown].sort()).toEqual([...bankOrder].sort());
      orders.add(shown.join('|'));

      // Answer every item correctly through the shuffled list: the stored answer is in bank order.
      const fields: Record<string, string> = { _csrf: csrfFrom(page.text) };
      ['Unauthenticated', 'Forbidden', 'Not Found'].forEach((answer, item) => {
        fields[`match.${item}`] = String(shown.indexOf(answer));
      });
      await agent.post('/quiz/q/1').type('form').send(fields);
      const { questions } = await ctx.services.quiz.progress(invitation.id);
      expect(questions[0]?.response).toEqual({ type: 'matching', matches: [0, 1, 2] });
      expect([...(questions[0]?.matchOrder ?? [])].sort()).toEqual([0, 1, 2, 3]);
    }
    expect(orders.size).toBeGreaterThan(1);
  });
});
