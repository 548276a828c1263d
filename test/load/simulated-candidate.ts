import { CandidateClient } from '../helpers/candidate-client';

/** An answer the server said it saved: which candidate, which question (0-based position). */
export interface Acknowledged {
  invitationId: number;
  position: number;
}

export interface CandidateRun {
  acknowledged: Acknowledged[];
  completed: boolean;
  errors: string[];
  /** Milliseconds of every request this candidate made. */
  latencies: number[];
  /** The session cookie, to come back as the same candidate. */
  cookie: string;
}

export interface CandidatePlan {
  baseUrl: string;
  linkPath: string;
  invitationId: number;
  questions: number;
  /** Pause before each answer, drawn between these (ms): people read before they click. */
  thinkMs: [number, number];
  /** People open their email over a while, not all in the same second: up to this long (ms). */
  arrivalMs: number;
  random: () => number;
  /** Called after each acknowledged answer, e.g. to stop the server mid-way. */
  onAcknowledged?: () => void;
}

/**
 * One candidate in a browser without JavaScript, over real HTTP: opens the emailed link,
 * starts, answers every question with a valid answer read off the page's own form (autosave
 * with JSON, as quiz.js does), and submits. Failures are collected, not thrown, so one
 * candidate's trouble does not end the run.
 */
export async function runCandidate(plan: CandidatePlan): Promise<CandidateRun> {
  const client = new CandidateClient(plan.baseUrl);
  const run: CandidateRun = {
    acknowledged: [],
    completed: false,
    errors: [],
    latencies: [],
    cookie: '',
  };
  const timed = async (what: string, request: () => Promise<Response>, expected: number) => {
    const started = performance.now();
    const response = await request();
    run.latencies.push(performance.now() - started);
    if (response.status !== expected) throw new Error(`${what} answered ${response.status}`);
    return response;
  };
  try {
    await sleep(plan.random() * plan.arrivalMs);
    await timed('opening the link', () => client.get(plan.linkPath), 303);
    await timed('the landing page', () => client.get('/quiz'), 200);
    await timed('starting', () => client.post('/quiz/start', {}), 303);
    for (let n = 1; n <= plan.questions; n += 1) {
      const page = await timed(`question ${n}`, () => client.get(`/quiz/q/${n}`), 200);
      const fields = answerFor(await page.text(), plan.random);
      await sleep(plan.thinkMs[0] + plan.random() * (plan.thinkMs[1] - plan.thinkMs[0]));
      await timed(`saving question ${n}`, () => client.post(`/quiz/q/${n}`, fields, true), 200);
      run.acknowledged.push({ invitationId: plan.invitationId, position: n - 1 });
      plan.onAcknowledged?.();
    }
    await timed('submitting', () => client.post('/quiz/submit', {}), 303);
    run.completed = true;
  } catch (error) {
    run.errors.push(error instanceof Error ? error.message : String(error));
  }
  run.cookie = client.cookie;
  return run;
}

/** A valid answer to the question on this page, chosen among the controls the form shows. */
export function answerFor(html: string, random: () => number): [string, string][] {
  const values = (name: string) =>
    [...html.matchAll(new RegExp(`name="${name.replace('.', '\\.')}" value="([^"]*)"`, 'g'))].map(
      (match) => match[1] ?? '',
    );
  const pick = <T>(items: T[]): T | undefined => items[Math.floor(random() * items.length)];
  if (html.includes('name="choice"')) return [['choice', pick(values('choice')) ?? '0']];
  if (html.includes('name="choices"')) return [['choices', pick(values('choices')) ?? '0']];
  if (html.includes('name="value"')) return [['value', pick(['true', 'false']) ?? 'true']];
  if (html.includes('name="number"')) return [['number', String(Math.floor(random() * 100))]];
  if (html.includes('name="text"')) return [['text', 'An answer typed during the load test.']];
  const selects = [...html.matchAll(/<select id="match-\d+" name="([^"]+)"/g)].map((m) => m[1]);
  return selects.map((name) => [name ?? '', '0']);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The latency below which `share` of the samples fall. */
export function percentile(samples: number[], share: number): number {
  if (!samples.length) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}
