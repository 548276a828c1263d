import { parseJobDescription, type JdLine } from './jd-parser';
import { stem } from './text-normalize';

/**
 * Ranks question banks for a skill line by the words they share: bank keywords (phrases weigh
 * more than single words), name and description words, after stemming, acronyms and a synonym
 * table. Words that many banks share weigh less (IDF). Every score is a sum of visible term
 * weights, and `why` lists the line's words that earned it. Pure and deterministic.
 */

export interface BankTerms {
  slug: string;
  name: string;
  description: string;
  keywords: string[];
}

export interface JdMatch {
  skill: string;
  /** The sum of the matched terms' weights, rounded to 2 decimals. */
  score: number;
  /** The words of the line that matched, as written there (lower-cased), in line order. */
  why: string[];
}

export interface MatchedLine extends JdLine {
  matches: JdMatch[];
  unmatched: boolean;
}

/** Base weights by where a term comes from; multiplied by the term's IDF. */
const WEIGHT = {
  keyword: 1,
  /** Added per extra word of a keyword phrase, up to keywordPhraseMax. */
  keywordPhraseWord: 0.6,
  keywordPhraseMax: 2.2,
  nameBigram: 1.5,
  nameWord: 0.7,
  /** One word of a multi-word keyword ("transformation" of "data transformation"). */
  keywordPart: 0.4,
  description: 0.25,
  /** A synonym of a bank term counts a little less than the term itself. */
  synonym: 0.9,
  /** A phrase is worth at least its words on their own, plus this per extra word. */
  phraseBonus: 0.2,
};
/**
 * Below this a line is unmatched. A bank also needs an anchor (a whole keyword or name phrase):
 * loose words from its description or from inside its phrases only add support.
 */
const MIN_SCORE = 0.5;
/** A second or third bank must score at least this fraction of the best. */
const FRACTION_OF_BEST = 0.35;
const MAX_MATCHES = 3;

export function createMatcher(banks: BankTerms[]): { match(text: string): JdMatch[] } {
  const index = buildIndex(banks);
  return { match: (text) => matchLine(index, text) };
}

/** Parses and matches; prose sentences that match nothing are dropped, other lines are kept. */
export function analyzeJobDescription(text: string, banks: BankTerms[]): MatchedLine[] {
  const matcher = createMatcher(banks);
  return parseJobDescription(text)
    .map((line) => {
      const matches = matcher.match(line.text);
      return { ...line, matches, unmatched: matches.length === 0 };
    })
    .filter((line) => !(line.fromProse && line.unmatched))
    .map((line, position) => ({ ...line, position }));
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** Function words and the filler of job ads ("strong understanding of"): never evidence. */
const STOPWORDS = new Set(
  `a an the and or nor but of in on at to for from by with without within into onto over under
  between among across through via as such like than then that this these those it its is are
  was were be been being am do does did done have has had having will would shall should can
  could may might must not no yes you your yours we our us they their them he she his her i me my
  who whom whose which what when where why how all any each every some more most other others
  own same so too very also just only both either neither etc eg ie e g vs versus per up out
  about if else while because whether ll ve re s t d m one well
  understanding understand knowledge knowledgeable experience experienced proficient
  proficiency familiarity familiar good great strong solid deep basic excellent advanced expert
  expertise ability able skill skills skilled year years including include includes using use
  used required requirement requirements preferred nice bonus least minimum demonstrated proven
  hands practical relevant similar various multiple specific candidate ideally know knowing
  comfortable capable effective effectively plus new`.split(/\s+/),
);

/**
 * Everyday words that are also tool names. In a job description they count only when written
 * as a name ("LESS", or "Express" inside a sentence); bank keywords always count.
 */
const AMBIGUOUS = new Set(['less', 'go', 'express', 'rust', 'swift', 'spring', 'chef', 'puppet']);

/** Abbreviations that stand for one word, rewritten before stemming. */
const WORD_ALIASES = new Map<string, string>([
  ['k8s', 'kubernetes'],
  ['js', 'javascript'],
  ['ts', 'typescript'],
  ['db', 'database'],
  ['dbs', 'database'],
  ['authn', 'authentication'],
  ['authz', 'authorization'],
  ['auth', 'authentication'],
  ['a11y', 'accessibility'],
  ['postgres', 'postgresql'],
  ['golang', 'go'],
  ['ssl', 'tls'],
]);

/** Word pairs written together, apart or hyphenated ("front-end", "front end", "frontend"). */
const COMPOUNDS = new Map<string, string>([
  ['front end', 'frontend'],
  ['back end', 'backend'],
  ['full stack', 'fullstack'],
  ['real time', 'realtime'],
  ['e mail', 'email'],
  ['web site', 'website'],
  ['data base', 'database'],
  ['code base', 'codebase'],
  ['dev ops', 'devops'],
  ['java script', 'javascript'],
  ['type script', 'typescript'],
]);

/**
 * Phrases that mean the same; a bank holding one of them is also found by the others. Groups
 * are symmetric, so list only true equivalents.
 */
const SYNONYM_GROUPS: string[][] = [
  ['git', 'vcs', 'version control', 'code versioning', 'source control', 'revision control'],
  ['owasp', 'security principles', 'secure coding', 'application security', 'appsec'],
  ['session management', 'sticky sessions', 'session affinity', 'session handling'],
  ['authentication', 'login', 'sign in', 'log in'],
  ['authorization', 'access control', 'permissions'],
  ['sso', 'single sign-on'],
  ['mfa', 'multi-factor authentication', '2fa', 'two-factor authentication'],
  ['iam', 'identity and access management'],
  ['jwt', 'json web token'],
  ['xss', 'cross-site scripting'],
  ['csrf', 'xsrf', 'cross-site request forgery'],
  ['ci', 'continuous integration', 'ci pipeline'],
  ['cd', 'continuous delivery', 'continuous deployment'],
  ['e2e', 'end-to-end testing'],
  ['tdd', 'test-driven development'],
  ['automated testing', 'test automation', 'automated tests'],
  ['dba', 'database administration', 'database administrator'],
  ['rdbms', 'relational database'],
  ['ssr', 'server-side rendering'],
  ['schema design', 'database schema', 'database design', 'data modeling'],
  ['data integration', 'data sources', 'system integration'],
  ['output formats', 'data formats', 'file formats'],
  ['responsive design', 'mobile vs desktop', 'mobile and desktop', 'cross-device'],
  ['performance optimization', 'performance tuning', 'speed optimization'],
  ['data protection', 'data privacy'],
  ['frontend', 'client-side'],
  ['kubernetes', 'container orchestration'],
];

// ---------------------------------------------------------------------------------------------
// Tokens

interface Token {
  stem: string;
  /** Character span in the text, to quote the words back in `why`. */
  start: number;
  end: number;
  /** Follows punctuation or a dropped word: a name phrase does not run across it. */
  afterGap: boolean;
}

interface Word {
  text: string;
  start: number;
  end: number;
  /** As written, for telling "LESS" the tool from "less" the word. */
  original: string;
  afterPunctuation: boolean;
}

const WORD_PATTERN = /[\p{L}\p{N}]+(?:[.+#'’/-][\p{L}\p{N}]+)*[+#]*/gu;

/**
 * Words -> aliases and compounds -> stopwords out -> stems. `fromBank` keeps ambiguous words
 * that a job description must capitalize to count.
 */
function tokenize(text: string, fromBank = false): Token[] {
  const tokens: Token[] = [];
  let gap = false;
  mergeCompounds(splitWords(text)).forEach((word, index) => {
    const alias = WORD_ALIASES.get(word.text) ?? word.text;
    // Single letters are initials and list markers ("a)"), never skills on their own.
    const dropped =
      alias.length < 2 ||
      STOPWORDS.has(alias) ||
      (!fromBank && AMBIGUOUS.has(word.text) && !readsAsName(word, index));
    if (dropped) {
      gap = true;
      return;
    }
    tokens.push({
      stem: cachedStem(alias),
      start: word.start,
      end: word.end,
      afterGap: gap || word.afterPunctuation,
    });
    gap = false;
  });
  return tokens;
}

/** Lower-cased words; "node.js" and ".net" stay whole, other punctuation splits words. */
function splitWords(text: string): Word[] {
  const words: Word[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD_PATTERN)) {
    let start = match.index;
    let raw = match[0];
    if (text[start - 1] === '.' && /^net$/i.test(raw) && !/\w/.test(text[start - 2] ?? '')) {
      start -= 1;
      raw = `.${raw}`;
    }
    const afterPunctuation = /[,;:()[\]!?.]/.test(text.slice(previousEnd, start));
    previousEnd = start + raw.length;
    wholeOrParts(raw.toLowerCase(), start).forEach((part, i) => {
      const original = text.slice(part.start, part.end);
      words.push({ ...part, original, afterPunctuation: i === 0 && afterPunctuation });
    });
  }
  return words;
}

const WHOLE_WORDS = new Map<string, string>([
  ['c++', 'cpp'],
  ['c#', 'csharp'],
  ['f#', 'fsharp'],
  ['.net', 'dotnet'],
  ['asp.net', 'aspnet'],
]);

function wholeOrParts(raw: string, start: number): { text: string; start: number; end: number }[] {
  const end = start + raw.length;
  if (!/[.+#'’/-]/.test(raw)) return [{ text: raw, start, end }];
  const whole = WHOLE_WORDS.get(raw) ?? (/^[a-z0-9]+\.js$/.test(raw) ? raw.replace('.', '') : null);
  if (whole) return [{ text: whole, start, end }];
  const parts: { text: string; start: number; end: number }[] = [];
  for (const part of raw.matchAll(/[\p{L}\p{N}]+/gu)) {
    parts.push({
      text: part[0],
      start: start + part.index,
      end: start + part.index + part[0].length,
    });
  }
  return parts;
}

const COMPOUND_STARTS = new Set([...COMPOUNDS.keys()].map((pair) => pair.split(' ')[0]));

function mergeCompounds(words: Word[]): Word[] {
  const merged: Word[] = [];
  for (const word of words) {
    const last = merged[merged.length - 1];
    const compound =
      last && COMPOUND_STARTS.has(last.text) && COMPOUNDS.get(`${last.text} ${word.text}`);
    if (last && compound && !word.afterPunctuation) {
      merged[merged.length - 1] = {
        ...last,
        text: compound,
        end: word.end,
        original: `${last.original}${word.original}`,
      };
    } else merged.push(word);
  }
  return merged;
}

const STEM_CACHE_SIZE = 50_000;
const stemCache = new Map<string, string>();

/** Stemming is the hot path and job ads repeat their words; the cache is bounded. */
function cachedStem(word: string): string {
  let result = stemCache.get(word);
  if (result === undefined) {
    if (stemCache.size >= STEM_CACHE_SIZE) stemCache.clear();
    result = stem(word);
    stemCache.set(word, result);
  }
  return result;
}

/** "LESS", or "Express" after the first word: a name, not the everyday word. */
function readsAsName(word: Word, index: number): boolean {
  if (/^\p{Lu}{2,}$/u.test(word.original)) return true;
  return index > 0 && /^\p{Lu}/u.test(word.original);
}

function stemsOf(text: string): string[] {
  return tokenize(text, true).map((token) => token.stem);
}

/** Runs of words not broken by punctuation or stopwords ("session management", "distributed systems"). */
function phrasesOf(text: string): string[][] {
  const runs: string[][] = [];
  for (const token of tokenize(text, true)) {
    const current = runs[runs.length - 1];
    if (!current || token.afterGap) runs.push([token.stem]);
    else current.push(token.stem);
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------
// Index

interface Posting {
  slug: string;
  weight: number;
  /** The bank holds the term as a whole keyword or a name phrase, not just as a loose word. */
  anchor: boolean;
}

/**
 * A trie of terms by stem: "version" -> "control" -> "system". A node holds the banks that have
 * the term spelled by the path to it (none for a mere prefix), with IDF-weighted weights.
 */
interface TermNode {
  term: string;
  postings: Posting[];
  next: Map<string, TermNode>;
}

/** The trie's root: the first word of every term. */
type MatcherIndex = Map<string, TermNode>;

/** Where a bank holds a term; its weight is the sum of the best evidence from each source. */
type Source = 'keywords' | 'name' | 'description';

interface Holding {
  weights: Record<Source, number>;
  anchor: boolean;
}

/** Term -> bank slug -> how the bank holds it. */
type RawIndex = Map<string, Map<string, Holding>>;

function buildIndex(banks: BankTerms[]): MatcherIndex {
  const raw: RawIndex = new Map();
  const sorted = [...banks].sort((a, b) => compareText(a.slug, b.slug));
  for (const bank of sorted) addBank(raw, bank);
  addSynonyms(raw);
  const weighted = new Map<string, Posting[]>();
  for (const [term, bySlug] of raw) {
    const idf = inverseFrequency(bySlug.size, sorted.length);
    const postings = [...bySlug].map(([slug, { weights, anchor }]) => ({
      slug,
      weight: (weights.keywords + weights.name + weights.description) * idf,
      anchor,
    }));
    weighted.set(term, postings);
  }
  const root: TermNode = { term: '', postings: [], next: new Map() };
  for (const [term, postings] of weighted) {
    const words = term.split(' ');
    if (words.length > 1) for (const posting of postings) liftAboveWords(posting, words, weighted);
    nodeFor(root, words).postings = postings;
  }
  return root.next;
}

/** So that a phrase always beats its own words: "owasp top 10", not "owasp" + "top" + "10". */
function liftAboveWords(phrase: Posting, words: string[], weighted: Map<string, Posting[]>): void {
  const weightOf = (word: string) =>
    weighted.get(word)?.find((posting) => posting.slug === phrase.slug)?.weight ?? 0;
  const asWords = words.reduce((sum, word) => sum + weightOf(word), 0);
  const floor = asWords + WEIGHT.phraseBonus * (words.length - 1);
  phrase.weight = Math.max(phrase.weight, floor);
}

/** The trie node for a term, creating it and its prefixes as needed. */
function nodeFor(root: TermNode, stems: string[]): TermNode {
  let node = root;
  stems.forEach((word, i) => {
    const child = node.next.get(word) ?? {
      term: stems.slice(0, i + 1).join(' '),
      postings: [],
      next: new Map(),
    };
    node.next.set(word, child);
    node = child;
  });
  return node;
}

function addBank(raw: RawIndex, bank: BankTerms): void {
  const add = (stems: string[], source: Source, weight: number, anchor = false) =>
    addTerm(raw, stems, bank.slug, { source, weight, anchor });
  for (const keyword of bank.keywords) {
    const stems = stemsOf(keyword);
    add(stems, 'keywords', keywordWeight(stems.length), true);
    if (stems.length > 1) for (const word of stems) add([word], 'keywords', WEIGHT.keywordPart);
  }
  // The slug reads as a short name too ("session-management", "authn-authz").
  for (const phrase of [...phrasesOf(bank.name), stemsOf(bank.slug.replace(/-/g, ' '))]) {
    for (const [i, word] of phrase.entries()) {
      add([word], 'name', WEIGHT.nameWord);
      const next = phrase[i + 1];
      if (next) add([word, next], 'name', WEIGHT.nameBigram, true);
    }
  }
  for (const word of stemsOf(bank.description)) add([word], 'description', WEIGHT.description);
}

function keywordWeight(words: number): number {
  return Math.min(WEIGHT.keyword + WEIGHT.keywordPhraseWord * (words - 1), WEIGHT.keywordPhraseMax);
}

interface Evidence {
  source: Source;
  weight: number;
  anchor: boolean;
}

function addTerm(raw: RawIndex, stems: string[], slug: string, evidence: Evidence): void {
  if (!stems.length) return;
  const term = stems.join(' ');
  const bySlug = raw.get(term) ?? new Map<string, Holding>();
  const holding = bySlug.get(slug) ?? {
    weights: { keywords: 0, name: 0, description: 0 },
    anchor: false,
  };
  holding.weights[evidence.source] = Math.max(holding.weights[evidence.source], evidence.weight);
  holding.anchor ||= evidence.anchor;
  bySlug.set(slug, holding);
  raw.set(term, bySlug);
}

const SYNONYM_TERMS = SYNONYM_GROUPS.map((group) => group.map((phrase) => stemsOf(phrase)));

/**
 * A bank holding one phrase of a synonym group (as a keyword, in its name or its description)
 * also holds the others there, each weighted by its own length and a little weaker.
 */
function addSynonyms(raw: RawIndex): void {
  for (const group of SYNONYM_TERMS) {
    const held = new Map<string, Set<Source>>();
    for (const stems of group) {
      for (const [slug, holding] of raw.get(stems.join(' ')) ?? []) {
        const sources = held.get(slug) ?? new Set<Source>();
        if (holding.weights.keywords >= WEIGHT.keyword) sources.add('keywords');
        if (holding.weights.name > 0) sources.add('name');
        if (holding.weights.description > 0) sources.add('description');
        held.set(slug, sources);
      }
    }
    for (const [slug, sources] of held) {
      for (const stems of group) {
        for (const source of sources) {
          const weight = sourceWeight(source, stems.length) * WEIGHT.synonym;
          addTerm(raw, stems, slug, { source, weight, anchor: source !== 'description' });
        }
      }
    }
  }
}

function sourceWeight(source: Source, words: number): number {
  if (source === 'keywords') return keywordWeight(words);
  if (source === 'name') return words > 1 ? WEIGHT.nameBigram : WEIGHT.nameWord;
  return WEIGHT.description;
}

/** 1 for a term only one bank has, falling towards ~0.2 for a term every bank has. */
function inverseFrequency(banksWithTerm: number, bankCount: number): number {
  return Math.log(1 + bankCount / banksWithTerm) / Math.log(1 + bankCount);
}

// ---------------------------------------------------------------------------------------------
// Matching

interface Hit {
  slug: string;
  term: string;
  weight: number;
  anchor: boolean;
  /** Token range [from, to). */
  from: number;
  to: number;
}

function matchLine(index: MatcherIndex, text: string): JdMatch[] {
  const tokens = tokenize(text);
  const hitsBySlug = new Map<string, Hit[]>();
  for (const hit of findHits(index, tokens)) {
    const hits = hitsBySlug.get(hit.slug) ?? [];
    hits.push(hit);
    hitsBySlug.set(hit.slug, hits);
  }
  const scored = [...hitsBySlug]
    .filter(([, hits]) => hits.some((hit) => hit.anchor))
    .map(([slug, hits]) => scoreBank(slug, hits, tokens, text));
  return selectMatches(scored);
}

/** Every indexed term at every position: walks the trie from each word as far as it goes. */
function findHits(index: MatcherIndex, tokens: Token[]): Hit[] {
  const hits: Hit[] = [];
  tokens.forEach((token, from) => {
    let node = index.get(token.stem);
    for (let to = from + 1; node; to += 1) {
      for (const posting of node.postings) hits.push({ ...posting, term: node.term, from, to });
      node = node.next.get(tokens[to]?.stem ?? '');
    }
  });
  return hits;
}

function scoreBank(slug: string, hits: Hit[], tokens: Token[], text: string): JdMatch {
  const chosen = heaviestTiling(firstOfEachTerm(hits), tokens.length);
  const score = chosen.reduce((sum, hit) => sum + hit.weight, 0);
  const why = chosen
    .map((hit) => quote(text, tokens, hit))
    .filter((words, i, all) => all.indexOf(words) === i);
  return { skill: slug, score: Math.round(score * 100) / 100, why };
}

/** A term repeated in the line counts once. */
function firstOfEachTerm(hits: Hit[]): Hit[] {
  const seen = new Set<string>();
  return [...hits]
    .sort((a, b) => a.from - b.from)
    .filter((hit) => !seen.has(hit.term) && Boolean(seen.add(hit.term)));
}

/**
 * The non-overlapping hits with the largest total weight, so each word of the line counts once
 * per bank: either inside a phrase or on its own, whichever explains more. Dynamic programming
 * from the end of the line; on equal totals the longer term wins.
 */
function heaviestTiling(hits: Hit[], length: number): Hit[] {
  const startingAt = Array.from({ length }, () => [] as Hit[]);
  for (const hit of hits) startingAt[hit.from]?.push(hit);
  const best = new Array<number>(length + 1).fill(0);
  const choice: (Hit | undefined)[] = [];
  for (let i = length - 1; i >= 0; i -= 1) {
    best[i] = best[i + 1] ?? 0;
    const candidates = (startingAt[i] ?? []).sort((a, b) => b.to - a.to);
    for (const hit of candidates) {
      const total = hit.weight + (best[hit.to] ?? 0);
      if (total > (best[i] ?? 0) + 1e-9) {
        best[i] = total;
        choice[i] = hit;
      }
    }
  }
  const chosen: Hit[] = [];
  for (let i = 0; i < length;) {
    const hit = choice[i];
    if (hit) chosen.push(hit);
    i = hit ? hit.to : i + 1;
  }
  return chosen;
}

function selectMatches(scored: JdMatch[]): JdMatch[] {
  const ranked = scored
    .filter((match) => match.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || compareText(a.skill, b.skill));
  const best = ranked[0]?.score ?? 0;
  return ranked.filter((match) => match.score >= best * FRACTION_OF_BEST).slice(0, MAX_MATCHES);
}

/**
 * The words a hit covers, as the line has them ("code versioning", "sso", "front-end"), with the
 * dropped end of a hyphenated word ("single sign-on", not "single sign").
 */
function quote(text: string, tokens: Token[], hit: Hit): string {
  const start = tokens[hit.from]?.start ?? 0;
  let end = tokens[hit.to - 1]?.end ?? start;
  const joined = /^(?:[-'’/][\p{L}\p{N}]+)*/u.exec(text.slice(end, end + 40))?.[0] ?? '';
  if (end + joined.length <= (tokens[hit.to]?.start ?? Infinity)) end += joined.length;
  return text
    .slice(start, end)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.+#'’/-]+/gu, ' ')
    .trim();
}

/** Plain code-unit order: the same everywhere, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
