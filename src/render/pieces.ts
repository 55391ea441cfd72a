import { Lexer } from 'marked';

// The public and internal Markdown of a document share most of their blocks. Splitting
// the Markdown into top-level pieces lets each shared piece become HTML, and be
// sanitized, once. Both steps are only taken where they provably give the same bytes as
// the whole text would; anywhere else the whole text is one piece.

// Constructs that can run across a blank line or reach the whole document: fenced code,
// HTML blocks that end only at their own closing marker (script, pre, style, textarea,
// comments, <? and <! forms), link reference definitions (they apply everywhere), and
// CR line ends (marked rewrites them before splitting lines).
const UNSPLITTABLE = /```|~~~|\]:|\r|<(?:script|pre|style|textarea|[!?])/i;

// A blank line (spaces only: a tab-only line does not end a table), then a line that
// is not indented (an indented line can continue a list item or indented code).
// Paragraphs, headings, quotes, tables and the remaining HTML blocks all end there.
const BOUNDARY = /\n *\n(?=\S)/g;

// A line that starts a list item. After a blank line it continues a list above it, so
// a piece may only start with one when the piece before it holds no list.
const LIST_LINE = /^ {0,3}(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)/m;

// A line that may open an HTML block; marked's own rule says how far the block goes (an
// opening tag alone on its line runs past the next blank line).
const HTML_START = /^ {0,3}<[a-zA-Z/]/;
const HTML_BLOCK = Lexer.rules.block.gfm.html;

/** Where HTML blocks that may hold a blank line end, by where they start. */
function htmlBlocks(markdown: string): [number, number][] {
  const blocks: [number, number][] = [];
  for (let at = markdown.indexOf('<'); at !== -1; at = markdown.indexOf('<', at + 1)) {
    const line = markdown.lastIndexOf('\n', at) + 1;
    if (at - line > 3 || !HTML_START.test(markdown.slice(line, at + 2))) continue;
    const block = HTML_BLOCK.exec(markdown.slice(line));
    if (block) blocks.push([line, line + block[0].length]);
  }
  return blocks;
}

// A tight bullet list of one-line items, each of which marked reads as a text line: not a
// block of its own (heading, quote, code, list, HTML, rule), no tab, no trailing space;
// an item may hold such a list of its own, indented by two spaces. Tight items are
// independent of each other, so each item's HTML can be made alone.
const SIMPLE_ITEM = /^- (?:[\p{L}([`"']|\d(?!\d{0,8}[.)])|\*\*[\p{L}\p{N}])[^\t\n]*(?<=\S)$/u;

export interface MarkdownPiece {
  markdown: string;
  /** For a tight bullet list of simple items: each item's line, `- ` included. */
  items?: ListItem[];
}

export interface ListItem {
  line: string;
  /** The lines of the item's own list, dedented (`- ` first). */
  children: string[];
}

function piece(markdown: string): MarkdownPiece {
  if (!markdown.startsWith('- ')) return { markdown };
  const items: ListItem[] = [];
  for (const line of markdown.replace(/\n[ \t\n]*$/, '').split('\n')) {
    const parent = items[items.length - 1];
    if (SIMPLE_ITEM.test(line)) items.push({ line, children: [] });
    else if (parent && line.startsWith('  - ') && SIMPLE_ITEM.test(line.slice(2)))
      parent.children.push(line.slice(2));
    else return { markdown };
  }
  return { markdown, items };
}

/**
 * Markdown in top-level pieces: marked's HTML of the whole text is the concatenation of
 * marked's HTML of each piece. One piece when no split is provably safe.
 */
export function splitMarkdown(markdown: string): MarkdownPiece[] {
  if (UNSPLITTABLE.test(markdown)) return [{ markdown }];
  const pieces: MarkdownPiece[] = [];
  const html = htmlBlocks(markdown);
  let start = 0;
  for (const m of markdown.matchAll(BOUNDARY)) {
    const end = m.index + m[0].length;
    if (html.some(([from, to]) => from < end && end < to)) continue;
    const before = markdown.slice(start, end);
    const newline = markdown.indexOf('\n', end);
    const next = markdown.slice(end, newline === -1 ? undefined : newline);
    if (LIST_LINE.test(next) && LIST_LINE.test(before)) continue;
    pieces.push(piece(before));
    start = end;
  }
  pieces.push(piece(markdown.slice(start)));
  return pieces;
}

// Tags with double-quoted attribute values only: what marked writes, and nothing the
// HTML tokenizer could read as anything but one whole tag.
const TAG = /<(\/?)([a-z][a-z0-9]*)(?:\s+[a-z][a-z0-9:-]*(?:="[^"<]*")?)*\s*(\/?)>/y;
const words = (list: string): Set<string> => new Set(list.split(/\s+/));
const VOID = words('br hr img input');

/** The elements marked's own renderer writes. None of them is a container of a page. */
const MARKED_TAGS = words(`p h1 h2 h3 h4 h5 h6 ul ol li blockquote pre code hr br em strong
  del a img input table thead tbody tr th td`);

/**
 * Page containers a piece may sit in: none of them is closed implicitly by the opening of
 * an element of MARKED_TAGS, none is among them, none holds raw text or foreign content.
 */
const NEUTRAL = words('main article section div header footer aside nav');

/** Elements whose content the HTML tokenizer or the sanitizer reads differently. */
const SPECIAL = words(`script style textarea title xmp iframe noembed noframes noscript
  plaintext template svg math select option optgroup`);

/**
 * The elements left open after strictly well-formed HTML, innermost last; undefined when
 * the HTML is not that: every `<` starts a whole tag, end tags close the innermost open
 * element, only void elements self-close, `allowed` decides which tag names may appear.
 */
function openElements(html: string, allowed: (name: string) => boolean): string[] | undefined {
  const stack: string[] = [];
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', TAG.lastIndex)) {
    TAG.lastIndex = at;
    const m = TAG.exec(html);
    if (m === null) return undefined;
    const [, close, name = '', selfClose] = m;
    if (!allowed(name)) return undefined;
    if (VOID.has(name)) {
      if (close) return undefined;
    } else if (close) {
      if (selfClose || stack.pop() !== name) return undefined;
    } else {
      if (selfClose) return undefined;
      stack.push(name);
    }
  }
  return stack;
}

/**
 * Is this piece's HTML sanitized the same alone as among other pieces? True when it is
 * balanced HTML of marked's own elements: the parser leaves it as it found it, and no
 * tag in it can close, or be closed by, anything around it.
 */
export function isSelfContained(html: string): boolean {
  return !html.includes('\0') && openElements(html, (name) => MARKED_TAGS.has(name))?.length === 0;
}

/**
 * Does the page HTML before the content leave the parser in plain content, inside
 * neutral containers only? Then each self-contained piece is sanitized there as alone.
 */
export function isNeutralPrefix(html: string): boolean {
  if (html.includes('\0')) return false;
  const open = openElements(html, (name) => !SPECIAL.has(name));
  return open !== undefined && open.every((name) => NEUTRAL.has(name));
}
