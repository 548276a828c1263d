import { createHash } from 'node:crypto';
import type { KindedNote, NoteKind } from '../import-notes';
import {
  questionSchema,
  type CommonQuestionKey,
  type NumericRange,
  type QuestionInput,
} from '../question.schemas';
import {
  containsHtml,
  decodeEntities,
  htmlToMarkdown,
  htmlToText,
  type HtmlConversion,
  type HtmlOutput,
} from './gift-html';

/**
 * Moodle GIFT import, read the way Moodle's own qformat_gift reads it: blank lines separate
 * items, `//` lines are comments, `$CATEGORY:` switches category, and the first `{...}` decides
 * the question type (numeric if it starts with `#`, multiple choice if it holds a `~`, matching
 * if it holds `=` and `->`, true/false for T/TRUE/F/FALSE, else short answer; `{}` is an essay).
 * Pure: text in, questions and findings out.
 */

export interface GiftQuestion {
  line: number;
  category?: string;
  question: QuestionInput;
}

export interface GiftNote {
  line: number;
  message: string;
  kind: NoteKind;
}

export interface GiftError {
  line: number;
  message: string;
  /** The file reads fine but this question breaks a rule: the others can be imported without it. */
  skippable?: true;
}

export interface GiftResult {
  questions: GiftQuestion[];
  notes: GiftNote[];
  errors: GiftError[];
}

export interface GiftOptions {
  /** The bank chosen for the whole file: it names every id, whatever the categories say. */
  skill?: string;
  /** Banks chosen for categories (by category name) that name no bank themselves. */
  categoryBanks?: Readonly<Record<string, string>>;
}

type TextFormat = 'moodle' | 'html' | 'plain' | 'markdown';
type CommonKey = CommonQuestionKey;
/** The fields that differ per question type (distributes over the union). */
type TypeFields = QuestionInput extends infer Q
  ? Q extends unknown
    ? Omit<Q, CommonKey>
    : never
  : never;

interface Line {
  number: number;
  text: string;
}

interface Block {
  lines: Line[];
  comments: string[];
}

/** A multiple-choice answer with its text ready for the question. */
interface Choice {
  marker: string;
  weight: number | undefined;
  text: string;
}

interface FeedbackLine {
  label: string;
  text: string;
}

/** What the type readers share: the question's text format and where findings go. */
interface Context {
  format: TextFormat;
  notes: KindedNote[];
  feedback: FeedbackLine[];
  generalFeedback: string;
}

interface Answer {
  marker: string;
  /** Percent given as `%50%`; undefined when the answer has none. */
  weight: number | undefined;
  text: Source;
  feedback: Source | undefined;
}

const BLANK = '_____';
const DEFAULT_RUBRIC = 'Grade against the question.';
const ANY_OTHER_ANSWER = 'Any other answer';
const DEFAULT_DIFFICULTY = 3;
const MAX_ID_LENGTH = 64;
const MAX_SKILL_LENGTH = 40;
const MAX_TAG_LENGTH = 40;
const MAX_TAGS = 20;
const MAX_ISSUES_PER_QUESTION = 10;
const WEIGHT = /^%(-?\d+(?:\.\d+)?)%/;
const LOOKS_LIKE_WEIGHT = /^%[^%\s]{0,12}%/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const FORMAT_MARKER = /^\[(moodle|html|plain|markdown)\]/;
const TAG_COMMENT = /\[tag:([^\][]+)\]/g;
/** PHP's trim() characters except NUL, which the syntax twin uses for escapes. */
const LEADING_SPACE = /^[ \t\n\r\v]+/;
const TRAILING_SPACE = /[ \t\n\r\v]+$/;
const GENERIC_CATEGORY = /^(?:\$\w+\$|top)$/i;
/** Backtick code spans (the capture keeps them in split()). */
const CODE_SPAN = /(`+[^`]*?`+)/;

/** A problem that makes one item unreadable; it becomes an error on the item's line. */
class GiftSyntaxError extends Error {}

/** An item that reads fine but breaks a question rule (no correct answer, too few answers). */
class GiftInvalidQuestion extends Error {}

const lost = (message: string): KindedNote => ({ kind: 'lost-content', message });
const credit = (message: string): KindedNote => ({ kind: 'lost-credit', message });
const cosmetic = (message: string): KindedNote => ({ kind: 'cosmetic', message });

/**
 * A piece of GIFT text plus a twin of the same length in which every escape (`\~`, `\\`, `\n`...)
 * is blanked out: syntax characters are searched in the twin, content is cut from the raw text.
 * This keeps `\{` or `\=` from ever being taken for syntax, as Moodle's placeholders do.
 */
class Source {
  private constructor(
    readonly raw: string,
    private readonly syntax: string,
  ) {}

  static of(raw: string): Source {
    return new Source(raw, raw.replace(/\\[\\~=#{}:n]/g, '\0\0'));
  }

  get isEmpty(): boolean {
    return this.raw.length === 0;
  }

  indexOf(token: string, from = 0): number {
    return this.syntax.indexOf(token, from);
  }

  lastIndexOf(token: string): number {
    return this.syntax.lastIndexOf(token);
  }

  includes(token: string): boolean {
    return this.syntax.includes(token);
  }

  startsWith(token: string): boolean {
    return this.syntax.startsWith(token);
  }

  /** Matches an anchored pattern against the start (limited, so huge answers stay cheap). */
  matchStart(pattern: RegExp): RegExpExecArray | null {
    return pattern.exec(this.syntax.slice(0, 64));
  }

  slice(start: number, end?: number): Source {
    return new Source(this.raw.slice(start, end), this.syntax.slice(start, end));
  }

  /** Trims the white space PHP's trim() does, so a non-breaking space stays, as in Moodle. */
  trim(): Source {
    const start = this.syntax.length - this.syntax.replace(LEADING_SPACE, '').length;
    const end = this.syntax.replace(TRAILING_SPACE, '').length;
    return this.slice(start, Math.max(start, end));
  }

  /** Splits at the first unescaped `token`; the second part is undefined when there is none. */
  splitFirst(token: string): [Source, Source | undefined] {
    const at = this.indexOf(token);
    return at < 0 ? [this, undefined] : [this.slice(0, at), this.slice(at + token.length)];
  }

  /** Pieces that each start at one of `markers` (the marker kept), after an unmarked lead. */
  splitBefore(markers: string): Source[] {
    const pieces: Source[] = [];
    let start = 0;
    for (let at = 0; at < this.syntax.length; at += 1) {
      if (markers.includes(this.syntax.charAt(at))) {
        pieces.push(this.slice(start, at));
        start = at;
      }
    }
    pieces.push(this.slice(start));
    return pieces;
  }

  /** The content with escapes resolved: `\~` is `~`, `\n` a new line, `\\` one backslash. */
  text(): string {
    return this.raw.replace(/\\([\\~=#{}:n])/g, (_, char: string) => (char === 'n' ? '\n' : char));
  }
}

export function parseGift(text: string, options: GiftOptions = {}): GiftResult {
  const reader = new GiftReader(options);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  reader.noteBrokenEncoding(lines);
  for (const block of splitBlocks(lines)) reader.readBlock(block);
  return reader.finish();
}

/**
 * Blank lines end an item; `//` lines are comments wherever they are. Lines are trimmed as in
 * Moodle, whose trim() keeps non-breaking spaces.
 */
function splitBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  lines.forEach((rawLine, index) => {
    const text = rawLine.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
    if (!text) {
      current = undefined;
      return;
    }
    if (!current) {
      current = { lines: [], comments: [] };
      blocks.push(current);
    }
    if (text.startsWith('//')) current.comments.push(text);
    else current.lines.push({ number: index + 1, text });
  });
  return blocks.filter((block) => block.lines.length > 0);
}

class GiftReader {
  private readonly result: GiftResult = { questions: [], notes: [], errors: [] };
  private readonly ids = new IdAllocator();
  private readonly chosenSkill: string;
  private category: string | undefined;

  constructor(private readonly options: GiftOptions) {
    this.chosenSkill = slugify(options.skill ?? '');
  }

  noteBrokenEncoding(lines: string[]): void {
    const broken = lines.flatMap((line, index) => (line.includes('\uFFFD') ? [index + 1] : []));
    const first = broken[0];
    if (first === undefined) return;
    const more = broken.length > 1 ? ` (and ${broken.length - 1} more lines)` : '';
    this.note(
      first,
      lost(`The text has “\uFFFD” characters${more}: the file was probably not saved as UTF-8.`),
    );
  }

  readBlock(block: Block): void {
    const [first, ...rest] = block.lines;
    if (!first) return;
    if (first.text.startsWith('$CATEGORY:')) {
      this.category = first.text.slice('$CATEGORY:'.length).trim();
      if (rest[0]) {
        this.note(
          rest[0].number,
          cosmetic(
            'Put a blank line after $CATEGORY: (Moodle would read this question as part of the category name).',
          ),
        );
        this.readQuestion(rest, block.comments);
      }
      return;
    }
    this.readQuestion(block.lines, block.comments);
  }

  finish(): GiftResult {
    if (!this.result.questions.length && !this.result.errors.length) {
      this.note(1, lost('The file has no questions.'));
    }
    return this.result;
  }

  private readQuestion(lines: Line[], comments: string[]): void {
    const line = lines[0]?.number ?? 1;
    const notes: KindedNote[] = [];
    try {
      const draft = readItem(Source.of(lines.map((l) => l.text).join('\n')), notes);
      if (draft) this.accept(line, { ...draft, tags: tagsFrom(comments, notes) });
    } catch (error) {
      if (error instanceof GiftInvalidQuestion) this.error(line, error.message, true);
      else if (error instanceof GiftSyntaxError) this.error(line, error.message);
      else throw error;
    }
    // Several answers can lose the same thing; one note per question says it.
    const seen = new Set<string>();
    for (const note of notes) {
      const key = `${note.kind}:${note.message}`;
      if (!seen.has(key)) this.note(line, note);
      seen.add(key);
    }
  }

  /** Gives the question its id and keeps it only if the shared schema accepts it. */
  private accept(line: number, draft: Draft & { tags: string[] }): void {
    const { title, ...fields } = draft;
    const slug = slugify(title.slice(0, 200)) || `q${sha256(fields.prompt).slice(0, 8)}`;
    const id = this.ids.allocate(this.skill(), slug);
    const parsed = questionSchema.safeParse({
      id,
      ...fields,
      difficulty: DEFAULT_DIFFICULTY,
      points: 1,
    });
    if (!parsed.success) {
      this.reportIssues(line, parsed.error.issues);
      return;
    }
    this.result.questions.push({ line, category: this.category, question: parsed.data });
  }

  /** Every problem is reported, but a runaway question (thousands of options) only up to a point. */
  private reportIssues(
    line: number,
    issues: { path: (string | number)[]; message: string }[],
  ): void {
    const shown = issues.slice(0, MAX_ISSUES_PER_QUESTION);
    shown.forEach((issue) => this.error(line, describeIssue(issue.path, issue.message), true));
    const more = issues.length - shown.length;
    if (more > 0) this.error(line, `... and ${more} more problems with this question.`, true);
  }

  /** The id prefix: the bank chosen for the file or the category, else the category's slug. */
  private skill(): string {
    const name = categoryName(this.category ?? '');
    const chosen =
      this.chosenSkill || slugify(bankChosenFor(name, this.options.categoryBanks) ?? '');
    return chosen || slugify(name).slice(0, MAX_SKILL_LENGTH).replace(/-$/, '') || 'gift';
  }

  private note(line: number, note: KindedNote): void {
    this.result.notes.push({ line, ...note });
  }

  private error(line: number, message: string, skippable = false): void {
    this.result.errors.push(skippable ? { line, message, skippable } : { line, message });
  }
}

/**
 * Ids are `<skill>-<slug>` (or the slug alone when it already starts with the skill, so
 * `git-stash-list` in `git` stays `git-stash-list`), cut to 64 characters, with -2, -3... on
 * repeats within the file.
 */
class IdAllocator {
  private readonly used = new Set<string>();

  allocate(skill: string, slug: string): string {
    const prefixed = !skill || slug === skill || slug.startsWith(`${skill}-`);
    const base = prefixed ? slug : `${skill}-${slug}`;
    for (let n = 1; ; n += 1) {
      const suffix = n === 1 ? '' : `-${n}`;
      const id = base.slice(0, MAX_ID_LENGTH - suffix.length).replace(/-+$/, '') + suffix;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

type Draft = TypeFields & { title: string; prompt: string; explanation: string };

/** One item (no category line): title, text, answer block. Undefined for a skipped description. */
function readItem(item: Source, notes: KindedNote[]): Draft | undefined {
  const { title, body } = splitTitle(item, notes);
  const layout = locateAnswerBlock(body);
  if (!layout) {
    rejectUnknownDirective(body);
    notes.push(
      lost(`Skipped a description (text without an answer block): “${preview(body.text())}”.`),
    );
    return undefined;
  }
  const [answers, general] = splitGeneralFeedback(layout.answers);
  const prompt = formatted(layout.questionText.trim(), 'moodle', notes);
  const context: Context = {
    format: prompt.format,
    notes,
    feedback: [],
    generalFeedback: general ? formatted(general.trim(), prompt.format, notes).text : '',
  };
  const fields = readAnswerBlock(answers.trim(), context);
  if (context.feedback.length) {
    notes.push(cosmetic('Per-answer feedback was merged into the explanation.'));
  }
  const explanation = fields.type === 'essay' ? '' : composeExplanation(context);
  return { ...fields, title, prompt: prompt.text, explanation };
}

/** `::title::` at the very start; an unclosed one is read as text, as Moodle does. */
function splitTitle(item: Source, notes: KindedNote[]): { title: string; body: Source } {
  if (!item.startsWith('::')) return { title: '', body: item };
  const end = item.indexOf('::', 2);
  if (end < 0) {
    notes.push(cosmetic('The title is not closed with “::”; it was read as question text.'));
    return { title: '', body: item.slice(2).trim() };
  }
  return { title: item.slice(2, end).text().trim(), body: item.slice(end + 2).trim() };
}

/**
 * Finds the one `{...}` answer block. The text around it is the question; when text follows the
 * block, the block becomes a `_____` blank (Moodle's "missing word" format).
 */
function locateAnswerBlock(body: Source): { questionText: Source; answers: Source } | undefined {
  const open = body.indexOf('{');
  const close = body.indexOf('}');
  if (open < 0 && close < 0) return undefined;
  if (open >= 0 && close < 0) {
    throw new GiftSyntaxError('The answer block “{” is never closed with “}”.');
  }
  if (open < 0 || close < open) {
    throw new GiftSyntaxError('Found “}” without an opening “{” (write \\} for a literal brace).');
  }
  const nested = body.indexOf('{', open + 1);
  if (nested >= 0 && nested < close) {
    throw new GiftSyntaxError('Found “{” inside an answer block (write \\{ for a literal brace).');
  }
  const after = body.slice(close + 1);
  if (after.includes('{') || after.includes('}')) {
    throw new GiftSyntaxError(
      'More than one answer block: put a blank line between questions, or escape braces as \\{ and \\}.',
    );
  }
  const blank = after.trim().isEmpty ? '' : BLANK;
  return {
    questionText: Source.of(body.slice(0, open).raw + blank + after.raw),
    answers: body.slice(open + 1, close),
  };
}

/** A block that is only `$WORD:` is a misspelt directive, not a description to skip quietly. */
function rejectUnknownDirective(body: Source): void {
  const directive = /^\$[a-z]+:/i.exec(body.raw.slice(0, 40));
  if (directive) {
    throw new GiftSyntaxError(
      `Unknown item “${directive[0]}”: the only directive is $CATEGORY: (in capitals).`,
    );
  }
}

/** Moodle takes everything after the last `####` as the general feedback. */
function splitGeneralFeedback(answers: Source): [Source, Source | undefined] {
  const at = answers.lastIndexOf('####');
  return at < 0 ? [answers, undefined] : [answers.slice(0, at), answers.slice(at + 4)];
}

/** Picks the question type the way Moodle's readquestion() does, in the same order. */
function readAnswerBlock(answers: Source, context: Context): TypeFields {
  if (answers.isEmpty) return essayFields(context);
  if (answers.startsWith('#')) return numericFields(answers.slice(1), context);
  if (answers.includes('~')) return choiceFields(answers, context);
  if (answers.includes('=') && answers.includes('->')) return matchingFields(answers, context);
  const truth = trueFalseKey(answers);
  if (truth !== undefined) return trueFalseFields(answers, truth, context);
  return shortTextFields(answers, context);
}

function essayFields(context: Context): TypeFields {
  if (context.generalFeedback) return { type: 'essay', rubric: context.generalFeedback };
  context.notes.push({
    kind: 'review',
    message: `Essay without grading guidance (write it after ####): the rubric is “${DEFAULT_RUBRIC}”.`,
  });
  return { type: 'essay', rubric: DEFAULT_RUBRIC };
}

/** Splits answers at their markers; the unmarked lead counts only when it has text, as in Moodle. */
function answerPieces(answers: Source, markers: string): Source[] {
  const [lead, ...rest] = answers.splitBefore(markers);
  const pieces = (lead && !lead.trim().isEmpty ? [lead, ...rest] : rest).map((piece) =>
    piece.trim(),
  );
  if (pieces.every((piece) => piece.slice(markerOf(piece, markers).length).trim().isEmpty)) {
    throw new GiftSyntaxError('The answer block has no answers.');
  }
  return pieces;
}

function markerOf(piece: Source, markers: string): string {
  const first = piece.raw.charAt(0);
  return first && markers.includes(first) ? first : '';
}

/** `=` or `~`, an optional `%weight%`, the answer, an optional `#feedback`. */
function readAnswer(piece: Source, markers: string, notes: KindedNote[]): Answer {
  const marker = markerOf(piece, markers);
  let rest = piece.slice(marker.length).trim();
  const weight = rest.matchStart(WEIGHT);
  if (weight?.[1] !== undefined) {
    rest = rest.slice(weight[0].length);
  } else if (rest.matchStart(LOOKS_LIKE_WEIGHT)) {
    notes.push(
      cosmetic(
        `“${preview(rest.text())}” does not start with a valid %weight%; it is kept as answer text.`,
      ),
    );
  }
  const value = weight?.[1] === undefined ? undefined : Number(weight[1]);
  if (value !== undefined && Math.abs(value) > 100) {
    throw new GiftInvalidQuestion(`The weight ${value}% is outside -100..100.`);
  }
  const [text, feedback] = rest.splitFirst('#');
  return { marker, weight: value, text: text.trim(), feedback: feedback?.trim() };
}

function addFeedback(context: Context, label: string, feedback: Source | undefined): void {
  const text = feedback ? formatted(feedback, context.format, context.notes).text : '';
  // Stars are escaped so a label like `re*` cannot break the bold around it.
  if (text) {
    context.feedback.push({ label: label.replace(/\s+/g, ' ').replace(/(?<!\\)\*/g, '\\*'), text });
  }
}

/**
 * Multiple choice. Moodle makes it single-answer when any answer is marked `=`, multi-answer
 * (checkboxes, weights) otherwise. Single choice here has no partial credit, and several `=`
 * answers cannot be one key, so those become weighted multiple choice.
 */
function choiceFields(answers: Source, context: Context): TypeFields {
  const pieces = answerPieces(answers, '~=');
  const parsed = pieces.flatMap((piece, index) => readChoice(piece, pieces[index + 1], context));
  if (parsed.length < 2) {
    throw new GiftInvalidQuestion('A multiple-choice question needs at least 2 answers.');
  }
  const choices = parsed.map((answer) => ({
    text: answer.text,
    weight: answer.weight ?? (answer.marker === '=' ? 100 : 0),
  }));
  const singleMode = parsed.some((answer) => answer.marker === '=');
  const fullCredit = choices.filter((choice) => choice.weight === 100).length;
  if (singleMode && fullCredit === 1) return singleChoice(choices, context);
  if (singleMode && fullCredit > 1) {
    context.notes.push(
      credit(
        `${fullCredit} answers give full credit: Moodle accepts any one of them, here it is multiple choice and the candidate picks them all (weights scaled to add up to 100%).`,
      ),
    );
    return weightedChoice(choices, context, false);
  }
  return weightedChoice(choices, context, true);
}

/**
 * One choice, or none for an answer without text: Moodle leaves those out when it saves the
 * question. `~=right` is the usual case, Moodle's `~` separator before a `=right` answer (its
 * importer turns every `=` into `~=`), so that `~` alone costs nothing and gets no note.
 */
function readChoice(piece: Source, next: Source | undefined, context: Context): Choice[] {
  const answer = readAnswer(piece, '~=', context.notes);
  if (answer.text.isEmpty) {
    const feedback = answer.feedback?.text().trim();
    if (feedback) {
      context.notes.push(
        lost(`An answer without text was left out, with its feedback “${preview(feedback)}”.`),
      );
    } else if (!(answer.marker === '~' && answer.weight === undefined && next?.startsWith('='))) {
      context.notes.push(
        cosmetic(
          `An empty answer (a “${answer.marker}” with nothing after it) was left out, as Moodle does.`,
        ),
      );
    }
    return [];
  }
  const text = formatted(answer.text, context.format, context.notes).text;
  if (!text) {
    noteBlankAnswer(answer, context);
    return [];
  }
  addFeedback(context, answerLabel(answer.text, context.format), answer.feedback);
  return [{ marker: answer.marker, weight: answer.weight, text }];
}

/**
 * An answer that shows as blank (a non-breaking space, `<p></p>`) cannot be an option or be
 * typed; Moodle keeps it as an empty-looking answer.
 */
function noteBlankAnswer(answer: Answer, context: Context): void {
  const shown = preview(answer.text.text().replace(/\u00a0/g, '&nbsp;'));
  context.notes.push(
    lost(
      `The answer “${shown}” has no visible text (Moodle keeps it as an empty-looking answer); it was left out.`,
    ),
  );
}

/** Plain words for an answer in the explanation's `**answer**: feedback` lines. */
function answerLabel(source: Source, format: TextFormat): string {
  return formatted(source, format, [], 'text').text;
}

function singleChoice(choices: { text: string; weight: number }[], context: Context): TypeFields {
  const dropped = choices.filter((choice) => choice.weight !== 100 && choice.weight !== 0);
  if (dropped.length) {
    const list = dropped
      .map((choice) => `“${preview(choice.text)}” (${choice.weight}%)`)
      .join(', ');
    context.notes.push(
      credit(
        `Single choice has no partial credit or penalty: ${list} now count as plain wrong answers.`,
      ),
    );
  }
  return {
    type: 'single',
    options: choices.map((choice) => ({ text: choice.text, correct: choice.weight === 100 })),
  };
}

/** Positive weights must add up to 100; Moodle warns but imports, so they are scaled instead. */
function weightedChoice(
  choices: { text: string; weight: number }[],
  context: Context,
  noteScaling: boolean,
): TypeFields {
  const positive = choices.reduce((sum, choice) => sum + Math.max(0, choice.weight), 0);
  if (positive <= 0) {
    throw new GiftInvalidQuestion(
      'No answer is correct: mark one with “=” or give a positive %weight%.',
    );
  }
  const scale = Math.abs(positive - 100) > 0.5 ? 100 / positive : 1;
  if (scale !== 1 && noteScaling) {
    context.notes.push(
      credit(`The positive weights add up to ${round(positive)}%; they were scaled to 100%.`),
    );
  }
  return {
    type: 'multiple',
    options: choices.map((choice) => {
      const weight =
        choice.weight > 0 && scale !== 1 ? round(choice.weight * scale) : choice.weight;
      return { text: choice.text, correct: weight > 0, weight };
    }),
  };
}

/** `=prompt -> answer`; Moodle's extra answers with an empty left side become distractors. */
function matchingFields(answers: Source, context: Context): TypeFields {
  const pieces = answerPieces(answers, '=');
  const pairs: { prompt: string; answer: string }[] = [];
  const extras: string[] = [];
  for (const piece of pieces) {
    const body = piece.slice(markerOf(piece, '=').length).trim();
    const [left, right] = body.splitFirst('->');
    if (!right) {
      throw new GiftSyntaxError(`The matching answer “${preview(body.text())}” has no “->”.`);
    }
    const prompt = formatted(left.trim(), context.format, context.notes).text;
    const answer = plainText(right.text().trim(), context.format, context.notes);
    if (prompt) pairs.push({ prompt, answer });
    else extras.push(answer);
  }
  return { type: 'matching', pairs, distractors: distinctDistractors(pairs, extras, context) };
}

function distinctDistractors(
  pairs: { answer: string }[],
  extras: string[],
  context: Context,
): string[] {
  const answers = new Set(pairs.map((pair) => pair.answer));
  const repeated = extras.filter((extra) => answers.has(extra));
  if (repeated.length) {
    context.notes.push(
      cosmetic(
        `Extra answers that are already matched were dropped: ${repeated.map((r) => `“${preview(r)}”`).join(', ')}.`,
      ),
    );
  }
  return [...new Set(extras.filter((extra) => !answers.has(extra)))];
}

/** Only the exact keywords T, TRUE, F and FALSE (before any `#`) make a true/false question. */
function trueFalseKey(answers: Source): boolean | undefined {
  const [key] = answers.splitFirst('#');
  const word = key.trim().raw;
  if (word === 'T' || word === 'TRUE') return true;
  if (word === 'F' || word === 'FALSE') return false;
  return undefined;
}

/** `{T#feedback if answered wrong#feedback if answered right}`. */
function trueFalseFields(answers: Source, truth: boolean, context: Context): TypeFields {
  const [, feedback] = answers.splitFirst('#');
  const [wrong, right] = feedback?.splitFirst('#') ?? [];
  addFeedback(context, truth ? 'True' : 'False', right);
  addFeedback(context, truth ? 'False' : 'True', wrong);
  return { type: 'true_false', answer: truth };
}

/**
 * Short answer: every full-credit answer is accepted; Moodle's `*` wildcard becomes a pattern.
 * Partial credit has no equivalent here, so those answers are dropped with a note.
 */
function shortTextFields(answers: Source, context: Context): TypeFields {
  const accepted: string[] = [];
  const wildcards: string[] = [];
  const partial: string[] = [];
  const parsed = answerPieces(answers, '=').map((piece) => readAnswer(piece, '=', context.notes));
  for (const answer of parsed) {
    const text = formatted(answer.text, context.format, context.notes, 'text').text;
    if (!text) {
      if (answer.text.isEmpty)
        context.notes.push(cosmetic('An empty answer was left out, as Moodle does.'));
      else noteBlankAnswer(answer, context);
      continue;
    }
    const weight = answer.weight ?? 100;
    addFeedback(context, text === '*' ? ANY_OTHER_ANSWER : text, answer.feedback);
    if (weight !== 100) {
      if (weight > 0) partial.push(`“${preview(text)}” (${weight}%)`);
      continue;
    }
    for (const variant of typeableVariants(text, context)) {
      if (hasWildcard(variant)) wildcards.push(variant);
      else accepted.push(variant.replace(/\\\*/g, '*'));
    }
  }
  if (partial.length) {
    context.notes.push(
      credit(`Partial credit cannot be represented; dropped ${partial.join(', ')}.`),
    );
  }
  if (!accepted.length && !wildcards.length) {
    throw new GiftInvalidQuestion('No short answer gets full credit.');
  }
  noteLookalikeTrueFalse(accepted, context);
  if (!wildcards.length) return { type: 'short_text', accepted };
  context.notes.push(cosmetic('Answers with the * wildcard were turned into a pattern.'));
  return { type: 'short_text', accepted, pattern: wildcards.map(wildcardPattern).join('|') };
}

/**
 * GIFT has no escape for `|`, so Moodle keeps `a\|b` with its backslash, which no candidate
 * would type when they mean `a|b`. Both spellings are accepted, so nothing that scored in
 * Moodle stops scoring here.
 */
function typeableVariants(text: string, context: Context): string[] {
  if (!text.includes('\\|')) return [text];
  const unescaped = text.replace(/\\\|/g, '|');
  context.notes.push(
    cosmetic(
      `“${preview(text)}” is also accepted as “${preview(unescaped)}”: GIFT has no escape for “|”, so Moodle would expect the backslash to be typed.`,
    ),
  );
  return [text, unescaped];
}

function noteLookalikeTrueFalse(accepted: string[], context: Context): void {
  const [only] = accepted;
  if (accepted.length === 1 && only !== undefined && /^(t|f|true|false)$/i.test(only)) {
    context.notes.push(
      cosmetic(
        `“${only}” is read as a short answer, as Moodle does; write {T} or {F} for a true/false question.`,
      ),
    );
  }
}

/** In Moodle short answers `*` matches anything and `\*` is a literal star. */
function hasWildcard(text: string): boolean {
  return /(^|[^\\])\*/.test(text);
}

function wildcardPattern(text: string): string {
  return text
    .split(/(\\\*|\*)/)
    .map((part) =>
      part === '*' ? '.*' : part === '\\*' ? '\\*' : part.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'),
    )
    .join('');
}

/**
 * Numeric: `answer`, `answer:tolerance` or `min..max`, several as `=%weight%...`, and `~#...`
 * for feedback on any other value. The first full-credit answer is the key, the others
 * alternatives with their credit.
 */
function numericFields(answers: Source, context: Context): TypeFields {
  const [scored, otherwise] = answers.splitFirst('~');
  const ranges = answerPieces(scored, '=').map((piece) => {
    const answer = readAnswer(piece, '=', context.notes);
    const range = readRange(answer.text);
    addFeedback(context, describeRange(range), answer.feedback);
    return { range, credit: answer.weight ?? 100 };
  });
  if (otherwise) addFeedback(context, ANY_OTHER_ANSWER, otherwise.splitFirst('#')[1]);
  const keyIndex = ranges.findIndex((entry) => entry.credit === 100);
  const key = ranges[keyIndex];
  if (!key) throw new GiftInvalidQuestion('No numeric answer gets full credit.');
  const others = ranges.filter((_, index) => index !== keyIndex);
  const unpaid = others.filter((entry) => entry.credit <= 0);
  if (unpaid.length) {
    context.notes.push(
      credit(
        `Numeric answers worth 0% or less were dropped: ${unpaid.map((e) => describeRange(e.range)).join(', ')}.`,
      ),
    );
  }
  const alternatives = others
    .filter((entry) => entry.credit > 0)
    .map((entry) => ({ ...entry.range, credit: entry.credit }));
  return { type: 'numeric', ...key.range, ...(alternatives.length ? { alternatives } : {}) };
}

function readRange(answer: Source): NumericRange {
  const dots = answer.indexOf('..');
  if (dots > 0) {
    return { min: toNumber(answer.slice(0, dots)), max: toNumber(answer.slice(dots + 2)) };
  }
  const colon = answer.indexOf(':');
  if (colon > 0) {
    return {
      answer: toNumber(answer.slice(0, colon)),
      tolerance: toNumber(answer.slice(colon + 1)),
    };
  }
  return { answer: toNumber(answer) };
}

function toNumber(source: Source): number {
  const text = source.text().trim();
  const value = Number(text);
  if (!NUMBER.test(text) || !Number.isFinite(value)) {
    throw new GiftSyntaxError(`“${preview(text)}” is not a number.`);
  }
  return value;
}

function describeRange(range: NumericRange): string {
  if (range.min !== undefined) return `${range.min} to ${range.max}`;
  return range.tolerance ? `${range.answer} ± ${range.tolerance}` : `${range.answer}`;
}

/** General feedback first, then one paragraph per answer that had feedback. */
function composeExplanation(context: Context): string {
  const perAnswer = context.feedback.map((line) => `**${line.label}**: ${line.text}`);
  return [context.generalFeedback, ...perAnswer].filter(Boolean).join('\n\n');
}

/**
 * Text with an optional `[format]` marker, else the inherited format, as Markdown (prompts,
 * options, feedback) or as plain text (answers a candidate types or picks from a list).
 */
function formatted(
  source: Source,
  inherited: TextFormat,
  notes: KindedNote[],
  output: HtmlOutput = 'markdown',
): { format: TextFormat; text: string } {
  const text = source.text().trim();
  const marker = FORMAT_MARKER.exec(text);
  const format = (marker?.[1] as TextFormat | undefined) ?? inherited;
  const body = marker ? text.slice(marker[0].length) : text;
  return {
    format,
    text: (output === 'text'
      ? plainText(body, format, notes)
      : markdownText(body, format, notes)
    ).trim(),
  };
}

/**
 * `[html]` becomes Markdown. Moodle's default format is HTML too (Moodle renders its tags), so
 * tags written there become formatting instead of showing as `<b>`; the rest of that text is
 * kept as written, like `[plain]` and `[markdown]` text (prompts are Markdown). Tags inside
 * backticks are code, not HTML.
 */
function markdownText(body: string, format: TextFormat, notes: KindedNote[]): string {
  if (format === 'html')
    return withNotes(htmlToMarkdown(body, { collapseWhitespace: true }), notes);
  if (format !== 'moodle') return body;
  const parts = body.split(CODE_SPAN);
  if (!containsHtml(parts.filter((_, index) => index % 2 === 0).join(' '))) return body;
  notes.push(cosmetic('HTML tags in the text were read as formatting, as Moodle shows them.'));
  return parts
    .map((part, index) =>
      index % 2 === 1
        ? part
        : withNotes(htmlToMarkdown(part, { collapseWhitespace: false }), notes),
    )
    .join('');
}

/** Answers are compared with what candidates type, so markup goes and entities are decoded. */
function plainText(body: string, format: TextFormat, notes: KindedNote[]): string {
  if (format === 'plain') return body;
  if (format === 'html' || containsHtml(body)) return withNotes(htmlToText(body), notes);
  return decodeEntities(body);
}

function withNotes(conversion: HtmlConversion, notes: KindedNote[]): string {
  notes.push(...conversion.notes);
  return conversion.text;
}

/** Moodle 3.6+ writes `// [tag:name]` comments; they become the question's tags. */
function tagsFrom(comments: string[], notes: KindedNote[]): string[] {
  const found = comments.flatMap((comment) =>
    [...comment.matchAll(TAG_COMMENT)].map((match) => (match[1] ?? '').trim()),
  );
  const tags = [...new Set(found.filter(Boolean).map((tag) => tag.toLowerCase()))];
  const tooLong = tags.filter((tag) => tag.length > MAX_TAG_LENGTH);
  if (tooLong.length) {
    notes.push(
      lost(
        `Tags longer than ${MAX_TAG_LENGTH} characters were dropped: ${tooLong.map((t) => `“${preview(t)}”`).join(', ')}.`,
      ),
    );
  }
  const kept = tags.filter((tag) => tag.length <= MAX_TAG_LENGTH);
  if (kept.length > MAX_TAGS) {
    notes.push(lost(`Only the first ${MAX_TAGS} of ${kept.length} tags were kept.`));
  }
  return kept.slice(0, MAX_TAGS);
}

/**
 * The bank chosen for a category, matched by its name as written or by the same slug (so a
 * mapping typed on the command line need not repeat capitals and punctuation exactly).
 */
export function bankChosenFor(
  name: string,
  categoryBanks: Readonly<Record<string, string>> | undefined,
): string | undefined {
  if (!name || !categoryBanks) return undefined;
  const exact = categoryBanks[name];
  if (exact) return exact;
  const slug = slugify(name);
  const match = Object.entries(categoryBanks).find(([key]) => slug && slugify(key) === slug);
  return match?.[1];
}

/**
 * The name a category path gives its questions: the last segment, `//` being Moodle's escape
 * for a `/` inside a name. Empty for Moodle's own roots (`$course$`, `top`), which name nothing.
 */
export function categoryName(category: string): string {
  const segments = category.replace(/\/\//g, '\0').split('/');
  const last = (segments[segments.length - 1] ?? '').replace(/\0/g, '/').trim();
  return GENERIC_CATEGORY.test(last) ? '' : last;
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function describeIssue(path: (string | number)[], message: string): string {
  const where = path.map((part) => (typeof part === 'number' ? `#${part + 1}` : part)).join(' ');
  return where ? `${where}: ${message}` : message;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
