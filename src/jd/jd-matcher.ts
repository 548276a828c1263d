import { parseJobDescription, type JdLine, type JdSection } from './jd-parser';
import { phrasesOf, stemsOf, tokenize, type Token } from './jd-tokens';
import {
  FRONT_END_FOCUS,
  LANGUAGE_BANKS,
  LANGUAGE_FALLBACK,
  NEAREST_BANKS,
  SYNONYM_GROUPS,
  type Framework,
  type LanguageBank,
  type NearestBank,
} from './jd-vocabulary';
import { evidenceConfidence, type MatchConfidence } from './match-confidence';

/**
 * Ranks question banks for a skill line by the words they share: bank keywords (phrases weigh
 * more than single words), name and description words, after stemming, acronyms and a synonym
 * table. Words that many banks share weigh less (IDF). A technology that no bank covers counts
 * for the nearest bank (jd-vocabulary), which the match then says. A language or one of its
 * frameworks goes to the language's bank; a line that names several languages is proposed for
 * the language-neutral fallback and offers the choice. Every score is a sum of visible term
 * weights, and `why` lists the line's words that earned it; each match carries a confidence, and
 * a line with only weak evidence stays unmatched. Pure and deterministic.
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
  /** Never weak: a line with only weak evidence gets no match. */
  confidence: MatchConfidence;
  /** Set when the bank stands in for technologies that have no bank of their own. */
  note?: string;
}

/** A language a line names, with the bank that assesses it (which may not exist yet). */
export interface NamedLanguage {
  bank: string;
  language: string;
}

/** A framework a line names, with the tag its questions carry in its language's bank. */
export interface NamedFramework {
  tag: string;
  name: string;
  bank: string;
}

/** What the matcher reads in one line. */
export interface LineReading {
  matches: JdMatch[];
  /**
   * Set when the line names several languages and at least one has a bank: the manager
   * chooses which to assess, and the language-neutral fallback is proposed until then.
   */
  choice?: NamedLanguage[];
  frameworks: NamedFramework[];
}

export interface MatchedLine extends JdLine, LineReading {
  unmatched: boolean;
}

/** What a line's surroundings say about it. */
export interface LineContext {
  /**
   * A bank that wins the words it shares with others: on a front-end posting "JavaScript and
   * TypeScript" is front-end work, not back-end programming.
   */
  focus?: string;
  section?: JdSection;
  fromProse?: boolean;
}

export interface Matcher {
  match(text: string, context?: LineContext): JdMatch[];
  read(text: string, context?: LineContext): LineReading;
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
/**
 * A whole keyword that at most this many banks hold tells which skill a line is about, however
 * many banks use the word loosely ("SQL", not "SQL injection").
 */
const TELLING_HOLDERS = 2;
/** Items of a listed kind that expand ("unit, integration and system tests"), at most. */
const MAX_LISTED_ITEMS = 6;

/** Shown with the fallback proposal of a line that names several languages. */
export const CHOICE_NOTE = 'The line names several languages: choose which to assess.';

/**
 * `nearest` and `languages` replace the tables of technologies without a bank and of languages
 * (jd-vocabulary), for tests.
 */
export function createMatcher(
  banks: BankTerms[],
  nearest: NearestBank[] = NEAREST_BANKS,
  languages: LanguageBank[] = LANGUAGE_BANKS,
): Matcher {
  const index = buildIndex(banks, nearest, languages);
  const read = (text: string, context: LineContext = {}) => readLine(index, text, context);
  return { read, match: (text, context) => read(text, context).matches };
}

/**
 * Parses and matches. Prose sentences that match nothing are dropped, other lines are kept; when
 * no line matches at all, every line is kept so that the description is never lost silently.
 */
export function analyzeJobDescription(text: string, banks: BankTerms[]): MatchedLine[] {
  const matcher = createMatcher(banks);
  const lines = parseJobDescription(text);
  const focus = postingFocus(text, lines, matcher);
  const matched = lines.map((line) => {
    const reading = matcher.read(line.text, {
      focus,
      section: line.section,
      fromProse: line.fromProse,
    });
    return { ...line, ...reading, unmatched: reading.matches.length === 0 };
  });
  const nothingMatched = matched.every((line) => line.unmatched);
  return matched
    .filter((line) => nothingMatched || !(line.fromProse && line.unmatched))
    .map((line, position) => ({ ...line, position }));
}

/** The bank a posting is about, if its title or most of its lines say so (jd-vocabulary). */
function postingFocus(text: string, lines: JdLine[], matcher: Matcher): string | undefined {
  const { bank, rivals, title, notTitle } = FRONT_END_FOCUS;
  const firstLine = /^\s*(\S[^\n]*)/.exec(text)?.[1] ?? '';
  if (notTitle.test(firstLine)) return undefined;
  if (title.test(firstLine)) return bank;
  let ours = 0;
  let theirs = 0;
  for (const line of lines) {
    const top = matcher.match(line.text)[0]?.skill;
    if (top === bank) ours += 1;
    if (top !== undefined && rivals.includes(top)) theirs += 1;
  }
  return ours > 2 * theirs ? bank : undefined;
}

// ---------------------------------------------------------------------------------------------
// Index

interface Posting {
  slug: string;
  weight: number;
  /** The bank holds the term as a whole keyword or a name phrase, not just as a loose word. */
  anchor: boolean;
  /** The bank only stands in for the term, a technology no bank covers. */
  standIn: boolean;
  /** At most TELLING_HOLDERS banks hold the term as a whole keyword or name phrase. */
  telling: boolean;
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
type TermRoots = Map<string, TermNode>;

/** A term that names a language, or a framework of it. */
interface LanguageTerm {
  language: LanguageBank;
  framework?: Framework;
}

interface MatcherIndex {
  roots: TermRoots;
  /** By the term's stems, joined by spaces. */
  languageTerms: Map<string, LanguageTerm>;
  /** The slugs of the banks that exist. */
  banks: Set<string>;
}

/** Where a bank holds a term; its weight is the sum of the best evidence from each source. */
type Source = 'keywords' | 'name' | 'description';

interface Holding {
  weights: Record<Source, number>;
  anchor: boolean;
  standIn: boolean;
}

/** Term -> bank slug -> how the bank holds it. */
type RawIndex = Map<string, Map<string, Holding>>;

function buildIndex(
  banks: BankTerms[],
  nearest: NearestBank[],
  languages: LanguageBank[],
): MatcherIndex {
  const raw: RawIndex = new Map();
  const sorted = [...banks].sort((a, b) => compareText(a.slug, b.slug));
  const slugs = new Set(sorted.map((bank) => bank.slug));
  for (const bank of sorted) addBank(raw, bank);
  addLanguages(raw, languages, slugs);
  addSynonyms(raw);
  addStandIns(raw, [...nearest, ...languageStandIns(languages, slugs)], slugs);
  const weighted = new Map<string, Posting[]>();
  for (const [term, bySlug] of raw) {
    const idf = inverseFrequency(bySlug.size, sorted.length);
    const holders = [...bySlug.values()].filter((holding) => holding.anchor).length;
    const postings = [...bySlug].map(([slug, { weights, anchor, standIn }]) => ({
      slug,
      weight: (weights.keywords + weights.name + weights.description) * idf,
      anchor,
      standIn,
      telling: anchor && holders <= TELLING_HOLDERS,
    }));
    weighted.set(term, postings);
  }
  const root: TermNode = { term: '', postings: [], next: new Map() };
  for (const [term, postings] of weighted) {
    const words = term.split(' ');
    if (words.length > 1) for (const posting of postings) liftAboveWords(posting, words, weighted);
    nodeFor(root, words).postings = postings;
  }
  return { roots: root.next, languageTerms: languageTermsOf(languages), banks: slugs };
}

function termsOf(language: LanguageBank): { term: string; framework?: Framework }[] {
  return [
    ...language.terms.map((term) => ({ term })),
    ...language.frameworks.flatMap((framework) =>
      framework.terms.map((term) => ({ term, framework })),
    ),
  ];
}

function languageTermsOf(languages: LanguageBank[]): Map<string, LanguageTerm> {
  const found = new Map<string, LanguageTerm>();
  for (const language of languages) {
    for (const { term, framework } of termsOf(language)) {
      found.set(stemsOf(term).join(' '), { language, framework });
    }
  }
  return found;
}

/** A language's words and its frameworks' count for its bank as that bank's own keywords. */
function addLanguages(raw: RawIndex, languages: LanguageBank[], slugs: Set<string>): void {
  for (const language of languages) {
    if (!slugs.has(language.bank)) continue;
    for (const { term } of termsOf(language)) {
      const stems = stemsOf(term);
      const weight = keywordWeight(stems.length);
      addTerm(raw, stems, language.bank, { source: 'keywords', weight, anchor: true });
    }
  }
}

/** Until its bank exists, a language stands in for the fallback, as technologies without one do. */
function languageStandIns(languages: LanguageBank[], slugs: Set<string>): NearestBank[] {
  return languages
    .filter((language) => !slugs.has(language.bank))
    .map((language) => ({
      bank: LANGUAGE_FALLBACK,
      terms: termsOf(language).map(({ term }) => term),
    }));
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
  standIn?: boolean;
}

function addTerm(raw: RawIndex, stems: string[], slug: string, evidence: Evidence): void {
  if (!stems.length) return;
  const term = stems.join(' ');
  const bySlug = raw.get(term) ?? new Map<string, Holding>();
  const holding = bySlug.get(slug) ?? {
    weights: { keywords: 0, name: 0, description: 0 },
    anchor: false,
    standIn: false,
  };
  holding.weights[evidence.source] = Math.max(holding.weights[evidence.source], evidence.weight);
  holding.standIn = evidence.standIn ?? (holding.standIn && !evidence.anchor);
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

/**
 * Technologies without a bank count for the nearest bank, as a keyword would, as long as no
 * bank holds them as its own: a bank that lists the technology later takes it over.
 */
function addStandIns(raw: RawIndex, nearest: NearestBank[], slugs: Set<string>): void {
  for (const { bank, terms } of nearest) {
    if (!slugs.has(bank)) continue;
    for (const term of terms) {
      const stems = stemsOf(term);
      const holders = [...(raw.get(stems.join(' '))?.values() ?? [])];
      if (holders.some((holding) => holding.anchor && !holding.standIn)) continue;
      const weight = keywordWeight(stems.length);
      addTerm(raw, stems, bank, { source: 'keywords', weight, anchor: true, standIn: true });
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
  standIn: boolean;
  telling: boolean;
  /** Token range [from, to). */
  from: number;
  to: number;
  /** For an item of a listed kind ("unit" in "unit, integration tests"): the kind's tokens. */
  kind?: { from: number; to: number };
}

function readLine(index: MatcherIndex, text: string, context: LineContext): LineReading {
  const tokens = tokenize(text);
  const found = withFocus(findHits(index.roots, tokens), context.focus);
  const hitsBySlug = new Map<string, Hit[]>();
  for (const hit of found) {
    const hits = hitsBySlug.get(hit.slug) ?? [];
    hits.push(hit);
    hitsBySlug.set(hit.slug, hits);
  }
  const scored = [...hitsBySlug]
    .filter(([, hits]) => hits.some((hit) => hit.anchor))
    .map(([slug, hits]) => scoreBank(slug, hits, tokens, text, context));
  const { languages, frameworks } = namedLanguages(index, found);
  const offered = languages.length > 1 && languages.some(({ bank }) => index.banks.has(bank));
  if (!offered) return { matches: selectMatches(scored), frameworks };
  const choice = languages.map(({ bank, language }) => ({ bank, language }));
  return { matches: selectMatches(withChoice(scored, choice, index, text)), choice, frameworks };
}

/**
 * The languages a line names, directly or through a framework, in line order, and the
 * frameworks. A hit counts when it is the language bank's own or the fallback's stand-in: on a
 * front-end posting the front-end bank keeps "JavaScript", and then no language is named.
 */
function namedLanguages(
  index: MatcherIndex,
  hits: Hit[],
): { languages: LanguageBank[]; frameworks: NamedFramework[] } {
  const languages: LanguageBank[] = [];
  const frameworks: NamedFramework[] = [];
  for (const hit of [...hits].sort((a, b) => a.from - b.from)) {
    const named = index.languageTerms.get(hit.term);
    if (!named) continue;
    const { language, framework } = named;
    const own = hit.slug === language.bank || (hit.standIn && hit.slug === LANGUAGE_FALLBACK);
    if (!own) continue;
    if (!languages.includes(language)) languages.push(language);
    if (framework && !frameworks.some(({ tag }) => tag === framework.tag)) {
      frameworks.push({ tag: framework.tag, name: framework.name, bank: language.bank });
    }
  }
  return { languages, frameworks };
}

/**
 * A line naming several languages is not guessed: the proposals for them (and the fallback's
 * own) become one proposal of the fallback, which says that the manager chooses.
 */
function withChoice(
  scored: JdMatch[],
  choice: NamedLanguage[],
  index: MatcherIndex,
  text: string,
): JdMatch[] {
  const involved = new Set([LANGUAGE_FALLBACK, ...choice.map(({ bank }) => bank)]);
  const merged = scored.filter((match) => involved.has(match.skill));
  const others = scored.filter((match) => !involved.has(match.skill));
  if (!merged.length || !index.banks.has(LANGUAGE_FALLBACK)) return others;
  const lower = text.toLowerCase();
  const why = unique(merged.flatMap((match) => match.why)).sort(
    (a, b) => lower.indexOf(a) - lower.indexOf(b),
  );
  const fallback: JdMatch = {
    skill: LANGUAGE_FALLBACK,
    score: Math.max(...merged.map((match) => match.score)),
    why,
    confidence: 'fair',
    note: CHOICE_NOTE,
  };
  return [...others, fallback];
}

/** Every indexed term at every position: walks the trie from each word as far as it goes. */
function findHits(index: TermRoots, tokens: Token[]): Hit[] {
  const hits: Hit[] = [];
  tokens.forEach((_, from) => {
    const stemAt = (i: number) => tokens[from + i]?.stem;
    walk(index, stemAt, (node, length) => {
      for (const posting of node.postings) {
        hits.push({ ...posting, term: node.term, from, to: from + length });
      }
    });
  });
  for (const { item, head } of listedKinds(tokens)) {
    // The item, then the kind's words: "unit" + "tests".
    const stemAt = (i: number) => tokens[i === 0 ? item : head + i - 1]?.stem;
    walk(index, stemAt, (node, length) => {
      if (length < 2) return;
      const kind = { from: head, to: head + length - 1 };
      for (const posting of node.postings) {
        hits.push({ ...posting, term: node.term, from: item, to: item + 1, kind });
      }
    });
  }
  return hits;
}

/** Follows the trie along the stems; `visit` gets each node reached and the stems it took. */
function walk(
  index: TermRoots,
  stemAt: (i: number) => string | undefined,
  visit: (node: TermNode, length: number) => void,
): void {
  let node = index.get(stemAt(0) ?? '');
  for (let length = 1; node; length += 1) {
    visit(node, length);
    node = node.next.get(stemAt(length) ?? '');
  }
}

/**
 * "unit, integration, and system tests": each item before the last is read with the kind that
 * follows the last ("unit tests", "integration tests"); the last one already is.
 */
function listedKinds(tokens: Token[]): { item: number; head: number }[] {
  const expansions: { item: number; head: number }[] = [];
  tokens.forEach((token, head) => {
    const last = head - 1;
    if (token.afterGap || !tokens[last]?.listed) return;
    for (let item = last; tokens[item]?.listed && last - item < MAX_LISTED_ITEMS; item -= 1) {
      expansions.push({ item: item - 1, head });
    }
  });
  return expansions;
}

/** Where the focus bank holds a term of the line, the other banks do not count it there. */
function withFocus(hits: Hit[], focus: string | undefined): Hit[] {
  if (!focus) return hits;
  const key = (hit: Hit) => `${hit.from} ${hit.term}`;
  const held = new Set(hits.filter((hit) => hit.slug === focus).map(key));
  return hits.filter((hit) => hit.slug === focus || !held.has(key(hit)));
}

function scoreBank(
  slug: string,
  hits: Hit[],
  tokens: Token[],
  text: string,
  context: LineContext,
): JdMatch {
  const chosen = heaviestTiling(firstOfEachTerm(hits), tokens.length);
  const score = chosen.reduce((sum, hit) => sum + hit.weight, 0);
  const why = unique(chosen.map((hit) => quote(text, tokens, hit).toLowerCase()));
  const own = chosen.filter((hit) => hit.anchor && !hit.standIn);
  const standIns = unique(
    chosen.filter((hit) => hit.standIn).map((hit) => quote(text, tokens, hit)),
  );
  const confidence = evidenceConfidence({
    score,
    tellingTerms: own.filter((hit) => hit.telling).length,
    standInOnly: own.length === 0 && standIns.length > 0,
    mustName: mustNameSkill(context),
  });
  const match: JdMatch = { skill: slug, score: Math.round(score * 100) / 100, why, confidence };
  if (standIns.length) match.note = standInNote(standIns);
  return match;
}

/**
 * A responsibility describes work ("Design and implementation of data storage solutions") and
 * prose outside the skill sections describes the company or the team: there, words that merely
 * add up are no evidence, the line has to name the skill. A requirement line may rest on them.
 */
function mustNameSkill({ section, fromProse }: LineContext): boolean {
  return section === 'responsibility' || (section === 'other' && fromProse === true);
}

/** "No bank covers Python or Django yet; this is the nearest." */
function standInNote(names: string[]): string {
  const listed =
    names.length === 1
      ? names[0]
      : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  return `No bank covers ${listed} yet; this is the nearest.`;
}

function unique(values: string[]): string[] {
  return values.filter((value, i) => values.indexOf(value) === i);
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

/** The banks worth proposing, best first: weak ones are left out rather than guessed. */
function selectMatches(scored: JdMatch[]): JdMatch[] {
  const ranked = scored
    .filter((match) => match.score >= MIN_SCORE && match.confidence !== 'weak')
    .sort((a, b) => b.score - a.score || compareText(a.skill, b.skill));
  const best = ranked[0]?.score ?? 0;
  return ranked.filter((match) => match.score >= best * FRACTION_OF_BEST).slice(0, MAX_MATCHES);
}

/**
 * The words a hit covers, as the line writes them ("code versioning", "SSO", "front-end"), with
 * the dropped end of a hyphenated word ("single sign-on", not "single sign"). An item of a
 * listed kind is quoted with its kind ("unit tests" in "unit, integration and system tests").
 */
function quote(text: string, tokens: Token[], hit: Hit): string {
  const words = span(text, tokens, hit.from, hit.to);
  return hit.kind ? `${words} ${span(text, tokens, hit.kind.from, hit.kind.to)}` : words;
}

function span(text: string, tokens: Token[], from: number, to: number): string {
  const start = tokens[from]?.start ?? 0;
  let end = tokens[to - 1]?.end ?? start;
  const joined = /^(?:[-'’/][\p{L}\p{N}]+)*/u.exec(text.slice(end, end + 40))?.[0] ?? '';
  if (end + joined.length <= (tokens[to]?.start ?? Infinity)) end += joined.length;
  return text
    .slice(start, end)
    .replace(/[^\p{L}\p{N}.+#'’/-]+/gu, ' ')
    .trim();
}

/** Plain code-unit order: the same everywhere, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
