import { stem } from '../jd/text-normalize';

/**
 * Finds question prompts that ask nearly the same thing. Each prompt becomes a set of terms
 * (words and adjacent word pairs, after dropping Markdown syntax, splitting code identifiers and
 * stemming), weighted by TF-IDF over the whole library so that words every question uses ("which",
 * "code", "following") count little and the words that name the topic count most; two prompts
 * are compared by the cosine of their weight vectors (0: nothing in common, 1: the same terms in
 * the same proportions). Pure.
 */

/**
 * Pairs at or above this are reported. Set by reading the top pairs of the December 2026
 * library: its near-copies across banks (event-loop ordering scripts, a slow-query index, a
 * session store behind a load balancer, keyset pagination, refresh-token reuse, `Vary` behind a
 * CDN) score 0.30 to 0.64; most pairs below share only a topic or a code idiom.
 */
export const SIMILARITY_THRESHOLD = 0.3;

export interface PromptRef {
  id: string;
  skill: string;
  group?: string;
  prompt: string;
}

export interface SimilarPair {
  a: PromptRef;
  b: PromptRef;
  /** Cosine similarity, 0..1. */
  similarity: number;
}

/** Function words: they say nothing about what a question tests. */
const STOPWORDS = new Set(
  `a an the and or nor but of in on at to for from by with without within into onto over under
  between as such than then that this these those it its is are was were be been being am do does
  did done have has had having will would shall should can could may might must not no you your
  we our us they their them he she his her i me my who whom whose which what when where why how
  all any each every some more most other so too very also just only both either if else while
  because whether s t here there following below above one`.split(/\s+/),
);

/** Words of a prompt, normalised: code and Markdown reduced to the words they are made of. */
export function promptWords(prompt: string): string[] {
  const text = prompt
    // A link's target is an address, not wording: keep its text.
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    // Split code identifiers: sessionId -> session Id, HTTPServer -> HTTP Server.
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
  return (text.match(/[a-z0-9]+/g) ?? [])
    .filter((word) => word.length > 1 && !STOPWORDS.has(word))
    .map(stem);
}

/** Words and adjacent word pairs, with their counts. */
function termCounts(words: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (term: string) => counts.set(term, (counts.get(term) ?? 0) + 1);
  words.forEach((word, index) => {
    add(word);
    const next = words[index + 1];
    if (next !== undefined) add(`${word} ${next}`);
  });
  return counts;
}

/** TF-IDF vectors of the prompts, scaled to length 1 so a dot product is the cosine. */
function unitVectors(prompts: readonly string[]): Map<string, number>[] {
  const counts = prompts.map((prompt) => termCounts(promptWords(prompt)));
  const documentFrequency = new Map<string, number>();
  for (const terms of counts) {
    for (const term of terms.keys())
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const total = prompts.length;
  return counts.map((terms) => {
    const vector = new Map<string, number>();
    for (const [term, count] of terms) {
      const idf = Math.log((1 + total) / (1 + (documentFrequency.get(term) ?? 0))) + 1;
      vector.set(term, (1 + Math.log(count)) * idf);
    }
    const length = Math.sqrt([...vector.values()].reduce((sum, w) => sum + w * w, 0));
    if (length > 0) for (const [term, weight] of vector) vector.set(term, weight / length);
    return vector;
  });
}

function dot(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, weight] of small) sum += weight * (large.get(term) ?? 0);
  return sum;
}

/**
 * Pairs of prompts from different banks whose similarity reaches the threshold, most similar
 * first. Pairs that already share an exclusion group are left out: the draw keeps them apart.
 */
export function similarPrompts(
  refs: readonly PromptRef[],
  threshold: number = SIMILARITY_THRESHOLD,
): SimilarPair[] {
  const vectors = unitVectors(refs.map((ref) => ref.prompt));
  const pairs: SimilarPair[] = [];
  refs.forEach((a, i) => {
    for (let j = i + 1; j < refs.length; j += 1) {
      const b = refs[j] as PromptRef;
      if (a.skill === b.skill || (a.group !== undefined && a.group === b.group)) continue;
      const similarity = dot(vectors[i] as Map<string, number>, vectors[j] as Map<string, number>);
      if (similarity >= threshold) pairs.push({ a, b, similarity });
    }
  });
  return pairs.sort((x, y) => y.similarity - x.similarity || x.a.id.localeCompare(y.a.id));
}
