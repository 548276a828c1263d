import hljs from 'highlight.js';
import MarkdownIt from 'markdown-it';
import { BoundedCache } from '../bounded-cache';

const SAFE_LINK = /^(https?:|mailto:|#|\/(?!\/))/i;

/**
 * Markdown for question text, rendered on the server. Raw HTML is off (a `<script>` in a prompt
 * shows as text), links are limited to http(s), mailto and same-site paths, and fenced code is
 * highlighted by highlight.js, whose output is escaped.
 */
const markdown: MarkdownIt.MarkdownIt = new MarkdownIt({
  html: false,
  linkify: false,
  typographer: false,
  highlight(code, language) {
    const lang = language && hljs.getLanguage(language) ? language : undefined;
    const body = lang
      ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value
      : markdown.utils.escapeHtml(code);
    const label = lang ? ` data-language="${markdown.utils.escapeHtml(lang)}"` : '';
    return `<pre class="code" tabindex="0"${label}><code class="hljs">${body}</code></pre>`;
  },
});
markdown.validateLink = (url: string) => SAFE_LINK.test(url.trim());

// Links in question text open normally but never hand the opener to another site.
const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]?.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// Indented code blocks scroll too: keyboard users need to reach them (WCAG 2.1.1).
markdown.renderer.rules.code_block = (tokens, idx) =>
  `<pre class="code" tabindex="0"><code>${markdown.utils.escapeHtml(tokens[idx]?.content ?? '')}</code></pre>\n`;

/**
 * Question text changes only with a new version, so a page renders each text's Markdown (and
 * highlights its code) once, not on every view. Bounded by characters (text and HTML), room for
 * every text of a large library.
 */
const RENDERED_CHARACTERS_KEPT = 8_000_000;
const characters = (source: string, html: string) => source.length + html.length;
const renderedBlocks = new BoundedCache<string, string>(RENDERED_CHARACTERS_KEPT, characters);
const renderedInline = new BoundedCache<string, string>(RENDERED_CHARACTERS_KEPT, characters);

/** Block Markdown (paragraphs, lists, code) to sanitized HTML. */
export function renderMarkdown(source: string): string {
  return renderedBlocks.getOrSet(source, (text) => markdown.render(text));
}

/** One line of Markdown (an option, a matching item) without the surrounding paragraph. */
export function renderInlineMarkdown(source: string): string {
  return renderedInline.getOrSet(source, (text) => markdown.renderInline(text));
}
