// Markdown -> HTML with marked, then sanitize-html with a strict allow-list: whatever the
// document or a template carries, the page runs no code and loads nothing.
import { Lexer, Parser, Renderer, getDefaults, type MarkedOptions } from 'marked';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type sanitizeHtml from 'sanitize-html';
import { ALLOWED } from './allow-list.js';
import {
  isNeutralPrefix,
  isSelfContained,
  splitMarkdown,
  type ListItem,
  type MarkdownPiece,
} from './pieces.js';
import { sanitizeSimpleHtml } from './simple-html.js';

// sanitize-html and its parser cost ~50-75 ms to load: only HTML output pays for them.
let sanitizer: typeof sanitizeHtml | undefined;
function sanitize(): typeof sanitizeHtml {
  sanitizer ??= loadSanitizer();
  return sanitizer;
}

// npm run build bundles sanitize-html and its parser into one file without postcss
// (scripts/bundle-vendor.js): it loads in a third of the time. From the sources
// (tests) the package itself is loaded; both are the same code.
const BUNDLED = new URL('../vendor/sanitize-html.cjs', import.meta.url);

function loadSanitizer(): typeof sanitizeHtml {
  const require = createRequire(import.meta.url);
  return (
    existsSync(BUNDLED) ? require(fileURLToPath(BUNDLED)) : require('sanitize-html')
  ) as typeof sanitizeHtml;
}

// What marked.parse does without hooks or extensions, with one tokenizer and renderer for
// every call instead of new ones each time: a page is made of many small pieces.
const renderer = new Renderer();
const MARKED: MarkedOptions = { ...getDefaults(), gfm: true, async: false, renderer };

/** Markdown to HTML, unsanitized: always pass the result through `sanitizeBody`. */
export function markdownToHtml(markdown: string): string {
  return Parser.parse(Lexer.lex(markdown, MARKED), MARKED);
}

// Text of letters, digits, spaces and this punctuation, with no URL or `www.` in it, starts
// no inline construct (no emphasis, code, link, autolink, tag, entity, escape or break):
// marked makes it one text token and writes it escaped. Most list items are such text.
const PLAIN_INLINE = /^[\p{L}\p{N} ,.;:()'"/?%+=-]*$/u;
// The same for ASCII text, without the cost of a Unicode-aware match.
const PLAIN_ASCII = /^[A-Za-z0-9 ,.;:()'"/?%+=-]*$/;
const LINK_LIKE = /:\/\/|www\./i;
const QUOTES = /["']/g;

const isPlain = (text: string): boolean =>
  (PLAIN_ASCII.test(text) || PLAIN_INLINE.test(text)) && !LINK_LIKE.test(text);
const escapeQuotes = (text: string): string =>
  text.replace(QUOTES, (c) => (c === '"' ? '&quot;' : '&#39;'));

function inlineHtml(text: string): string {
  if (isPlain(text)) return escapeQuotes(text);
  return Parser.parseInline(Lexer.lexInline(text, MARKED), MARKED);
}

// A heading, or a paragraph, of plain lines that each start with a letter (so that no
// line starts a block of its own or underlines the one before) and end in no space (no
// hard break, nothing for a heading to trim): marked writes the text in its tag. Most
// headings and paragraphs of a post-mortem are such text.
const PLAIN_HEADING = /^(#{1,6}) ([^\n]*)\n*$/;
const STARTS_WITH_LETTER = /^\p{L}/u;
const TRAILING_NEWLINES = /\n+$/;

const isPlainLine = (line: string): boolean =>
  STARTS_WITH_LETTER.test(line) && !line.endsWith(' ') && isPlain(line);

/** marked's HTML of a plain heading or paragraph; undefined for anything else. */
export function plainBlockHtml(markdown: string): string | undefined {
  const heading = PLAIN_HEADING.exec(markdown);
  if (heading !== null) {
    const [, marks = '', text = ''] = heading;
    if (!isPlainLine(text)) return undefined;
    return `<h${marks.length}>${escapeQuotes(text)}</h${marks.length}>\n`;
  }
  const lines = markdown.replace(TRAILING_NEWLINES, '').split('\n');
  if (!lines.every(isPlainLine)) return undefined;
  return `<p>${escapeQuotes(lines.join('\n'))}</p>\n`;
}

/**
 * The strict allow-list: no script, style, form, event handler, or non-http(s) link.
 * HTML of the simple shape marked and our templates write gets sanitize-html's bytes
 * without loading or running it (simple-html.ts); anything else goes through it.
 */
export function sanitizeBody(html: string): string {
  return sanitizeSimpleHtml(html) ?? sanitizeWithLibrary(html);
}

/** sanitize-html itself with the allow-list: what `sanitizeBody` always equals. */
export function sanitizeWithLibrary(html: string): string {
  return sanitize()(html, ALLOWED);
}

/** Text for HTML or XML content and attribute values: & < > " ' as character references. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// No request of any kind may leave the page: a policy that forbids everything but the
// inline stylesheet, as a second lock behind the sanitizer.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

/** A piece of Markdown as HTML, and once known, as sanitized HTML. */
export interface HtmlPiece {
  html: string;
  selfContained: boolean;
  sanitized?: string;
}

/** What has been made of one document's Markdown, for its other audience to reuse. */
export interface PieceCache {
  /** Top-level pieces, by their Markdown. */
  pieces: Map<string, HtmlPiece>;
  /** Items of simple lists, by their lines. */
  items: Map<string, HtmlPiece>;
}

export function newPieceCache(): PieceCache {
  return { pieces: new Map(), items: new Map() };
}

const TASK = /^\[[ xX]\][ \t]+\S/;
const TASK_BOX = /^\[[ xX]\][ \t]+/;

/**
 * One item of a simple list as marked writes it inside a tight list: the text line,
 * written inline, after marked's checkbox for a task item; then the item's own list.
 */
function listItemHtml(item: ListItem, cache: PieceCache): string {
  const text = item.line.slice(2);
  const head = TASK.test(text)
    ? `${renderer.checkbox({ type: 'checkbox', raw: text, checked: text[1] !== ' ' })}${inlineHtml(text.replace(TASK_BOX, ''))}`
    : inlineHtml(text);
  if (item.children.length === 0) return `<li>${head}</li>\n`;
  const children = item.children.map((line) => itemPiece({ line, children: [] }, cache).html);
  return `<li>${head}<ul>\n${children.join('')}</ul>\n</li>\n`;
}

/** A list item as HTML, made once per document. */
function itemPiece(item: ListItem, cache: PieceCache): HtmlPiece {
  const key = item.children.length === 0 ? item.line : [item.line, ...item.children].join('\n');
  let piece = cache.items.get(key);
  if (piece === undefined) {
    piece = htmlPiece(key, listItemHtml(item, cache));
    cache.items.set(key, piece);
  }
  return piece;
}

/**
 * Without `<` in its Markdown, a piece's HTML is only what marked's renderer writes, which
 * is balanced by construction; otherwise the HTML itself is checked.
 */
function htmlPiece(markdown: string, html: string): HtmlPiece {
  const plain = !markdown.includes('<') && !markdown.includes('\0');
  return { html, selfContained: plain || isSelfContained(html) };
}

/** A piece as HTML, added to `parts`: a simple list as its items between `<ul>` and `</ul>`. */
function addParts(piece: MarkdownPiece, cache: PieceCache, parts: (HtmlPiece | string)[]): void {
  if (piece.items) {
    parts.push('<ul>\n');
    for (const item of piece.items) parts.push(itemPiece(item, cache));
    parts.push('</ul>\n');
    return;
  }
  let whole = cache.pieces.get(piece.markdown);
  if (whole === undefined) {
    const html = plainBlockHtml(piece.markdown) ?? markdownToHtml(piece.markdown);
    whole = htmlPiece(piece.markdown, html);
    cache.pieces.set(piece.markdown, whole);
  }
  parts.push(whole);
}

// Between the parts of one sanitizer run: text the sanitizer passes through unchanged and
// no part may hold (a character reference to it decodes to U+FFFD).
const SEPARATOR = '\0';

function htmlParts(markdown: string, cache: PieceCache): (HtmlPiece | string)[] {
  const parts: (HtmlPiece | string)[] = [];
  for (const piece of splitMarkdown(markdown)) addParts(piece, cache, parts);
  return parts;
}

/** marked's HTML of the Markdown, made piece by piece: always `markdownToHtml(markdown)`. */
export function piecewiseHtml(markdown: string, cache: PieceCache = newPieceCache()): string {
  return htmlParts(markdown, cache).map(htmlOf).join('');
}

const htmlOf = (part: HtmlPiece | string): string => (typeof part === 'string' ? part : part.html);

/**
 * The sanitized body of a page: `layout` puts the HTML of `markdown` in the page template.
 * Always equal to `sanitizeBody(layout(markdownToHtml(markdown))).trim()`; pieces of the
 * Markdown already in `cache` (from another audience of the same document) are not made
 * again. A page of the simple shape is sanitized in one scan (tests of the composed path
 * turn that off with `tryScan: false`). Otherwise pieces already sanitized are not
 * sanitized again; when the pieces cannot be shown to sanitize alone, or the page puts
 * them anywhere but plain content, the whole page is sanitized as one.
 */
export function sanitizedPageBody(
  markdown: string,
  layout: (content: string) => string,
  cache: PieceCache,
  { tryScan = true }: { tryScan?: boolean } = {},
): string {
  const parts = htmlParts(markdown, cache);
  const content = parts.map(htmlOf).join('');
  const body = layout(content);
  const simple = tryScan ? sanitizeSimpleHtml(body) : undefined;
  if (simple !== undefined) return simple.trim();
  const composable = parts.every((p) => typeof p === 'string' || p.selfContained);
  const at = composable ? body.indexOf(content) : -1;
  const prefix = body.slice(0, Math.max(at, 0));
  const suffix = body.slice(at + content.length);
  if (at === -1 || suffix.includes(SEPARATOR) || !isNeutralPrefix(prefix)) {
    return sanitizeBody(body).trim();
  }
  // One sanitizer run for the page around the list tags and the pieces not sanitized yet,
  // apart by separators: a self-contained piece comes out the same wherever it stands.
  const run: (HtmlPiece | string)[] = [];
  const seen = new Set<HtmlPiece>();
  for (const part of parts) {
    if (typeof part === 'string') run.push(part);
    else if (part.sanitized === undefined && !seen.has(part)) {
      seen.add(part);
      run.push(part);
    }
  }
  const out = sanitizeBody([prefix, ...run.map(htmlOf), suffix].join(SEPARATOR)).split(SEPARATOR);
  if (out.length !== run.length + 2) return sanitizeBody(body).trim();
  const tags: string[] = [];
  run.forEach((part, i) => {
    if (typeof part === 'string') tags.push(out[i + 1] ?? '');
    else part.sanitized = out[i + 1];
  });
  let tag = 0;
  const sanitized = parts.map((p) => (typeof p === 'string' ? tags[tag++] : p.sanitized));
  return `${out[0]}${sanitized.join('')}${out[out.length - 1]}`.trim();
}

/** A standalone page around a sanitized body: our own shell, not a template's. */
export function htmlPage(page: {
  title: string;
  css: string;
  body: string;
  lang?: string;
}): string {
  return pageShell({ ...page, body: sanitizeBody(page.body).trim() });
}

/** The page around a body that is already sanitized. */
export function pageShell(page: {
  title: string;
  css: string;
  body: string;
  lang?: string;
}): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(page.lang ?? 'en')}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>\n${page.css.trimEnd()}\n</style>`,
    '</head>',
    '<body>',
    page.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
