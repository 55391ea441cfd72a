// Markdown -> HTML with marked, then sanitize-html with a strict allow-list: whatever the
// document or a template carries, the page runs no code and loads nothing.
import { Marked } from 'marked';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type sanitizeHtml from 'sanitize-html';

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

const marked = new Marked({ gfm: true, async: false });

/** Markdown to HTML, unsanitized: always pass the result through `sanitizeBody`. */
export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

const SVG_SHAPES = { x: true, y: true, width: true, height: true, class: true };

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'header',
    'footer',
    'main',
    'nav',
    'article',
    'section',
    'aside',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'pre',
    'code',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'em',
    'strong',
    'del',
    's',
    'b',
    'i',
    'small',
    'sub',
    'sup',
    'a',
    'span',
    'div',
    'time',
    'abbr',
    'kbd',
    'mark',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'svg',
    'g',
    'title',
    'desc',
    'rect',
    'line',
    'polyline',
    'circle',
    'text',
  ],
  allowedAttributes: {
    '*': ['class', 'id', 'aria-label', 'aria-labelledby', 'aria-hidden', 'role', 'lang'],
    a: ['href', 'title'],
    ol: ['start'],
    th: ['scope', 'align', 'colspan', 'rowspan'],
    td: ['align', 'colspan', 'rowspan'],
    time: ['datetime'],
    abbr: ['title'],
    svg: ['viewbox', 'viewBox', 'width', 'height', 'xmlns', 'focusable', 'preserveaspectratio'],
    rect: Object.keys(SVG_SHAPES),
    line: ['x1', 'y1', 'x2', 'y2', 'class'],
    polyline: ['points', 'class'],
    circle: ['cx', 'cy', 'r', 'class'],
    text: ['x', 'y', 'class', 'text-anchor'],
  },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'action', 'formaction', 'xlink:href'],
  allowProtocolRelative: false,
  allowedStyles: {},
  allowVulnerableTags: false,
  disallowedTagsMode: 'discard',
  enforceHtmlBoundary: false,
  parseStyleAttributes: false,
};

/** The strict allow-list: no script, style, form, event handler, or non-http(s) link. */
export function sanitizeBody(html: string): string {
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

/** A standalone page around a sanitized body: our own shell, not a template's. */
export function htmlPage(page: {
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
    sanitizeBody(page.body).trim(),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
