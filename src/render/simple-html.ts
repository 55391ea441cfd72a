// sanitize-html's exact output for HTML of a strict, simple shape, made without running it.
// A page of marked's HTML in our templates has that shape, and sanitize-html (htmlparser2,
// a frame object per tag, text copied up the tree) was the largest cost of rendering one.
// Anything outside the shape returns undefined and the caller runs sanitize-html: raw HTML
// from a document, comments, `/>`, entities other than the five escapes and printable
// numeric references, a tag the parser would close or open by itself, unbalanced tags,
// empty attribute values, MathML. The rules are sanitize-html 2.17's with htmlparser2 8's
// parsing, for the options in allow-list.ts; test/render/simple-html.test.ts holds both
// to the same bytes on generated, real and hostile HTML.
import type sanitizeHtml from 'sanitize-html';
import { ALLOWED } from './allow-list.js';

// MathML's parsing is left to the real sanitizer. SVG (the index page's chart) parses as
// plain elements as long as no tag closes itself with `/>`, which is never simple; its
// `<title>` is raw text to htmlparser2 (as anywhere), taken only when it holds no `<`
// but its closing tag and no `&`, where raw text and plain text are the same.
const NOT_SIMPLE = new Set(['math']);
const RAW_TEXT = 'title';

// Void elements that, when not allowed, are dropped whole: marked writes `<input>` for
// task items and `<img>` for images.
const DROPPABLE_VOID = ['input', 'img'];

// htmlparser2's void elements among the allowed tags: never on the stack, no closing tag.
const VOID = new Set(['br', 'hr', 'wbr', 'col', 'area', 'base', 'link', 'meta', 'embed']);
VOID.add('source').add('track').add('param').add('keygen').add('command').add('frame');
VOID.add('image').add('isindex').add('basefont');

// sanitize-html's default selfClosing: written as `<br />`.
const SELF_CLOSING = new Set(['img', 'br', 'hr', 'area', 'base', 'basefont', 'input']);
SELF_CLOSING.add('link').add('meta');

// htmlparser2 closes these open elements by itself when the key opens: not simple.
const P = ['p'];
const OPEN_IMPLIES_CLOSE = new Map<string, readonly string[]>([
  ['tr', ['tr', 'th', 'td']],
  ['th', ['th']],
  ['td', ['thead', 'th', 'td']],
  ['li', ['li']],
  ['dd', ['dd', 'dt']],
  ['dt', ['dd', 'dt']],
  ['tbody', ['thead', 'tbody']],
  ['tfoot', ['thead', 'tbody']],
  ['rt', ['rt', 'rp']],
  ['rp', ['rt', 'rp']],
  ['input', ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']],
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote'].map(
    (tag): [string, string[]] => [tag, P],
  ),
  ...['details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header'].map(
    (tag): [string, string[]] => [tag, P],
  ),
  ...['hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'].map((tag): [string, string[]] => [
    tag,
    P,
  ]),
]);

/** What the scan needs to know of a tag it may meet. */
interface TagInfo {
  name: string;
  code: number;
  /** The attributes it may keep ('*' included); null for a tag dropped whole. */
  attributes: ReadonlySet<string> | null;
  void: boolean;
  /** Codes of the open tags the parser would close when this one opens. */
  closes: readonly number[];
}

// A tag name of up to 10 characters of [a-z0-9] as one number (base 37, below 2^53):
// tags are looked up and matched without a string made for each.
const MAX_NAME = 10;
const charCode = (c: number): number =>
  c >= 0x61 && c <= 0x7a ? c - 0x60 : c >= 0x30 && c <= 0x39 ? c - 0x30 + 27 : 0;

function tagCode(name: string): number {
  let code = 0;
  for (let i = 0; i < name.length; i++) code = code * 37 + charCode(name.charCodeAt(i));
  return name.length <= MAX_NAME && /^[a-z][a-z0-9]*$/.test(name) ? code : -1;
}

interface Rules {
  /** Every tag the scan takes, by its code (tagCode): kept, or void and dropped. */
  byCode: ReadonlyMap<number, TagInfo>;
  schemeAttributes: ReadonlySet<string>;
  schemes: ReadonlySet<string>;
}

/**
 * The rules of `options` when they are only what this file reproduces; otherwise null,
 * and every page goes to sanitize-html.
 */
export function simpleRules(options: sanitizeHtml.IOptions): Rules | null {
  const o = options as Record<string, unknown>;
  const replicated = new Set([
    'allowedTags',
    'allowedAttributes',
    'allowedSchemes',
    'allowedSchemesByTag',
    'allowedSchemesAppliedToAttributes',
    'allowProtocolRelative',
    'allowedStyles',
    'allowVulnerableTags',
    'disallowedTagsMode',
    'enforceHtmlBoundary',
    'parseStyleAttributes',
  ]);
  if (Object.keys(o).some((key) => !replicated.has(key))) return null;
  const { allowedTags, allowedAttributes, allowedSchemes } = options;
  if (!Array.isArray(allowedTags) || !allowedAttributes || !Array.isArray(allowedSchemes))
    return null;
  if (options.disallowedTagsMode !== 'discard' || options.enforceHtmlBoundary !== false)
    return null;
  if (options.allowProtocolRelative !== false) return null;
  if (Object.keys(options.allowedSchemesByTag ?? {}).length > 0) return null;
  const global: string[] = [];
  const byTag = new Map<string, string[]>();
  for (const [tag, names] of Object.entries(allowedAttributes)) {
    // Globs, value lists and style attributes have rules of their own: not reproduced.
    if (!names.every((n): n is string => typeof n === 'string' && !n.includes('*'))) return null;
    if (names.includes('style')) return null;
    if (tag === '*') global.push(...names);
    else byTag.set(tag, names);
  }
  const tags = new Map<string, ReadonlySet<string>>();
  for (const tag of allowedTags) {
    if (NOT_SIMPLE.has(tag)) continue;
    // Void elements outside sanitize-html's selfClosing would be written `<x>` then
    // never closed: not reproduced.
    if (VOID.has(tag) && !SELF_CLOSING.has(tag)) continue;
    tags.set(tag, new Set([...global, ...(byTag.get(tag) ?? [])]));
  }
  const dropped = DROPPABLE_VOID.filter((tag) => !allowedTags.includes(tag));
  const byCode = new Map<number, TagInfo>();
  for (const name of [...tags.keys(), ...dropped]) {
    const code = tagCode(name);
    if (code === -1) continue;
    const closes = (OPEN_IMPLIES_CLOSE.get(name) ?? []).map(tagCode);
    const attributes = tags.get(name) ?? null;
    byCode.set(code, { name, code, attributes, void: VOID.has(name), closes });
  }
  return {
    byCode,
    schemeAttributes: new Set(options.allowedSchemesAppliedToAttributes ?? []),
    schemes: new Set(allowedSchemes.map((s) => s.toLowerCase())),
  };
}

const RULES = simpleRules(ALLOWED);

// Attribute names in any case: htmlparser2 lowers them (SVG's `viewBox`).
const OPEN_TAG = /<([a-z][a-z0-9]*)((?: [a-zA-Z][a-zA-Z0-9-]*="[^"<>\0]*")*)>/y;
const ATTRIBUTE = / ([a-zA-Z][a-zA-Z0-9-]*)="([^"]*)"/g;
// The five escapes, and numeric references to printable ASCII (Handlebars writes `&#x27;`).
const ENTITY = /&(?:(amp|lt|gt|quot)|#([0-9]{1,3})|#[xX]([0-9a-fA-F]{1,2}));/y;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };

/** The character an entity at `at` stands for, and where it ends; null if not simple. */
function entityAt(text: string, at: number): { char: string; end: number } | null {
  ENTITY.lastIndex = at;
  const m = ENTITY.exec(text);
  if (m === null) return null;
  const [, name, decimal, hex] = m;
  if (name !== undefined) return { char: NAMED[name] as string, end: ENTITY.lastIndex };
  const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex as string, 16);
  if (code < 0x20 || code > 0x7e) return null;
  return { char: String.fromCharCode(code), end: ENTITY.lastIndex };
}

/** Text as sanitize-html writes it: & < > escaped, quotes as they are. */
function escapeText(char: string): string {
  return char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : char;
}

/** An attribute value as the parser decodes it; null if it holds an entity not simple. */
function decodeValue(value: string): string | null {
  if (!value.includes('&')) return value;
  let out = '';
  let from = 0;
  for (let at = value.indexOf('&'); at !== -1; at = value.indexOf('&', from)) {
    const entity = entityAt(value, at);
    if (entity === null) return null;
    out += value.slice(from, at) + entity.char;
    from = entity.end;
  }
  return out + value.slice(from);
}

const ATTRIBUTE_ESCAPES = /[&<>"]/g;
const escapeAttribute = (value: string): string =>
  value.replace(ATTRIBUTE_ESCAPES, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );

// sanitize-html's naughtyHref for our options: a scheme outside the list, or `//` (no
// protocol-relative links), drops the attribute. Comments in a URL are not simple.
// eslint-disable-next-line no-control-regex
const CONTROL_AND_SPACE = /[\x00-\x20]+/g;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9.\-+]*):/;
const PROTOCOL_RELATIVE = /^[/\\]{2}/;

function hrefVerdict(value: string, schemes: ReadonlySet<string>): 'keep' | 'drop' | null {
  const href = value.replace(CONTROL_AND_SPACE, '');
  if (href.includes('<!--')) return null;
  const scheme = SCHEME.exec(href);
  if (scheme === null) return PROTOCOL_RELATIVE.test(href) ? 'drop' : 'keep';
  return schemes.has((scheme[1] as string).toLowerCase()) ? 'keep' : 'drop';
}

/** The attributes sanitize-html keeps of a tag, written; null if they are not simple. */
function keptAttributes(allowed: ReadonlySet<string>, source: string, rules: Rules): string | null {
  if (source === '') return '';
  let out = '';
  const seen = new Set<string>();
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(source); m !== null; m = ATTRIBUTE.exec(source)) {
    const name = (m[1] as string).toLowerCase();
    const value = decodeValue(m[2] as string);
    // Empty values and repeats follow rules of their own: left to sanitize-html.
    if (value === null || value === '' || seen.has(name)) return null;
    seen.add(name);
    if (!allowed.has(name)) continue;
    if (rules.schemeAttributes.has(name)) {
      const verdict = hrefVerdict(value, rules.schemes);
      if (verdict === null) return null;
      if (verdict === 'drop') continue;
    }
    out += ` ${name}="${escapeAttribute(value)}"`;
  }
  return out;
}

const GT = 0x3e;
const AMP = 0x26;
const SLASH = 0x2f;

// Set by scanName: where the name it read ends.
let nameEndsAt = 0;

/** The code of the tag name (`[a-z][a-z0-9]*`, at most 10) at `at`; -1 if there is none. */
function scanName(html: string, at: number): number {
  let code = 0;
  let p = at;
  for (; p - at <= MAX_NAME; p++) {
    const c = html.charCodeAt(p);
    const d = p === at && c >= 0x30 && c <= 0x39 ? 0 : charCode(c);
    if (d === 0) break;
    code = code * 37 + d;
  }
  nameEndsAt = p;
  return p === at || p - at > MAX_NAME ? -1 : code;
}

// Set by openTag: what the tag becomes, or null when it stays as it is.
let openWritten: string | null = null;

/**
 * The opening tag at `at`, read and pushed on `stack` when it has content; where it ends
 * (what it becomes in `openWritten`), or -1 when it is not simple.
 */
function openTag(html: string, at: number, rules: Rules, stack: TagInfo[]): number {
  const info = rules.byCode.get(scanName(html, at + 1));
  if (info === undefined) return -1;
  const top = stack[stack.length - 1];
  if (top !== undefined && info.closes.includes(top.code)) return -1;
  const end = nameEndsAt;
  openWritten = null;
  if (html.charCodeAt(end) === GT) {
    if (info.attributes === null) openWritten = '';
    else if (info.void) openWritten = `<${info.name} />`;
    else stack.push(info);
    return info.name === RAW_TEXT && !plainRawText(html, end + 1) ? -1 : end + 1;
  }
  OPEN_TAG.lastIndex = at;
  const open = OPEN_TAG.exec(html);
  if (open === null) return -1;
  // A dropped tag goes with its attributes, whatever they hold.
  if (info.attributes === null) {
    openWritten = '';
    return OPEN_TAG.lastIndex;
  }
  const source = open[2] as string;
  const attributes = keptAttributes(info.attributes, source, rules);
  if (attributes === null) return -1;
  if (info.void) openWritten = `<${info.name}${attributes} />`;
  else {
    stack.push(info);
    if (attributes !== source) openWritten = `<${info.name}${attributes}>`;
  }
  const tagEnd = OPEN_TAG.lastIndex;
  return info.name === RAW_TEXT && !plainRawText(html, tagEnd) ? -1 : tagEnd;
}

/** Does the raw text from `at` read the same as plain text: no `<` before `</title>`, no `&`? */
function plainRawText(html: string, at: number): boolean {
  const close = html.indexOf(`</${RAW_TEXT}>`, at);
  if (close === -1 || html.indexOf('<', at) !== close) return false;
  const amp = html.indexOf('&', at);
  return amp === -1 || amp > close;
}

/** Does a closing tag for the top of `stack` stand at `at`? Pops it, and ends, if so. */
function closesTop(html: string, at: number, stack: TagInfo[]): number {
  const code = scanName(html, at + 2);
  const top = stack.pop();
  if (top === undefined || code !== top.code || html.charCodeAt(nameEndsAt) !== GT) return -1;
  return nameEndsAt + 1;
}

function nextOf(html: string, char: string, at: number): number {
  const found = html.indexOf(char, at);
  return found === -1 ? Infinity : found;
}

/**
 * `sanitizeHtml(html, ALLOWED)`, byte for byte, when `html` has the simple shape;
 * otherwise undefined. Most of a page comes out as it went in: only what changes is
 * copied (a `>` in text, `&quot;`, `<br>`, a dropped `<input>`, a dropped attribute).
 */
export function sanitizeSimpleHtml(html: string, rules: Rules | null = RULES): string | undefined {
  if (rules === null) return undefined;
  const stack: TagInfo[] = [];
  let out = '';
  // html[from..] is not in `out` yet, and comes out unchanged up to the next edit.
  let from = 0;
  if (html.includes('\0')) return undefined;
  // The next `<`, `>` and `&` at or after the scan, found by indexOf (far faster than a
  // look at each character); Infinity once there is none.
  let lt = -1;
  let gt = -1;
  let amp = -1;
  for (let at = 0; at < html.length; at++) {
    if (lt < at) lt = nextOf(html, '<', at);
    if (gt < at) gt = nextOf(html, '>', at);
    if (amp < at) amp = nextOf(html, '&', at);
    at = Math.min(lt, gt, amp);
    if (at === Infinity) break;
    const c = html.charCodeAt(at);
    let end: number;
    let written: string | null = null;
    if (c === GT) {
      end = at + 1;
      written = '&gt;';
    } else if (c === AMP) {
      const entity = entityAt(html, at);
      if (entity === null) return undefined;
      end = entity.end;
      const text = escapeText(entity.char);
      // `&amp;`, `&lt;` and `&gt;` stay as they are.
      if (end - at !== text.length || !html.startsWith(text, at)) written = text;
    } else if (html.charCodeAt(at + 1) === SLASH) {
      end = closesTop(html, at, stack);
      if (end === -1) return undefined;
    } else {
      end = openTag(html, at, rules, stack);
      if (end === -1) return undefined;
      written = openWritten;
    }
    if (written !== null) {
      out += html.slice(from, at) + written;
      from = end;
    }
    at = end - 1;
  }
  if (stack.length > 0) return undefined;
  return from === 0 ? html : out + html.slice(from);
}
