import type { KindedNote } from '../import-notes';

/**
 * HTML from Moodle question text, turned into what questions here hold: Markdown for prompts,
 * options and feedback, plain text for answers a candidate types or picks from a list.
 * Formatting Markdown can show (bold, italics, code, links, lists, paragraphs) is kept; links
 * and media that cannot be shown are reported, never dropped silently. Pure and linear in the
 * length of the input, so a hostile file cannot stall it.
 */

export type HtmlOutput = 'markdown' | 'text';

export interface HtmlConversion {
  text: string;
  notes: KindedNote[];
}

interface Tag {
  closing: boolean;
  name: string;
  attributes: string;
}

type Token = { text: string } | { tag: Tag };

/** Elements Moodle's editors write; text holding one of them is HTML, not prose about tags. */
const KNOWN_ELEMENTS =
  'a|abbr|audio|b|big|blockquote|br|center|code|del|div|em|embed|font|h[1-6]|hr|i|iframe|img|ins|kbd|li|mark|object|ol|p|pre|s|samp|script|small|source|span|strike|strong|style|sub|sup|svg|table|tbody|td|tfoot|th|thead|tr|tt|u|ul|var|video';
const KNOWN_TAG = new RegExp(`<\\/?(?:${KNOWN_ELEMENTS})\\b[^<>]{0,2000}>`, 'i');
const TAG_AT = /<(\/?)([a-z][a-z0-9]*)\b([^<>]*)>/iy;
const BLOCKS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'table',
  'hr',
  'center',
  'section',
  'article',
  'header',
  'footer',
  'figure',
  'figcaption',
  'dl',
]);
const BOLD = new Set(['b', 'strong']);
const ITALIC = new Set(['i', 'em']);
const CODE = new Set(['code', 'tt', 'kbd', 'samp', 'var']);
/** Formatting Markdown cannot show: the text stays, the look goes (a cosmetic note). */
const UNSHOWN_FORMATTING: Record<string, string> = {
  u: 'underline',
  ins: 'underline',
  s: 'strike-through',
  strike: 'strike-through',
  del: 'strike-through',
  sub: 'subscript',
  sup: 'superscript',
  font: 'font and colour',
  mark: 'highlighting',
  big: 'text size',
  small: 'text size',
  blockquote: 'quotation indent',
  table: 'table layout',
  style: 'styling',
};
/** Elements whose content is fallback or code, never text to show. */
const SKIPPED_CONTENT = new Set(['script', 'style', 'svg', 'audio', 'video', 'object', 'iframe']);
const MEDIA = new Set(['audio', 'video', 'iframe', 'object', 'embed']);
const MEDIA_NAMES: Record<string, string> = {
  audio: 'audio',
  video: 'video',
  iframe: 'embedded page',
  object: 'embedded object',
  embed: 'embedded object',
};
const WEB_LINK = /^(https?:\/\/|mailto:)/i;
const HTML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};
const MARKDOWN_SPECIAL = /[\\`*_[\]]/g;
const PRE_MARK = '\u0000';
/** Deeper code, link and list nesting is read as text: it keeps every step cheap on hostile input. */
const MAX_NESTING = 32;

/** Whether the text holds HTML tags Moodle would render (so they are not shown as written). */
export function containsHtml(text: string): boolean {
  return KNOWN_TAG.test(text);
}

/**
 * HTML to Markdown. `collapseWhitespace` is HTML's own rule (true for `[html]` text); Moodle's
 * auto-format keeps line breaks, and its text is already written as the prompt is read, so it
 * is neither collapsed nor escaped.
 */
export function htmlToMarkdown(
  html: string,
  options: { collapseWhitespace: boolean },
): HtmlConversion {
  return new Converter('markdown', options.collapseWhitespace).convert(html);
}

/** HTML to the plain text of an answer: tags removed, entities decoded, links reduced to text. */
export function htmlToText(html: string): HtmlConversion {
  return new Converter('text', true).convert(html);
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (entity, name: string) => {
    if (!name.startsWith('#')) return HTML_ENTITIES[name.toLowerCase()] ?? entity;
    const code =
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

function* tokenize(html: string): Generator<Token> {
  let position = 0;
  let textStart = 0;
  while (position < html.length) {
    const open = html.indexOf('<', position);
    if (open < 0) break;
    const skipTo = skippedMarkup(html, open);
    TAG_AT.lastIndex = open;
    const match = skipTo === undefined ? TAG_AT.exec(html) : null;
    if (skipTo === undefined && !match) {
      position = open + 1;
      continue;
    }
    if (open > textStart) yield { text: html.slice(textStart, open) };
    if (match) {
      const [whole, slash, name, attributes] = match;
      yield {
        tag: {
          closing: slash === '/',
          name: (name ?? '').toLowerCase(),
          attributes: attributes ?? '',
        },
      };
      position = open + whole.length;
    } else {
      position = skipTo ?? html.length;
    }
    textStart = position;
  }
  if (textStart < html.length) yield { text: html.slice(textStart) };
}

/** Comments and `<!DOCTYPE>`-like markup end where they close (or at the end of the text). */
function skippedMarkup(html: string, open: number): number | undefined {
  if (html.startsWith('<!--', open)) {
    const end = html.indexOf('-->', open + 4);
    return end < 0 ? html.length : end + 3;
  }
  if (html.startsWith('<!', open) || html.startsWith('<?', open)) {
    const end = html.indexOf('>', open);
    return end < 0 ? html.length : end + 1;
  }
  return undefined;
}

function attribute(attributes: string, name: string): string | undefined {
  const pattern = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i');
  const match = pattern.exec(attributes);
  if (!match) return undefined;
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '').trim();
}

/** The last part of an address, for notes: `@@PLUGINFILE@@/maps/europe.png` is `europe.png`. */
function fileName(address: string): string {
  const path = address.split(/[?#]/)[0] ?? '';
  const last = path.split('/').filter(Boolean).pop() ?? address;
  const name = safeDecode(last);
  return name.length > 60 ? `${name.slice(0, 57)}...` : name;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Characters that would end a Markdown link destination early are percent-encoded. */
function linkTarget(address: string): string {
  return address.replace(
    /[\s()<>]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

interface Span {
  kind: 'code' | 'link' | 'pre';
  start: number;
  href?: string;
}

interface Media {
  name: string;
  source: string | undefined;
}

class Converter {
  private readonly out: string[] = [];
  private readonly spans: Span[] = [];
  private readonly lists: { ordered: boolean; count: number }[] = [];
  private readonly pres: string[] = [];
  private readonly lost = new Set<string>();
  private readonly changed = new Set<string>();
  private readonly unshown = new Set<string>();
  private skipped: string | undefined;
  private skippedDepth = 0;
  private media: Media | undefined;

  constructor(
    private readonly output: HtmlOutput,
    private readonly collapse: boolean,
  ) {}

  convert(html: string): HtmlConversion {
    for (const token of tokenize(html)) {
      if ('text' in token) this.text(token.text);
      else this.tag(token.tag);
    }
    this.closeAll();
    return { text: this.finish(), notes: this.notes() };
  }

  private get inPre(): boolean {
    return this.spans.some((span) => span.kind === 'pre');
  }

  private get inCode(): boolean {
    return this.spans.some((span) => span.kind === 'code' || span.kind === 'pre');
  }

  private text(raw: string): void {
    if (this.skipped) return;
    let text = decodeEntities(raw);
    if (this.collapse && !this.inPre) text = text.replace(/\s+/g, ' ');
    if (this.output === 'markdown' && this.collapse && !this.inCode) {
      text = text.replace(MARKDOWN_SPECIAL, '\\$&');
    }
    this.out.push(text);
  }

  private tag(tag: Tag): void {
    if (this.skipped) {
      this.insideSkipped(tag);
      return;
    }
    if (tag.closing) this.close(tag.name);
    else this.open(tag);
  }

  /** Inside skipped content only its own nesting, and media sources, matter. */
  private insideSkipped(tag: Tag): void {
    if (tag.name === 'source' && this.media && !this.media.source) {
      this.media.source = attribute(tag.attributes, 'src');
    }
    if (tag.name !== this.skipped) return;
    if (!tag.closing) {
      this.skippedDepth += 1;
      return;
    }
    this.skippedDepth -= 1;
    if (this.skippedDepth > 0) return;
    this.skipped = undefined;
    this.flushMedia();
  }

  private open(tag: Tag): void {
    const { name, attributes } = tag;
    if (name in UNSHOWN_FORMATTING) this.unshown.add(UNSHOWN_FORMATTING[name] as string);
    if (name === 'br') this.out.push('\n');
    else if (BLOCKS.has(name)) this.block();
    else if (name === 'tr') this.out.push('\n');
    else if (name === 'td' || name === 'th') this.out.push(' ');
    else if (name === 'li') this.listItem();
    else if (BOLD.has(name)) this.mark('**');
    else if (ITALIC.has(name)) this.mark('*');
    else if (CODE.has(name)) this.openSpan({ kind: 'code', start: this.out.length });
    else if (name === 'pre') this.openSpan({ kind: 'pre', start: this.out.length });
    else if (name === 'a')
      this.openSpan({ kind: 'link', start: this.out.length, href: attribute(attributes, 'href') });
    else if (name === 'img') this.image(attributes);
    else if (name === 'script') this.lost.add('a script');
    if ((name === 'ol' || name === 'ul') && this.lists.length < MAX_NESTING) {
      this.lists.push({ ordered: name === 'ol', count: 0 });
    }
    if (MEDIA.has(name)) {
      this.media = { name, source: attribute(attributes, name === 'object' ? 'data' : 'src') };
      if (name === 'embed') this.flushMedia();
    }
    if (SKIPPED_CONTENT.has(name)) {
      if (name === 'svg') this.lost.add('a drawing (SVG)');
      this.skipped = name;
      this.skippedDepth = 1;
    }
  }

  private close(name: string): void {
    if (BLOCKS.has(name)) this.block();
    if (name === 'ol' || name === 'ul') this.lists.pop();
    else if (BOLD.has(name)) this.mark('**');
    else if (ITALIC.has(name)) this.mark('*');
    else if (CODE.has(name)) this.closeSpan('code');
    else if (name === 'pre') this.closeSpan('pre');
    else if (name === 'a') this.closeSpan('link');
  }

  private openSpan(span: Span): void {
    if (this.spans.length < MAX_NESTING) this.spans.push(span);
  }

  private block(): void {
    if (!this.inPre) this.out.push('\n\n');
  }

  private listItem(): void {
    const list = this.lists[this.lists.length - 1];
    if (list) list.count += 1;
    const marker = list?.ordered ? `${list.count}. ` : '- ';
    this.out.push(this.output === 'markdown' ? `\n${marker}` : '\n');
  }

  private mark(marker: string): void {
    if (this.output === 'markdown' && !this.inCode) this.out.push(marker);
  }

  private closeSpan(kind: Span['kind']): void {
    const index = this.spans.map((span) => span.kind).lastIndexOf(kind);
    const span = this.spans[index];
    if (!span) return;
    this.spans.splice(index);
    const content = this.out.splice(span.start).join('');
    if (kind === 'code') this.out.push(this.codeSpan(content));
    else if (kind === 'pre') this.out.push(this.preBlock(content));
    else this.out.push(this.link(content, span.href));
  }

  private codeSpan(content: string): string {
    if (this.output === 'text' || this.inCode) return content;
    const text = content.replace(/\s+/g, ' ');
    if (!text.trim()) return text;
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
  }

  /** Code blocks keep their lines exactly; a placeholder shields them from the tidy-up. */
  private preBlock(content: string): string {
    if (this.output === 'text') return content;
    const longest = Math.max(2, ...(content.match(/`{3,}/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    this.pres.push(`${fence}\n${content.replace(/^\n|\n$/g, '')}\n${fence}`);
    return `\n\n${PRE_MARK}${this.pres.length - 1}${PRE_MARK}\n\n`;
  }

  private link(content: string, href: string | undefined): string {
    const label = content.trim();
    if (!href) return content;
    if (!WEB_LINK.test(href)) {
      this.lost.add(`the link on “${preview(label || href)}” (to “${preview(href)}”)`);
      return content;
    }
    if (this.output === 'text') {
      if (label !== href) this.lost.add(`the link on “${preview(label)}” (to “${preview(href)}”)`);
      return content;
    }
    return `[${label || href}](${linkTarget(href)})`;
  }

  private image(attributes: string): void {
    const source = attribute(attributes, 'src') ?? '';
    const alt = attribute(attributes, 'alt') || attribute(attributes, 'title') || '';
    const name = fileName(source) || 'image';
    if (WEB_LINK.test(source) && this.output === 'markdown') {
      this.changed.add(
        `the image “${name}” is shown as a link (images from other sites are not displayed)`,
      );
      this.out.push(`[Image: ${escapeLabel(alt || name)}](${linkTarget(source)})`);
      return;
    }
    this.lost.add(
      `the image “${name}”${alt ? ` (its description “${preview(alt)}” is kept)` : ''}`,
    );
    if (alt) this.out.push(this.output === 'markdown' ? `(image: ${escapeLabel(alt)})` : alt);
  }

  private flushMedia(): void {
    const media = this.media;
    this.media = undefined;
    if (!media) return;
    const what = MEDIA_NAMES[media.name] ?? media.name;
    const source = media.source ?? '';
    const name =
      media.name === 'audio' || media.name === 'video' ? fileName(source) : preview(source);
    if (WEB_LINK.test(source) && this.output === 'markdown') {
      this.changed.add(`the ${what} “${name}” is shown as a link`);
      this.out.push(`\n\n[${capitalise(what)}: ${escapeLabel(name)}](${linkTarget(source)})\n\n`);
      return;
    }
    this.lost.add(
      source ? `the ${what} “${name}”` : `an ${what === 'audio' ? 'audio clip' : what}`,
    );
  }

  /** Unclosed spans still produce their link or code; an unclosed player is still reported. */
  private closeAll(): void {
    while (this.spans.length) {
      const last = this.spans[this.spans.length - 1] as Span;
      this.closeSpan(last.kind);
    }
    if (this.skipped) this.flushMedia();
  }

  private finish(): string {
    const joined = this.out.join('');
    const tidy = this.collapse
      ? joined
          .split('\n')
          .map((line) => line.trim())
          .join('\n')
      : joined;
    const text = tidy
      .replace(/\n{3,}/g, '\n\n')
      .replace(
        new RegExp(`${PRE_MARK}(\\d+)${PRE_MARK}`, 'g'),
        (_, index: string) => this.pres[Number(index)] ?? '',
      );
    // Moodle-format text is converted piece by piece around code spans: its spaces are kept.
    return this.collapse ? text.trim() : text;
  }

  private notes(): KindedNote[] {
    const notes: KindedNote[] = [];
    if (this.lost.size) {
      notes.push({ kind: 'lost-content', message: `Left out: ${[...this.lost].join('; ')}.` });
    }
    if (this.changed.size) {
      notes.push({ kind: 'cosmetic', message: `${capitalise([...this.changed].join('; '))}.` });
    }
    if (this.unshown.size && this.output === 'markdown') {
      notes.push({
        kind: 'cosmetic',
        message: `Formatting that questions here cannot show was dropped (the text is kept): ${[...this.unshown].join(', ')}.`,
      });
    }
    return notes;
  }
}

function escapeLabel(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, '\\$&');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
