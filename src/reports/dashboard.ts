import type { Candidate, CandidateStatus } from '../invitations/invitations.types';

/**
 * The assessment dashboard's figures, from the candidates as the candidates page lists them:
 * how far they got, how long they took, who passed, and the table sorted and filtered as asked.
 * Pure: no I/O, no clock.
 */

export interface PoolCandidate {
  candidate: Candidate;
  status: CandidateStatus;
}

export const FUNNEL_STAGES = ['invited', 'opened', 'started', 'completed', 'expired'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const FUNNEL_LABELS: Record<FunnelStage, string> = {
  invited: 'Invited',
  opened: 'Opened their link',
  started: 'Started',
  completed: 'Submitted',
  expired: 'Time ran out',
};

export interface FunnelStep {
  stage: FunnelStage;
  count: number;
  /** Share of everyone invited, 0..1. */
  share: number;
}

/** Each stage counts everyone who reached it, so a submitted candidate also opened and started. */
export function funnel(candidates: readonly PoolCandidate[]): FunnelStep[] {
  const reached: Record<FunnelStage, (c: PoolCandidate) => boolean> = {
    invited: () => true,
    opened: ({ candidate }) => candidate.openedAt !== null || candidate.attemptId !== null,
    started: ({ candidate }) => candidate.attemptId !== null,
    completed: ({ status }) => status === 'submitted',
    expired: ({ status }) => status === 'expired',
  };
  return FUNNEL_STAGES.map((stage) => {
    const count = candidates.filter(reached[stage]).length;
    return { stage, count, share: candidates.length ? count / candidates.length : 0 };
  });
}

/** How long an attempt took from start to its end, or null while it runs. */
export function attemptDuration(candidate: Candidate): number | null {
  if (candidate.startedAt === null || candidate.finishedAt === null) return null;
  return Math.max(0, candidate.finishedAt - candidate.startedAt);
}

/** The mean time of ended attempts in ms, or null when none has ended. */
export function averageDuration(candidates: readonly PoolCandidate[]): number | null {
  const durations = candidates.flatMap(({ candidate }) => {
    const ms = attemptDuration(candidate);
    return ms === null ? [] : [ms];
  });
  return durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : null;
}

export interface PassCount {
  skill: string;
  name: string;
  passThreshold: number;
  /** Candidates with a score for it. */
  scored: number;
  passed: number;
  /** Scores that may still change: essays wait for a grade. */
  provisional: number;
}

export function passCounts(
  skills: readonly { skill: string; name: string; passThreshold: number }[],
  candidates: readonly PoolCandidate[],
): PassCount[] {
  return skills.map(({ skill, name, passThreshold }) => {
    const results = candidates.flatMap(({ candidate }) => {
      const result = candidate.score?.skills.find((s) => s.skill === skill);
      return result ? [result] : [];
    });
    return {
      skill,
      name,
      passThreshold,
      scored: results.length,
      passed: results.filter((r) => r.passed).length,
      provisional: results.filter((r) => r.pending).length,
    };
  });
}

/**
 * Where one score stands among the other scores of the pool (which includes it). The pool is
 * sorted lowest first, so a report over 10,000 candidates counts by binary search.
 */
export function poolPosition(
  sortedPool: readonly number[],
  score: number,
): { others: number; below: number; same: number } {
  const below = countWhile(sortedPool, (s) => s < score);
  const notAbove = countWhile(sortedPool, (s) => s <= score);
  return {
    others: Math.max(0, sortedPool.length - 1),
    below,
    same: Math.max(0, notAbove - below - 1),
  };
}

/** How many leading items of a sorted list pass `test`, which holds for a prefix of it. */
function countWhile(sorted: readonly number[], test: (value: number) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (test(sorted[middle] as number)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/* Sorting and filtering the candidate table, from the query string. */

export type SortKey = 'name' | 'overall' | `skill:${string}`;
export type SortDirection = 'asc' | 'desc';

export interface TableView {
  sort: SortKey;
  dir: SortDirection;
  status: CandidateStatus | null;
  /** Only candidates with a score who passed (yes) or did not (no). */
  passed: 'yes' | 'no' | null;
}

/** Names read A to Z; scores best first. */
export const defaultDirection = (key: SortKey): SortDirection => (key === 'name' ? 'asc' : 'desc');

function sortValue({ candidate }: PoolCandidate, key: SortKey): number | string | null {
  if (key === 'name') return candidate.name.toLocaleLowerCase('en');
  if (!candidate.score) return null;
  if (key === 'overall') return candidate.score.overall.score;
  const skill = key.slice('skill:'.length);
  return candidate.score.skills.find((s) => s.skill === skill)?.score ?? null;
}

/** Filters then sorts; candidates without a value stay last in either direction. */
export function candidateTable(
  candidates: readonly PoolCandidate[],
  view: TableView,
): PoolCandidate[] {
  const sign = view.dir === 'asc' ? 1 : -1;
  return candidates
    .filter(({ status }) => view.status === null || status === view.status)
    .filter(({ candidate }) => {
      if (view.passed === null) return true;
      return candidate.score !== null && candidate.score.overall.passed === (view.passed === 'yes');
    })
    .map((row) => ({ row, value: sortValue(row, view.sort) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value !== b.value) return a.value === null ? 1 : -1;
      } else if (a.value !== b.value) {
        return (a.value < b.value ? -1 : 1) * sign;
      }
      return (
        a.row.candidate.name.localeCompare(b.row.candidate.name, 'en') ||
        a.row.candidate.id - b.row.candidate.id
      );
    })
    .map(({ row }) => row);
}

/** The query string of a column's sort link: a second click on the sorted column reverses it. */
export function sortHref(view: TableView, key: SortKey): string {
  const dir = key === view.sort ? (view.dir === 'asc' ? 'desc' : 'asc') : defaultDirection(key);
  return viewQuery({ ...view, sort: key, dir });
}

/** The query string of one page of the table, as sorted and filtered now. */
export function pageHref(view: TableView, page: number): string {
  return viewQuery(view, page);
}

function viewQuery(view: TableView, page = 1): string {
  const params = new URLSearchParams({ sort: view.sort, dir: view.dir });
  if (view.status) params.set('status', view.status);
  if (view.passed) params.set('passed', view.passed);
  if (page > 1) params.set('page', String(page));
  return `?${params.toString()}`;
}

/* Numbers as managers read them. */

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/**
 * A score cell: the percent, marked while essays wait for a grade; a dash when there is none.
 * The candidate table repeats it hundreds of times, so it is a function, not an EJS include
 * (each include copies every view local). Only fixed text and a number: nothing to escape.
 */
export function scoreCell(score: number | null | undefined, pending?: boolean | null): string {
  if (score === null || score === undefined) return '<span class="muted">—</span>';
  return pending
    ? `${percent(score)} <span class="status status-pending">provisional</span>`
    : percent(score);
}

/** "1 h 05 min", "23 min 10 s", "45 s". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  if (minutes) return `${minutes} min ${String(rest).padStart(2, '0')} s`;
  return `${rest} s`;
}
