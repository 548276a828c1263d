import {
  promptWords,
  SIMILARITY_THRESHOLD,
  similarPrompts,
  type PromptRef,
} from '../../../src/banks/prompt-similarity';

const fixation =
  'After login the `connect.sid` cookie keeps the value it had before login. Which change ' +
  'stops an attacker who planted that session ID from being logged in as the victim?';
const fixationReworded =
  'A pen test finds the `connect.sid` value unchanged before and after login. Which change ' +
  'stops session fixation by an attacker who planted the session ID?';

/** A small library: a near-duplicate pair across banks, and unrelated prompts that share words. */
const library: PromptRef[] = [
  { id: 'auth-001', skill: 'authn-authz', prompt: fixation },
  { id: 'sm-001', skill: 'session-management', prompt: fixationReworded },
  {
    id: 'git-001',
    skill: 'git',
    prompt: 'Which command shows where `feature` pointed before the rebase?',
  },
  {
    id: 'sql-001',
    skill: 'schema-design',
    prompt: 'Which index makes `WHERE customer_id = $1 ORDER BY created_at DESC` fast?',
  },
  {
    id: 'perf-001',
    skill: 'performance',
    prompt: 'Which change makes this login handler answer faster under load?',
  },
];

describe('prompt similarity', () => {
  it('reduces code and Markdown to stemmed words, without function words or link targets', () => {
    expect(
      promptWords('Call **`req.session.regenerate()`** in [the docs](https://x.test/a)'),
    ).toEqual(['cal', 'req', 'session', 'regenerat', 'doc']);
    expect(promptWords('sessionId and HTTPServer')).toEqual(['session', 'id', 'http', 'serv']);
  });

  it('reports a reworded copy in another bank, and nothing else', () => {
    const pairs = similarPrompts(library);
    expect(pairs.map((p) => [p.a.id, p.b.id])).toEqual([['auth-001', 'sm-001']]);
    expect(pairs[0]?.similarity).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
    expect(pairs[0]?.similarity).toBeLessThan(1);
  });

  it('scores identical prompts 1 and unrelated ones near 0', () => {
    const same = similarPrompts(
      [
        { id: 'a', skill: 'x', prompt: fixation },
        { id: 'b', skill: 'y', prompt: fixation },
        { id: 'c', skill: 'z', prompt: 'How many bits are in a byte?' },
      ],
      0,
    );
    expect(same[0]?.similarity).toBeCloseTo(1, 10);
    expect(same.find((p) => p.b.id === 'c')?.similarity).toBe(0);
  });

  it('leaves out pairs already in one exclusion group, and pairs within one bank', () => {
    const grouped = library.map((ref) =>
      ref.id === 'auth-001' || ref.id === 'sm-001' ? { ...ref, group: 'session-fixation' } : ref,
    );
    expect(similarPrompts(grouped)).toEqual([]);
    const oneBank = library.map((ref) => ({ ...ref, skill: 'web' }));
    expect(similarPrompts(oneBank)).toEqual([]);
  });
});
