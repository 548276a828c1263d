import { seededRng } from '../../../src/assessments/draw';
import type { Question } from '../../../src/banks/question.schemas';
import {
  displayOrder,
  drawAttempt,
  presentQuestion,
  type DrawnQuestion,
  type PoolQuestion,
  type SkillPool,
} from '../../../src/quiz/attempt-draw';
import { matchingAnswerList } from '../../../src/scoring/question-scoring';
import { sample } from '../../helpers/questions';

function poolOf(prefix: string, size: number, question: Question = sample('single')) {
  return Array.from({ length: size }, (_, i): PoolQuestion => ({
    id: `${prefix}-${i}`,
    version: 1,
    question,
    exposure: 0,
  }));
}

function draw(skills: SkillPool[], seed: number, shuffleOptions = true): DrawnQuestion[] {
  return drawAttempt({ skills, shuffleOptions, rng: seededRng(seed) });
}

const seeds = Array.from({ length: 200 }, (_, i) => i + 1);
const isIdentity = (order: readonly number[]) => order.every((value, index) => value === index);
const sorted = (order: readonly number[]) => [...order].sort((a, b) => a - b);

describe('drawing an attempt', () => {
  const skills = [
    { skill: 'git', count: 3, questions: poolOf('git', 10) },
    { skill: 'sql', count: 2, questions: poolOf('sql', 10) },
  ];

  it('draws the requested number of questions per skill, skills in the given order', () => {
    const drawn = draw(skills, 1);
    expect(drawn.map((d) => d.skill)).toEqual(['git', 'git', 'git', 'sql', 'sql']);
    expect(drawn.map((d) => d.position)).toEqual([0, 1, 2, 3, 4]);
    drawn.forEach((d) => expect(d.questionId.startsWith(`${d.skill}-`)).toBe(true));
  });

  it('is reproducible with the same seed and differs across seeds', () => {
    expect(draw(skills, 7)).toEqual(draw(skills, 7));
    expect(draw(skills, 7)).not.toEqual(draw(skills, 8));
  });

  it('draws the whole pool when it is smaller than asked, never more', () => {
    const drawn = draw([{ skill: 'git', count: 8, questions: poolOf('git', 3) }], 2);
    expect(drawn.map((d) => d.questionId).sort()).toEqual(['git-0', 'git-1', 'git-2']);
  });

  it('never draws a question twice, even when pools repeat it', () => {
    const shared = poolOf('shared', 4);
    for (const seed of seeds.slice(0, 50)) {
      const drawn = draw(
        [
          { skill: 'git', count: 4, questions: [...shared, ...shared] },
          { skill: 'sql', count: 4, questions: shared },
        ],
        seed,
      );
      const ids = drawn.map((d) => d.questionId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(4);
    }
  });

  it('keeps the version of each drawn question', () => {
    const questions = poolOf('git', 2).map((q, i) => ({ ...q, version: i + 3 }));
    const drawn = draw([{ skill: 'git', count: 2, questions }], 3);
    const versions = Object.fromEntries(drawn.map((d) => [d.questionId, d.version]));
    expect(versions).toEqual({ 'git-0': 3, 'git-1': 4 });
  });
});

describe('spreading exposure', () => {
  const exposures = [9, 4, 0, 7, 0, 2, 0, 5];
  const questions = poolOf('q', exposures.length).map((q, i) => ({
    ...q,
    exposure: exposures[i] as number,
  }));

  it('prefers the questions shown least often', () => {
    for (const seed of seeds.slice(0, 50)) {
      const ids = draw([{ skill: 's', count: 4, questions }], seed).map((d) => d.questionId);
      expect(ids.sort()).toEqual(['q-2', 'q-4', 'q-5', 'q-6']);
    }
  });

  it('picks at random among questions shown equally often', () => {
    const picked = new Map<string, number>();
    for (const seed of seeds) {
      const [first] = draw([{ skill: 's', count: 1, questions }], seed);
      const id = first?.questionId as string;
      picked.set(id, (picked.get(id) ?? 0) + 1);
    }
    expect([...picked.keys()].sort()).toEqual(['q-2', 'q-4', 'q-6']);
    [...picked.values()].forEach((count) => expect(count).toBeGreaterThan(30));
  });

  it('shows the drawn questions of a skill in random order, not least shown first', () => {
    const firsts = new Set<string>();
    const pool = questions.map((q) => (q.id === 'q-5' ? q : { ...q, exposure: 0 }));
    for (const seed of seeds.slice(0, 50)) {
      firsts.add(draw([{ skill: 's', count: 8, questions: pool }], seed)[0]?.questionId ?? '');
    }
    expect(firsts.has('q-5')).toBe(true);
  });
});

describe('preferring questions on a framework the description names', () => {
  const django = sample('single', { tags: ['django', 'orm'] });
  const plain = sample('single', { tags: ['asyncio'] });
  const questions = [...poolOf('dj', 2, django), ...poolOf('py', 8, plain)];
  const pool = (exposed: Record<string, number> = {}): SkillPool => ({
    skill: 'python',
    count: 3,
    preferredTags: ['django'],
    questions: questions.map((q) => ({ ...q, exposure: exposed[q.id] ?? 0 })),
  });
  const drawnIds = (skill: SkillPool, seed: number) => draw([skill], seed).map((d) => d.questionId);

  it('draws them first among questions shown equally often, still to the count', () => {
    for (const seed of seeds.slice(0, 50)) {
      const ids = drawnIds(pool(), seed);
      expect(ids).toHaveLength(3);
      expect(ids).toEqual(expect.arrayContaining(['dj-0', 'dj-1']));
    }
  });

  it('keeps drawing them while they have been shown less than three times as often', () => {
    const shownTwice = pool({ 'dj-0': 2, 'dj-1': 2, 'py-0': 1, 'py-1': 1 });
    for (const seed of seeds.slice(0, 50)) {
      expect(drawnIds(shownTwice, seed)).toEqual(expect.not.arrayContaining(['py-0', 'py-1']));
    }
    const shownOften = pool({ 'dj-0': 6, 'dj-1': 6 });
    for (const seed of seeds.slice(0, 50)) {
      expect(drawnIds(shownOften, seed)).toEqual(expect.not.arrayContaining(['dj-0', 'dj-1']));
    }
  });

  it('prefers nothing without preferred tags', () => {
    const firsts = new Set<string>();
    for (const seed of seeds) {
      const [first] = draw([{ ...pool(), count: 1, preferredTags: [] }], seed);
      firsts.add(first?.questionId ?? '');
    }
    expect([...firsts].filter((id) => id.startsWith('py-')).length).toBeGreaterThan(4);
  });

  it('still draws at most one question of a group', () => {
    const grouped = pool();
    const sameGroup = grouped.questions.map((q) =>
      q.id.startsWith('dj-') ? { ...q, question: { ...q.question, group: 'django-orm' } } : q,
    );
    for (const seed of seeds.slice(0, 50)) {
      const ids = drawnIds({ ...grouped, questions: sameGroup }, seed);
      expect(ids.filter((id) => id.startsWith('dj-'))).toHaveLength(1);
      expect(ids).toHaveLength(3);
    }
  });
});

describe('exclusion groups', () => {
  /** `groups[i]` is the group of `<prefix>-<i>`; undefined leaves the question ungrouped. */
  function grouped(prefix: string, groups: (string | undefined)[]): PoolQuestion[] {
    return poolOf(prefix, groups.length).map((q, i) => ({
      ...q,
      question: { ...q.question, group: groups[i] },
    }));
  }
  const ungrouped = (pool: PoolQuestion[]) =>
    pool.map((q) => ({ ...q, question: { ...q.question, group: undefined } }));
  const groupsDrawn = (skills: SkillPool[], drawn: DrawnQuestion[]) => {
    const byId = new Map(skills.flatMap((s) => s.questions).map((q) => [q.id, q.question.group]));
    return drawn.map((d) => byId.get(d.questionId)).filter((g): g is string => g !== undefined);
  };
  const repeats = (groups: string[]) => groups.length - new Set(groups).size;

  it('draws at most one question of a group within a bank', () => {
    const skills = [
      {
        skill: 'web',
        count: 3,
        questions: grouped('web', ['fixation', 'fixation', 'fixation', undefined, undefined]),
      },
    ];
    for (const seed of seeds) {
      const drawn = draw(skills, seed);
      expect(drawn).toHaveLength(3);
      expect(repeats(groupsDrawn(skills, drawn))).toBe(0);
    }
    // The same seeds without the groups draw two or more of those three questions.
    const plain = [{ ...skills[0]!, questions: ungrouped(skills[0]!.questions) }];
    const fixationIds = ['web-0', 'web-1', 'web-2'];
    const violations = seeds.filter(
      (seed) => draw(plain, seed).filter((d) => fixationIds.includes(d.questionId)).length > 1,
    );
    expect(violations.length).toBeGreaterThan(50);
  });

  it('draws at most one question of a group that spans banks, the earlier bank first', () => {
    const skills = [
      { skill: 'authn', count: 2, questions: grouped('authn', ['fixation', 'loop', undefined]) },
      { skill: 'session', count: 2, questions: grouped('session', ['fixation', undefined]) },
      { skill: 'node', count: 2, questions: grouped('node', ['loop', 'loop', undefined]) },
    ];
    let violationsWithout = 0;
    for (const seed of seeds) {
      const drawn = draw(skills, seed);
      expect(repeats(groupsDrawn(skills, drawn))).toBe(0);
      const plain = skills.map((s) => ({ ...s, questions: ungrouped(s.questions) }));
      if (repeats(groupsDrawn(skills, draw(plain, seed))) > 0) violationsWithout += 1;
    }
    expect(violationsWithout).toBeGreaterThan(100);
  });

  it('gives a bank fewer questions when the rest share a group already drawn', () => {
    const skills = [
      { skill: 'authn', count: 1, questions: grouped('authn', ['fixation']) },
      { skill: 'session', count: 2, questions: grouped('session', ['fixation', undefined]) },
    ];
    for (const seed of seeds.slice(0, 20)) {
      expect(draw(skills, seed).map((d) => d.questionId)).toEqual(['authn-0', 'session-1']);
    }
  });

  it('still prefers the least shown question of a group', () => {
    const questions = grouped('q', ['loop', 'loop', 'loop']).map((q, i) => ({
      ...q,
      exposure: [5, 0, 3][i] as number,
    }));
    for (const seed of seeds.slice(0, 20)) {
      expect(draw([{ skill: 's', count: 3, questions }], seed).map((d) => d.questionId)).toEqual([
        'q-1',
      ]);
    }
  });
});

describe('option order', () => {
  const choiceSkills = [
    { skill: 'a', count: 1, questions: poolOf('single', 1, sample('single')) },
    { skill: 'b', count: 1, questions: poolOf('multiple', 1, sample('multiple')) },
  ];

  it('is a permutation of the original option indexes', () => {
    for (const seed of seeds) {
      for (const drawn of draw(choiceSkills, seed)) {
        expect(sorted(drawn.optionOrder ?? [])).toEqual([0, 1, 2, 3]);
        expect(drawn.matchOrder).toBeNull();
      }
    }
  });

  it('is shuffled when the assessment shuffles options', () => {
    const orders = seeds.map((seed) => draw(choiceSkills, seed)[0]?.optionOrder ?? []);
    expect(orders.some((order) => !isIdentity(order))).toBe(true);
    expect(new Set(orders.map((order) => order.join())).size).toBe(24);
  });

  it('keeps the bank order when the assessment does not shuffle', () => {
    for (const seed of seeds.slice(0, 20)) {
      for (const drawn of draw(choiceSkills, seed, false)) {
        expect(drawn.optionOrder).toEqual([0, 1, 2, 3]);
      }
    }
  });

  it('is absent for questions without options', () => {
    const types = ['true_false', 'short_text', 'numeric', 'essay'] as const;
    const drawn = draw(
      types.map((type) => ({ skill: type, count: 1, questions: poolOf(type, 1, sample(type)) })),
      4,
    );
    drawn.forEach((d) => expect([d.optionOrder, d.matchOrder]).toEqual([null, null]));
  });
});

describe('matching answer order', () => {
  const matching = sample('matching');
  const drawMatching = (question: Question, seed: number, shuffleOptions: boolean) =>
    draw([{ skill: 'm', count: 1, questions: poolOf('m', 1, question) }], seed, shuffleOptions)[0]
      ?.matchOrder ?? [];

  it('covers every answer and distractor once', () => {
    for (const seed of seeds) {
      expect(sorted(drawMatching(matching, seed, true))).toEqual([0, 1, 2, 3]);
    }
  });

  it('lists an answer shared by two items once', () => {
    const shared = sample('matching', {
      pairs: [
        { prompt: '301', answer: 'Redirect' },
        { prompt: '302', answer: 'Redirect' },
        { prompt: '404', answer: 'Not Found' },
      ],
      distractors: [],
    });
    expect(sorted(drawMatching(shared, 1, true))).toEqual([0, 1]);
  });

  it('is shuffled even when the assessment does not shuffle options', () => {
    const orders = seeds.map((seed) => drawMatching(matching, seed, false));
    expect(orders.every(isIdentity)).toBe(false);
    expect(new Set(orders.map((order) => order.join())).size).toBe(24);
  });

  it('does not keep the key order of a two-item list for every candidate', () => {
    const pair = sample('matching', {
      pairs: [
        { prompt: 'GET', answer: 'Safe' },
        { prompt: 'POST', answer: 'Not safe' },
      ],
      distractors: [],
    });
    const orders = seeds.map((seed) => drawMatching(pair, seed, false).join());
    expect(orders.every((order) => order === '0,1')).toBe(false);
    expect(new Set(orders)).toEqual(new Set(['0,1', '1,0']));
  });
});

describe('presenting a question', () => {
  const base = { questionId: 'q', version: 1, skill: 's', position: 0 };

  it('shows options in the drawn order', () => {
    const shown = presentQuestion(sample('single'), {
      ...base,
      optionOrder: [2, 0, 3, 1],
      matchOrder: null,
    });
    expect(shown.choices).toEqual(['410', '404', '400', '403']);
    expect(shown.items).toEqual([]);
  });

  it('shows the matching items in bank order and the answers in the drawn order', () => {
    const question = sample('matching');
    const shown = presentQuestion(question, {
      ...base,
      optionOrder: null,
      matchOrder: [3, 1, 0, 2],
    });
    expect(shown.items).toEqual(['401', '403', '404']);
    const answers = question.type === 'matching' ? matchingAnswerList(question) : [];
    expect(shown.choices).toEqual([answers[3], answers[1], answers[0], answers[2]]);
    expect(shown.choices).toEqual(['Teapot', 'Forbidden', 'Unauthenticated', 'Not Found']);
  });

  it('gives the candidate no key, explanation or rubric', () => {
    const single = presentQuestion(sample('single'), {
      ...base,
      optionOrder: [0, 1, 2, 3],
      matchOrder: null,
    });
    const essay = presentQuestion(sample('essay'), {
      ...base,
      optionOrder: null,
      matchOrder: null,
    });
    expect(Object.keys(single).sort()).toEqual(['choices', 'items', 'points', 'prompt', 'type']);
    expect(JSON.stringify(single)).not.toMatch(/correct|explanation|RFC/);
    expect(JSON.stringify(essay)).not.toMatch(/rubric|entropy/);
    expect(essay).toEqual({
      type: 'essay',
      prompt: 'Design a password reset flow.',
      points: 5,
      choices: [],
      items: [],
    });
  });

  it('refuses a stored order that does not fit the question version', () => {
    const drawn = { ...base, optionOrder: [0, 1, 2], matchOrder: null };
    expect(() => presentQuestion(sample('single'), drawn)).toThrow(/does not fit 4 choices/);
    expect(() => displayOrder([0, 0, 1], 3)).toThrow();
    expect(() => displayOrder([0, 1, 3], 3)).toThrow();
    expect(displayOrder(null, 3)).toEqual([0, 1, 2]);
  });
});
