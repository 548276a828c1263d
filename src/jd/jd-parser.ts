import { cleanSourceLines, splitSentences, type SourceLine } from './text-normalize';

/**
 * Finds the skill lines of a job description (plain text or Markdown, often pasted from a web
 * page): bullets under skill-like headings, with their section, heading and sub-heading label.
 * Titles and boilerplate (company intro, metadata, benefits, how to apply, EEO, footer links)
 * are left out. A description without skill sections or bullets falls back to its sentences
 * (`fromProse`), and one that is all boilerplate to those, so none is dropped whole. Pure.
 */

export type JdSection = 'required' | 'nice_to_have' | 'responsibility' | 'other';

export interface JdLine {
  text: string;
  section: JdSection;
  /** The heading the line sits under. */
  heading?: string;
  /** The sub-heading label of a nested list ("Backend:"), which is not itself a skill line. */
  label?: string;
  /** 0-based order in the result. */
  position: number;
  /** 1-based line in the input. */
  line: number;
  fromProse: boolean;
}

/** More lines than any real description has; the rest of a pathological input is ignored. */
const MAX_LINES = 1000;
/** A bullet longer than this is really a paragraph: it is read sentence by sentence. */
const MAX_ITEM_CHARS = 400;
const MAX_SENTENCE_CHARS = 300;

export function parseJobDescription(text: string): JdLine[] {
  const rows = classifyRows(cleanSourceLines(text));
  const parser = new DraftCollector();
  for (const row of rows) parser.take(row);
  return finalize(parser.finish());
}

// ---------------------------------------------------------------------------------------------
// Heading and boilerplate vocabulary

/** A title ("Senior Python Developer") names the job: it starts no section and skips nothing. */
type HeadingKind = JdSection | 'boilerplate' | 'title';

/**
 * A job title names a role and no section ("Full Stack Developer", not "What you'll do as a
 * developer"); "stack" in it is not the "Tech stack" section.
 */
const ROLE_TITLE =
  /^(?!.*\b(what|who|you|your|skills?|requirements?|responsibilit\w*|qualifications?)\b).*\b(developer|engineer|programmer|architect|designer|analyst|administrator|scientist|consultant|specialist|lead|manager|intern)s?\b/;

/** Checked in order: "Preferred qualifications" is nice-to-have, "About you" is not boilerplate. */
const HEADING_PATTERNS: [RegExp, HeadingKind][] = [
  [
    /\b(benefits?|perks|what we offer|we offer|our offer|compensation|salary|pay|why (join|work|us)|why you('ll| will) love|what's in it for you|about us|about the (company|team)|company (intro|introduction|overview|description|profile)|who we are|our (company|story|mission|culture|values|team)|working (here|at)|life at|why us|how to apply|to apply|apply now|application process|applying|equal (employment )?opportunit\w*|eeo|diversity|inclusion|recent (articles|posts)|articles|related (jobs|articles|posts)|how to hire|hiring (guide|tips)|hire (a|an|the|top)|share|location|job (details|type|information)|contact|wir bieten|unser angebot|über uns|avantages|nous offrons)\b/,
    'boilerplate',
  ],
  [/^about (?!you\b|the (role|job|position)\b|this (role|job|position)\b)/, 'boilerplate'],
  [/^why\b/, 'boilerplate'],
  [ROLE_TITLE, 'title'],
  [
    /nice[- ]to[- ]have|\bbonus|\bpreferred|\bdesir(able|ed)\b|\bpluses\b|\ba plus\b|good to have|\boptional\b|\bextra (credit|points)|wünschenswert|von vorteil|\bun plus\b/,
    'nice_to_have',
  ],
  [
    /responsibilit|what you('ll| will) (do|be doing|work on)|\bduties\b|your (role|mission|day|impact|tasks|job)\b|in this role|day[- ]to[- ]day|\btasks?\b|aufgaben|\bmissions?\b|you will be\b|the work\b/,
    'responsibility',
  ],
  [
    /\bskills?\b|qualifications?|requirements?|\brequired\b|must[- ]haves?|you have\b|you bring|you('ll| will) need|looking for|who you are|about you|your (profile|background|experience)|\bstack\b|technolog(y|ies)|\btools\b|competenc|expertise|ideal candidate|what (we|you) need|you should|we expect|\bexperience\b|\bknowledge\b|\bprofil\b|anforderungen|qualifikation|kenntnisse|compétences|prérequis/,
    'required',
  ],
];

function headingKind(text: string): HeadingKind | undefined {
  // Headings are short; the cap keeps the patterns cheap on a pathological line.
  const key = text.slice(0, 200).toLowerCase().replace(/[’`]/g, "'");
  return HEADING_PATTERNS.find(([pattern]) => pattern.test(key))?.[1];
}

/** Lines that are never skills, wherever they sit: job metadata, footer links, EEO, how to apply. */
const JUNK_LINES: RegExp[] = [
  /^(job title|(job |role |position )?title|role|position|date posted|posted( on)?|remote( status)?|workplace( type)?|work location|location( type)?|salary|compensation|pay( range)?|job type|employment( type| status)?|contract( type)?|type|seniority|level|experience level|start( date)?|department|team|reports to|deadline|closing date|apply by|work (model|mode|type)|hours|schedule|shift|travel|visa( sponsorship)?|category|industry|company|job id|req(uisition)? id|ref(erence)?)\s*:/i,
  // The header of a scraped job board page: "Acme · Leeds (Hybrid)", "Posted 2 weeks ago".
  /^posted\b|\b\d+\+? applicants\b|·.*\((remote|hybrid|on-?site)\)$/i,
  /^((full|part)[- ]time|remote|hybrid|on[- ]?site|in[- ]office|permanent|temporary|contract|freelance|internship)\b(\s*[-–—(,/|·•]\s*.{0,40})?$/i,
  /[$€£¥]\s?\d|\b\d+\s?k\s?(-|–|to)|\bper (year|annum|month|hour)\b|\bsalary\b/i,
  /^(share( this( job| post)?)?|apply( now| here| today)?|save( this)?( job)?|log ?in|sign (up|in)|privacy policy|terms (of (service|use)|and conditions))$/i,
  /^(hire (a|an|the|top|our)|join (the|our|us)|read (more|our)|see (their|our|more|all)|subscribe|follow us|recent (articles|posts|jobs)|related (jobs|articles|posts)|view (all|more)|back to|click here|contact us|cookie (policy|settings)|©|copyright|all rights reserved)\b.{0,80}$/i,
  /equal (employment )?opportunit|\beeo\b|without regard to|regardless of (race|gender|age|religion|sex|background)|affirmative action|protected (veteran|characteristic|class)|reasonable accommodation|(celebrate|value|embrace) diversity|committed to (diversity|inclusion|creating an inclusive)/i,
  /^to apply\b|how to apply|send (us )?your (cv|resume|résumé|application)|submit your (cv|resume|application)|\bapply (now|here|via|through|online|today)\b|\bcover letter\b/i,
];

/** Company intro and marketing cues; only prose sentences are dropped for these. */
const MARKETING =
  /\b(we are (a|an|the)|we're (a|an|the)|our (company|mission|clients|customers|platform|culture|story)|founded in|trusted by|leading (provider|company|brands?)|world[- ]class|top \d+ ?%|marketplace|startups?|freelance|this (article|guide|template)|(job description|job ad) template|copy this template|\bhire\b|join (us|our)|fast[- ]growing|award[- ]winning|we('ve| have) (raised|grown|been)|backed by|series [a-d]\b|investors|we offer)\b/i;

/**
 * A company introducing itself in prose: "Parcelpoint is a logistics startup", "Krumm sells
 * refurbished electronics". A name (one to three capitalized words) and what the company does.
 */
const COMPANY_INTRO =
  /^(\p{Lu}[\p{L}\d&.'-]*\s){1,3}(is (a|an|the|one)\b(?! (must|plus|bonus|requirement|advantage)\b)|(builds|helps|makes|runs|sells|connects|processes|provides|offers|develops|creates|operates|designs|turns|powers|serves|has been)\b)/u;

/** A skill line that says it is optional belongs with the nice-to-haves. */
const NICE_CUE =
  /\b(a (big |huge |strong )?plus|an advantage|advantageous|nice[- ]to[- ]have|bonus|preferred|desirable|ideally|ein plus|von vorteil|wünschenswert|un plus|un atout|souhaitée?)\b/i;

// ---------------------------------------------------------------------------------------------
// Rows: each source line classified

type RowKind = 'blank' | 'heading' | 'label' | 'bullet' | 'text';

interface Row {
  kind: RowKind;
  /** Content without bullet or heading marks. */
  text: string;
  indent: number;
  line: number;
  /** The bullet marker, to tell an emoji heading from an emoji bullet list. */
  marker?: string;
  /** Markdown heading depth 1-6, 7 for a bold-only line, 0 for a plain-text heading. */
  level: number;
}

const ASCII_BULLET = /^(?:[-*+]|\d{1,3}[.)]|\(\d{1,3}\)|[a-z]\)|\([a-z]\))\s+/i;
const SYMBOL_BULLET = /^[•·–—▪◦●○■□►▸‣⁃∙➢➤→✓✔★☆♦◆◇▫▹]\s*/u;
/** U+FFFD: an emoji that lost a byte on the way (see fixMojibake). */
const EMOJI_BULLET =
  /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|[0-9#*]\uFE0F?\u20E3|\uFFFD)(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F|\u200D)*\s*/u;
/** Pictographic by Unicode, but they start footers ("© 2024"), not lists. */
const NOT_BULLETS = /^[©®™]/;

function classifyRows(lines: SourceLine[]): Row[] {
  const raw = lines.map(toRawRow);
  return raw.map((row, index) => resolveRow(row, raw[index - 1], raw[index + 1]));
}

/** First look at one line: blank, Markdown or bold heading, bullet, or plain text. */
function toRawRow(source: SourceLine): Row {
  const trimmed = source.text.trimStart();
  const base = { indent: source.text.length - trimmed.length, line: source.line, level: 0 };
  if (!trimmed) return { ...base, kind: 'blank', text: '' };
  const hashes = /^(#{1,6})\s+/.exec(trimmed);
  if (hashes?.[1]) {
    const text = stripMarkdown(trimmed.slice(hashes[0].length).replace(/\s#+$/, ''));
    return { ...base, kind: 'heading', text: stripEmoji(text), level: hashes[1].length };
  }
  const bold = /^(\*\*|__)([^*_]{1,100})\1\s*(:?)$/.exec(trimmed);
  if (bold?.[2]) return { ...base, kind: 'heading', text: `${bold[2].trim()}${bold[3]}`, level: 7 };
  const marker = bulletMarker(trimmed);
  if (marker !== undefined) {
    const text = stripMarkdown(trimmed.slice(marker.length));
    return { ...base, kind: 'bullet', text, marker: marker.trim() };
  }
  return { ...base, kind: 'text', text: stripMarkdown(trimmed) };
}

function bulletMarker(text: string): string | undefined {
  if (NOT_BULLETS.test(text)) return undefined;
  return (ASCII_BULLET.exec(text) ?? SYMBOL_BULLET.exec(text) ?? EMOJI_BULLET.exec(text))?.[0];
}

/** Second look, with the neighbouring lines: which bullets and text lines are headings or labels. */
function resolveRow(row: Row, previous: Row | undefined, next: Row | undefined): Row {
  if (row.kind === 'heading') return resolveStyledHeading(row);
  if (row.kind === 'bullet') return resolveBullet(row, previous, next);
  if (row.kind !== 'text') return row;
  if (row.text.endsWith(':')) return resolveColonLine(row);
  return isPlainHeading(row, previous, next) ? { ...row, kind: 'heading' } : row;
}

function resolveStyledHeading(row: Row): Row {
  if (row.level === 7 && row.text.endsWith(':') && !namesSection(row.text)) return asLabel(row);
  return { ...row, text: withoutColon(row.text) };
}

function resolveBullet(row: Row, previous: Row | undefined, next: Row | undefined): Row {
  if (isEmojiHeading(row, previous, next))
    return { ...row, kind: 'heading', text: withoutColon(stripEmoji(row.text)) };
  return row.text.endsWith(':') && wordCount(row.text) <= 12 ? asLabel(row) : row;
}

/**
 * "🚀 What you'll do" starting a block of "👉" lines or a paragraph is a heading; "✅ Strong Git
 * skills" in a list of ✅ lines is a bullet.
 */
function isEmojiHeading(row: Row, previous: Row | undefined, next: Row | undefined): boolean {
  const marker = row.marker ?? '';
  if (ASCII_BULLET.test(marker) || !EMOJI_BULLET.test(marker)) return false;
  if (!headingKind(row.text) || wordCount(row.text) > 5) return false;
  if (row.text.endsWith(':')) return true;
  const startsBlock = !previous || previous.kind === 'blank' || previous.kind === 'heading';
  const listFollows = next?.kind === 'bullet' && next.marker !== marker;
  const proseFollows = next?.kind === 'text';
  return startsBlock && (listFollows || proseFollows) && !/[.!?,;]$/.test(row.text);
}

function resolveColonLine(row: Row): Row {
  if (namesSection(row.text)) return { ...row, kind: 'heading', text: withoutColon(row.text) };
  return wordCount(row.text) <= 12 ? asLabel(row) : row;
}

/** Short, unpunctuated lines that look like titles, in capitals, or name a known section. */
function isPlainHeading(row: Row, previous: Row | undefined, next: Row | undefined): boolean {
  const words = wordCount(row.text);
  if (words > 10 || /[.!?,;]$/.test(row.text) || row.text.includes(': ')) return false;
  // An indented line under a bullet is that bullet wrapped, whatever it looks like.
  if (previous?.kind === 'bullet' && row.indent > previous.indent) return false;
  if (ITEM_START.test(row.text)) return false;
  const startsBlock = !previous || previous.kind === 'blank' || previous.kind === 'heading';
  if (isAllCaps(row.text) && startsBlock) return true;
  const isolated =
    startsBlock &&
    (!next || next.kind === 'blank' || next.kind === 'bullet' || next.kind === 'heading');
  const titleLike = isTitleLike(row.text);
  if (headingKind(row.text) && words <= 8 && (titleLike || isolated)) return true;
  // "The role" on its own line, right above a paragraph.
  const leadsParagraph =
    words <= 4 && startsBlock && next?.kind === 'text' && wordCount(next.text) >= 12;
  return (titleLike && isolated) || leadsParagraph || (startsBlock && isSectionPhrase(row.text));
}

/**
 * "What you will do", "Your profile": a section name phrased as one, which is a heading even
 * when the list under it lost its markers. "Experience with Go" is a skill, not a heading.
 */
function isSectionPhrase(text: string): boolean {
  if (wordCount(text) > 8) return false;
  return /^(what|who|why|how|about|your|our|the|key|main|core)\b/i.test(text) && namesSection(text);
}

/** A section or boilerplate heading; a role ("Backend engineers:") labels a list instead. */
function namesSection(text: string): boolean {
  const kind = headingKind(text);
  return kind !== undefined && kind !== 'title';
}

/** How a skill item starts ("Strong React skills", "Experience with Go"), never a heading. */
const ITEM_START =
  /^(strong|solid|excellent|good|great|deep|proven|hands-on|working|practical|basic|advanced|fluent|professional|commercial|familiarity|proficiency|understanding|ability|experience (with|in|of|using|building|designing|running)|knowledge (of|in)|\d+\+? years)\b/i;

function isAllCaps(text: string): boolean {
  const capitals = text.match(/\p{Lu}/gu)?.length ?? 0;
  return capitals >= 3 && /^\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text) && !/[,/]/.test(text);
}

/** Most words capitalized ("Skills And Qualifications", "How to Hire Back-end Developers"). */
function isTitleLike(text: string): boolean {
  const words = text.split(' ').filter((word) => /\p{L}/u.test(word));
  const significant = words.filter((word) => word.length > 3 || /^\p{Lu}/u.test(word));
  const capitalized = significant.filter((word) => /^[\p{Lu}\d]/u.test(word));
  return significant.length > 0 && capitalized.length / significant.length >= 0.75;
}

function asLabel(row: Row): Row {
  return { ...row, kind: 'label', text: withoutColon(row.text) };
}

// ---------------------------------------------------------------------------------------------
// Drafts: skill lines collected while walking the rows

interface Draft {
  text: string;
  section: JdSection;
  heading?: string;
  label?: string;
  line: number;
  fromProse: boolean;
  tier: Tier;
}

/**
 * How sure the parser is that a draft is a skill line. Only the best tier found is returned:
 * prose outside skill sections counts when the description has no skill lines at all, and
 * text under boilerplate headings only when it has nothing else, so that no description is
 * dropped whole.
 */
type Tier = 'skill' | 'outside' | 'boilerplate';
const TIERS: Tier[] = ['skill', 'outside', 'boilerplate'];

interface SectionState {
  section: JdSection;
  heading?: string;
  /** Boilerplate (benefits, about us...): nothing under it is a skill line. */
  skip: boolean;
  level: number;
}

interface LabelState {
  text: string;
  indent: number;
  /** A bullet label scopes the bullets indented under it; a plain one lasts until the next heading. */
  fromBullet: boolean;
  section: JdSection;
  skip: boolean;
}

/** The bullet a wrapped physical line may continue. */
interface OpenBullet {
  indent: number;
  draft: Draft;
  /** Its last physical line: what a continuation is judged against. */
  lastLine: string;
}

class DraftCollector {
  private drafts: Draft[] = [];
  private context: SectionState = { section: 'other', skip: false, level: 0 };
  private label?: LabelState;
  private openBullet?: OpenBullet;
  private paragraph: Row[] = [];

  take(row: Row): void {
    if (row.kind === 'text') return this.takeText(row);
    this.flushParagraph();
    this.openBullet = undefined;
    if (row.kind === 'heading') this.enterHeading(row);
    else if (row.kind === 'label') this.enterLabel(row);
    else if (row.kind === 'bullet') this.addBullet(row);
  }

  finish(): Draft[] {
    this.flushParagraph();
    return this.drafts;
  }

  private enterHeading(row: Row): void {
    const kind = headingKind(row.text);
    // An unknown Markdown or bold sub-heading inside a skill section ("### Backend") labels the
    // lists under it rather than ending the section.
    if (!kind && isSkillSection(this.context.section) && row.level > this.context.level) {
      const { section, skip } = this.context;
      this.label = { text: row.text, indent: -1, fromBullet: false, section, skip };
      return;
    }
    this.label = undefined;
    this.context = {
      section: sectionOf(kind) ?? 'other',
      heading: row.text,
      skip: kind === 'boilerplate',
      level: row.level,
    };
  }

  private enterLabel(row: Row): void {
    const kind = headingKind(row.text);
    const inherited = this.scope();
    this.label = {
      text: row.text,
      indent: row.indent,
      fromBullet: row.marker !== undefined,
      section: sectionOf(kind) ?? inherited.section,
      skip: inherited.skip || kind === 'boilerplate',
    };
  }

  /** The section and skip flag that apply here: the label's if there is one in scope. */
  private scope(): { section: JdSection; skip: boolean } {
    return this.label ?? this.context;
  }

  private addBullet(row: Row): void {
    if (this.label?.fromBullet && row.indent <= this.label.indent) this.label = undefined;
    const tier = this.scope().skip ? 'boilerplate' : 'skill';
    const draft = this.newDraft(row.text, row.line, { fromProse: false, tier });
    this.drafts.push(draft);
    this.openBullet = { indent: row.indent, draft, lastLine: row.text };
  }

  private takeText(row: Row): void {
    if (this.openBullet && continuesBullet(this.openBullet, row)) {
      this.openBullet.draft.text += ` ${row.text}`;
      this.openBullet.lastLine = row.text;
      return;
    }
    this.openBullet = undefined;
    const inline = inlineSection(row.text);
    if (!inline) {
      this.paragraph.push(row);
      return;
    }
    this.flushParagraph();
    const skipped = inline.kind === 'boilerplate' || this.scope().skip;
    const placement = { label: inline.label, section: sectionOf(inline.kind) ?? 'other' };
    const tier = skipped ? 'boilerplate' : 'skill';
    this.drafts.push(
      this.newDraft(inline.content, row.line, { fromProse: false, tier }, placement),
    );
  }

  /**
   * Plain-text blocks. In a skill section, short lines are items of a list whose markers were
   * lost and longer ones are read as sentences; elsewhere everything is prose.
   */
  private flushParagraph(): void {
    const rows = this.paragraph;
    this.paragraph = [];
    if (!rows.length) return;
    const lines = joinWrappedLines(rows);
    const { skip, section } = this.scope();
    const tier: Tier = skip ? 'boilerplate' : isSkillSection(section) ? 'skill' : 'outside';
    const listed = tier === 'skill' && lines.length >= 2 && isMostlyList(lines);
    for (const line of lines) {
      if (listed && isListLike(line)) {
        this.drafts.push(this.newDraft(line.text, line.line, { fromProse: false, tier }));
        continue;
      }
      for (const sentence of splitSentences(line.text, MAX_SENTENCE_CHARS)) {
        this.drafts.push(this.newDraft(sentence, line.line, { fromProse: true, tier }));
      }
    }
  }

  /** `placement` overrides the section and label in scope (an inline "Tech stack: ..." line). */
  private newDraft(
    text: string,
    line: number,
    origin: { fromProse: boolean; tier: Tier },
    placement?: { label: string; section: JdSection },
  ): Draft {
    const section = placement?.section ?? this.scope().section;
    return {
      text,
      section: section === 'required' && NICE_CUE.test(text) ? 'nice_to_have' : section,
      heading: this.context.heading,
      label: placement?.label ?? this.label?.text,
      line,
      ...origin,
    };
  }
}

/** The section a heading opens, if it opens one. */
function sectionOf(kind: HeadingKind | undefined): JdSection | undefined {
  return kind === 'boilerplate' || kind === 'title' ? undefined : kind;
}

/** "Tech stack: Node.js, PostgreSQL": a section name and its content on one line. */
interface InlineSection {
  label: string;
  kind: HeadingKind;
  content: string;
}

function inlineSection(text: string): InlineSection | undefined {
  const colon = text.indexOf(': ');
  if (colon < 2 || colon > 40) return undefined;
  const label = text.slice(0, colon);
  const kind = wordCount(label) <= 4 ? headingKind(label) : undefined;
  return kind && kind !== 'title' ? { label, kind, content: text.slice(colon + 2) } : undefined;
}

function isSkillSection(section: JdSection): boolean {
  return section !== 'other';
}

/** A physical line that carries on the bullet above it rather than starting something new. */
function continuesBullet(open: OpenBullet, row: Row): boolean {
  if (row.indent > open.indent || /^[\p{Ll}(&]/u.test(row.text)) return true;
  return /[,;&/+-]$|\b(and|or|with|of|in|for|to|the|a|an)$/i.test(open.lastLine);
}

/** Joins hard-wrapped prose: a line carries on when the previous one did not end a sentence. */
function joinWrappedLines(rows: Row[]): SourceLine[] {
  const lines: SourceLine[] = [];
  rows.forEach((row, i) => {
    const previous = rows[i - 1]?.text ?? '';
    const last = lines[lines.length - 1];
    const carriesOn =
      !/[.!?:]$/.test(previous) &&
      (/^[\p{Ll}(&]/u.test(row.text) || /[,;&-]$|\b(and|or|with|of)$/i.test(previous));
    if (last && carriesOn) last.text += ` ${row.text}`;
    else lines.push({ text: row.text, line: row.line });
  });
  return lines;
}

/** Short and one sentence at most: an item of a list whose markers were lost in a copy. */
function isListLike(line: SourceLine): boolean {
  return wordCount(line.text) <= 15 && !/[.!?]\s/.test(line.text);
}

/** Most lines short: a list whose markers were lost, maybe with a long item or two. */
function isMostlyList(lines: SourceLine[]): boolean {
  return lines.filter(isListLike).length * 2 >= lines.length;
}

// ---------------------------------------------------------------------------------------------
// Finishing: tidy, drop junk, fall back to prose, number

function finalize(drafts: Draft[]): JdLine[] {
  const kept = drafts.flatMap(splitOverlong).filter(isSkillCandidate);
  const tier = TIERS.find((candidate) => kept.some((draft) => draft.tier === candidate));
  const seen = new Set<string>();
  return kept
    .filter((draft) => draft.tier === tier)
    .filter((draft) => isFirstOccurrence(draft, seen))
    .slice(0, MAX_LINES)
    .map(({ tier: _tier, ...draft }, position) => ({
      ...draft,
      fromProse: draft.fromProse || tier !== 'skill',
      position,
    }))
    .map(withoutEmptyFields);
}

/** Tidies the text; an overlong bullet is read as prose, sentence by sentence. */
function splitOverlong(draft: Draft): Draft[] {
  const text = tidy(draft.text);
  if (text.length <= MAX_ITEM_CHARS) return [{ ...draft, text }];
  return splitSentences(text, MAX_SENTENCE_CHARS).map((sentence) => ({
    ...draft,
    text: tidy(sentence),
    fromProse: true,
  }));
}

/** The same line twice in a section (a pasted page often repeats itself) is listed once. */
function isFirstOccurrence(draft: Draft, seen: Set<string>): boolean {
  const key = `${draft.section} ${draft.text.toLowerCase()}`;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

function isSkillCandidate(draft: Draft): boolean {
  if (!/\p{L}{2}/u.test(draft.text)) return false;
  if (JUNK_LINES.some((pattern) => pattern.test(draft.text))) return false;
  return !(draft.fromProse && (MARKETING.test(draft.text) || COMPANY_INTRO.test(draft.text)));
}

function withoutEmptyFields(line: JdLine): JdLine {
  const result = { ...line };
  if (result.heading === undefined) delete result.heading;
  if (result.label === undefined) delete result.label;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Markdown emphasis, code marks, links and task-list boxes removed. */
function stripMarkdown(text: string): string {
  return text
    .replace(/^\[[ xX]\]\s+/, '')
    .replace(/\[([^\]]{0,300})\]\([^)\s]{0,500}\)/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .replace(/(^|\s)[*_](?=\S)|(?<=\S)[*_](?=\s|$|[.,;:])/g, '$1');
}

function stripEmoji(text: string): string {
  return text.replace(/[\p{Extended_Pictographic}\uFE0F\u200D]|\uFFFD/gu, '').trim();
}

function withoutColon(text: string): string {
  return text.replace(/\s*:$/, '').trim();
}

function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:.\-–—]+|[\s,;:]+$/g, '')
    .trim();
}

function wordCount(text: string): number {
  let count = 0;
  for (const word of text.split(' ')) if (/[\p{L}\p{N}]/u.test(word)) count += 1;
  return count;
}
