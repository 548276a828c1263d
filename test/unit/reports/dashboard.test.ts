import type { Candidate, CandidateStatus } from '../../../src/invitations/invitations.types';
import type { AttemptScore } from '../../../src/scoring/attempt-scoring';
import {
  averageDuration,
  candidateTable,
  formatDuration,
  funnel,
  passCounts,
  percent,
  poolPosition,
  scoreCell,
  sortHref,
  type PoolCandidate,
  type TableView,
} from '../../../src/reports/dashboard';

const MINUTE = 60_000;

function scoreOf(overall: number, git: number, pending = false): AttemptScore {
  return {
    questions: [],
    skills: [
      {
        skill: 'git',
        earned: 0,
        possible: 0,
        score: git,
        low: 0,
        high: 1,
        questions: 2,
        passed: git >= 0.6,
        pending,
      },
    ],
    overall: { score: overall, passed: overall >= 0.6 },
    pending,
  };
}

let nextId = 0;
function row(name: string, status: CandidateStatus, extra: Partial<Candidate> = {}): PoolCandidate {
  nextId += 1;
  const started = ['started', 'submitted', 'expired'].includes(status);
  const ended = status === 'submitted' || status === 'expired';
  return {
    status,
    candidate: {
      id: nextId,
      assessmentId: 1,
      name,
      email: `${name}@example.test`,
      extraTimePercent: 0,
      expiresAt: 0,
      createdAt: 0,
      openedAt: status === 'invited' ? null : 0,
      revokedAt: null,
      remindersSent: 0,
      accommodationKey: null,
      accommodationPercent: 0,
      attemptId: started ? nextId : null,
      attemptStatus: started ? (ended ? (status as 'submitted' | 'expired') : 'in_progress') : null,
      startedAt: started ? 0 : null,
      deadlineAt: null,
      finishedAt: ended ? 10 * MINUTE : null,
      answered: 0,
      total: 0,
      score: null,
      ...extra,
    },
  };
}

const pool = [
  row('Ann', 'submitted', { score: scoreOf(0.9, 0.5) }),
  row('Bo', 'submitted', { score: scoreOf(0.4, 1, true), finishedAt: 20 * MINUTE }),
  row('Cy', 'expired', { score: scoreOf(0.7, 0.8) }),
  row('Di', 'started'),
  row('Ed', 'opened'),
  row('Flo', 'invited'),
];

describe('the funnel', () => {
  it('counts everyone who reached each stage, out of everyone invited', () => {
    expect(funnel(pool).map((s) => [s.stage, s.count, Math.round(s.share * 100)])).toEqual([
      ['invited', 6, 100],
      ['opened', 5, 83],
      ['started', 4, 67],
      ['completed', 2, 33],
      ['expired', 1, 17],
    ]);
    expect(funnel([]).every((s) => s.count === 0 && s.share === 0)).toBe(true);
  });

  it('averages the time of ended attempts only', () => {
    expect(averageDuration(pool)).toBe(((10 + 20 + 10) * MINUTE) / 3);
    expect(averageDuration([row('Di', 'started')])).toBeNull();
  });
});

describe('pass counts', () => {
  it('counts per skill who has a score, who passed, and whose score is provisional', () => {
    expect(passCounts([{ skill: 'git', name: 'Git', passThreshold: 60 }], pool)).toEqual([
      { skill: 'git', name: 'Git', passThreshold: 60, scored: 3, passed: 2, provisional: 1 },
    ]);
  });
});

describe('the candidate table', () => {
  const view = (overrides: Partial<TableView> = {}): TableView => ({
    sort: 'overall',
    dir: 'desc',
    status: null,
    passed: null,
    ...overrides,
  });
  const names = (v: TableView) => candidateTable(pool, v).map((r) => r.candidate.name);

  it('sorts by overall score, best first by default, candidates without a score last', () => {
    expect(names(view())).toEqual(['Ann', 'Cy', 'Bo', 'Di', 'Ed', 'Flo']);
    expect(names(view({ dir: 'asc' }))).toEqual(['Bo', 'Cy', 'Ann', 'Di', 'Ed', 'Flo']);
  });

  it('sorts by a skill and by name', () => {
    expect(names(view({ sort: 'skill:git' }))).toEqual(['Bo', 'Cy', 'Ann', 'Di', 'Ed', 'Flo']);
    expect(names(view({ sort: 'name', dir: 'desc' }))).toEqual([
      'Flo',
      'Ed',
      'Di',
      'Cy',
      'Bo',
      'Ann',
    ]);
  });

  it('filters by status and by result', () => {
    expect(names(view({ status: 'submitted' }))).toEqual(['Ann', 'Bo']);
    expect(names(view({ passed: 'yes' }))).toEqual(['Ann', 'Cy']);
    expect(names(view({ passed: 'no' }))).toEqual(['Bo']);
  });

  it('links a column to its sort, reversing the sorted one and keeping the filters', () => {
    const current = view({ status: 'submitted', passed: 'yes' });
    expect(sortHref(current, 'overall')).toBe('?sort=overall&dir=asc&status=submitted&passed=yes');
    expect(sortHref(current, 'name')).toBe('?sort=name&dir=asc&status=submitted&passed=yes');
    expect(sortHref(view(), 'skill:git')).toBe('?sort=skill%3Agit&dir=desc');
  });
});

describe('numbers as managers read them', () => {
  it('places a score among the others of the pool', () => {
    expect(poolPosition([0.2, 0.5, 0.5, 0.9], 0.5)).toEqual({ others: 3, below: 1, same: 1 });
    expect(poolPosition([0.5], 0.5)).toEqual({ others: 0, below: 0, same: 0 });
    expect(poolPosition([0.1, 0.1, 0.1], 0.1)).toEqual({ others: 2, below: 0, same: 2 });
    expect(poolPosition([0, 0.3, 1], 1)).toEqual({ others: 2, below: 2, same: 0 });
  });

  it('counts the same as comparing with every score of a large sorted pool', () => {
    const pool = Array.from(
      { length: 1_001 },
      (_, i) => Math.round(((i * 37) % 101) / 4) / 25,
    ).sort((a, b) => a - b);
    for (const score of [pool[0]!, pool[500]!, pool[1_000]!, 0.52]) {
      expect(poolPosition(pool, score)).toEqual({
        others: 1_000,
        below: pool.filter((s) => s < score).length,
        same: Math.max(0, pool.filter((s) => s === score).length - 1),
      });
    }
  });

  it('writes percents and durations', () => {
    expect(percent(0.666)).toBe('67%');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(23 * MINUTE + 5_000)).toBe('23 min 05 s');
    expect(formatDuration(65 * MINUTE)).toBe('1 h 05 min');
  });

  it('writes a score cell: a percent, provisional while essays wait, a dash without a score', () => {
    expect(scoreCell(0.804)).toBe('80%');
    expect(scoreCell(0.5, true)).toBe('50% <span class="status status-pending">provisional</span>');
    expect(scoreCell(0, false)).toBe('0%');
    expect(scoreCell(null)).toBe('<span class="muted">—</span>');
  });
});
