// The Markdown body -> raw model fields (strings), with the line each came from.
// Publish reads thousands of documents, so the body is walked as offsets into its text:
// a line becomes a string only when it is a value or a message, and the common shapes of
// a line are told apart by their characters, with the patterns kept for the rest.
import type { Problem } from './problems.js';
import type { LineMap, PlainObject, PlainValue } from './safe-yaml.js';
import {
  ACTION_FIELDS,
  BODY_SECTIONS,
  INTERNAL_ENTRY_PATTERN,
  TOP_HEADING,
  normalizeHeading,
  subsectionOf,
  unescapeEventText,
  unescapeProseLine,
  type SectionSpec,
} from './format-layout.js';
import { itemPaths } from './item-paths.js';
import { normalizeProse } from './text.js';

/** A section's lines: from `start` (the line after its heading) to `end` (-1: none). */
interface Block {
  spec: SectionSpec;
  top: SectionSpec;
  headingLine: number;
  start: number;
  end: number;
}

export interface BodyResult {
  fields: PlainObject;
  lines: LineMap;
  problems: Problem[];
}

const SECTION_NAMES = BODY_SECTIONS.map((s) => `"## ${s.heading}"`).join(', ');
/** Each section by its heading as normalizeHeading gives it (lower case); the first wins. */
const SECTION_BY_NAME = new Map<string, SectionSpec>();
for (const section of BODY_SECTIONS) {
  const name = section.heading.toLowerCase();
  if (!SECTION_BY_NAME.has(name)) SECTION_BY_NAME.set(name, section);
}
const FIELD_NAMES = new Set<string>(ACTION_FIELDS);

const HASH = 35;
const BACKSLASH = 92;
const SPACE = 32;
const TAB = 9;

/** The end of the line that starts at `at`: its "\n", or the end of the text. */
function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl;
}

function isSpaceOrTab(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** `\s` of a pattern, for an ASCII character. */
function isAsciiSpace(code: number): boolean {
  return code === SPACE || (code >= 9 && code <= 13);
}

function isListMarker(code: number): boolean {
  return code === 45 || code === 42 || code === 43; // - * +
}

/** Is text[from, to) empty or whitespace only (what `/^\s*$/` and `trim()` call blank)? */
function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (isAsciiSpace(code)) continue;
    if (code < 128) return false;
    return text.slice(i, to).trim() === '';
  }
  return true;
}

const splitPaths = new Map<string, string[]>();

function setPath(root: PlainObject, path: string, value: PlainValue): void {
  let parts = splitPaths.get(path);
  if (parts === undefined) splitPaths.set(path, (parts = path.split('.')));
  let node = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const next = node[part];
    if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) {
      const created: PlainObject = {};
      node[part] = created;
      node = created;
    } else {
      node = next;
    }
  }
  node[parts[parts.length - 1] as string] = value;
}

/**
 * A section's list items that start with `- ` and continue indented, four numbers each:
 * the item's line, the start and end of its first line, and the end of its last line.
 */
function listItems(body: string, block: Block, problems: Problem[]): number[] {
  const items: number[] = [];
  let current = -1;
  for (let at = block.start, line = block.headingLine + 1; at <= block.end; line++) {
    const end = lineEnd(body, at);
    const first = body.charCodeAt(at);
    const second = body.charCodeAt(at + 1);
    if (isListMarker(first) && (end === at + 1 || isSpaceOrTab(second))) {
      current = items.length;
      items.push(line, at, end, end);
    } else if (first === SPACE && second === SPACE && current !== -1) {
      items[current + 3] = end;
    } else if (!isBlank(body, at, end)) {
      problems.push({
        line,
        message: `expected a list item ("- ...") under "${block.spec.heading}", found "${body.slice(at, Math.min(end, at + 40))}"`,
      });
      current = -1;
    }
    at = end + 1;
  }
  return items;
}

/** An item's text: its first line without the marker, then its lines without the indent. */
function itemText(body: string, start: number, firstEnd: number, end: number): string | undefined {
  const from = start + (isSpaceOrTab(body.charCodeAt(start + 1)) ? 2 : 1);
  if (end === firstEnd) return isBlank(body, from, firstEnd) ? undefined : body.slice(from, end);
  // Blank lines inside an item stay as empty lines; the rest lose their two-space indent.
  const parts = [body.slice(from, firstEnd)];
  for (let at = firstEnd + 1; at <= end;) {
    const lineEndAt = lineEnd(body, at);
    const indented = body.charCodeAt(at) === SPACE && body.charCodeAt(at + 1) === SPACE;
    parts.push(indented ? body.slice(at + 2, lineEndAt) : '');
    at = lineEndAt + 1;
  }
  return normalizeProse(parts.join('\n'));
}

function parseList(body: string, block: Block, out: BodyResult): PlainValue[] {
  const values: PlainValue[] = [];
  const items = listItems(body, block, out.problems);
  const paths = itemPaths(block.spec.path as string);
  for (let k = 0, index = 0; k < items.length; k += 4, index++) {
    const line = items[k] as number;
    const text = itemText(
      body,
      items[k + 1] as number,
      items[k + 2] as number,
      items[k + 3] as number,
    );
    if (text === undefined) {
      out.problems.push({
        line,
        message: `empty list item under "${block.spec.heading}": remove it or write it`,
      });
      continue;
    }
    out.lines.set(paths.item(index), line);
    values.push(text);
  }
  return values;
}

const TIMELINE_ENTRY = /^[-*+][ \t]+(\S+)(?:[ \t]+(.*))?$/s;

/**
 * A timeline line `- <time> <text>` -> the time and the rest (to be trimmed), or undefined when
 * it has another shape: TIMELINE_ENTRY, read by hand while the time is ASCII.
 */
export function splitTimelineLine(text: string): [at: string, rest: string] | undefined {
  const n = text.length;
  if (!isListMarker(text.charCodeAt(0)) || !isSpaceOrTab(text.charCodeAt(1))) return undefined;
  let i = 2;
  while (isSpaceOrTab(text.charCodeAt(i))) i++;
  const start = i;
  for (; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) {
      const m = TIMELINE_ENTRY.exec(text);
      return m ? [m[1] ?? '', m[2] ?? ''] : undefined;
    }
    if (isAsciiSpace(code)) break;
  }
  if (i === start) return undefined;
  if (i === n) return [text.slice(start), ''];
  return isSpaceOrTab(text.charCodeAt(i)) ? [text.slice(start, i), text.slice(i)] : undefined;
}

function parseTimeline(body: string, block: Block, out: BodyResult): PlainValue[] {
  const entries: PlainValue[] = [];
  const items = listItems(body, block, out.problems);
  const paths = itemPaths('timeline');
  for (let k = 0, index = 0; k < items.length; k += 4, index++) {
    const line = items[k] as number;
    out.lines.set(paths.item(index), line);
    out.lines.set(paths.field(index, 'at'), line);
    out.lines.set(paths.field(index, 'event'), line);
    if (items[k + 3] !== items[k + 2]) {
      out.problems.push({
        line: line + 1,
        message: 'a timeline entry is one line: put more detail in a new entry or a section',
      });
    }
    const split = splitTimelineLine(body.slice(items[k + 1], items[k + 2]));
    const at = split?.[0] ?? '';
    let text = (split?.[1] ?? '').trim();
    let internal = false;
    if (text.charCodeAt(0) === 91 && /^\[internal\]/i.test(text)) {
      internal = true;
      text = text.replace(INTERNAL_ENTRY_PATTERN, '').trim();
    }
    text = unescapeEventText(text);
    entries.push({ at, event: text, internal });
  }
  return entries;
}

const ACTION_HEAD = /^[-*+][ \t]+\[([ xX])\][ \t]+([^:\s]+):(?:[ \t]+(.*))?$/s;

/**
 * An action item's first line `- [ ] AI-1: Title` -> its box, id and title (to be trimmed),
 * or undefined: ACTION_HEAD, read by hand while the id is ASCII.
 */
export function splitActionHead(
  text: string,
): [box: string, id: string, title: string] | undefined {
  const n = text.length;
  if (!isListMarker(text.charCodeAt(0)) || !isSpaceOrTab(text.charCodeAt(1))) return undefined;
  let i = 2;
  while (isSpaceOrTab(text.charCodeAt(i))) i++;
  const box = text.charCodeAt(i + 1);
  if (text.charCodeAt(i) !== 91 || text.charCodeAt(i + 2) !== 93) return undefined;
  if (box !== SPACE && box !== 120 && box !== 88) return undefined; // ' ', x, X
  i += 3;
  if (!isSpaceOrTab(text.charCodeAt(i))) return undefined;
  while (isSpaceOrTab(text.charCodeAt(i))) i++;
  const start = i;
  for (; i < n && text.charCodeAt(i) !== 58; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) {
      const m = ACTION_HEAD.exec(text);
      return m ? [m[1] ?? '', m[2] ?? '', m[3] ?? ''] : undefined;
    }
    if (isAsciiSpace(code)) return undefined;
  }
  if (i === start || i === n) return undefined;
  const id = text.slice(start, i);
  if (i + 1 === n) return [String.fromCharCode(box), id, ''];
  if (!isSpaceOrTab(text.charCodeAt(i + 1))) return undefined;
  return [String.fromCharCode(box), id, text.slice(i + 1)];
}

/**
 * The name written from `start` to `end`: the format's own string when it is one of the
 * fields, so objects and maps take it as a key they know, without looking it up.
 */
function fieldName(text: string, start: number, end: number): string {
  for (const name of ACTION_FIELDS) {
    if (name.length === end - start && text.startsWith(name, start)) return name;
  }
  return text.slice(start, end);
}

/**
 * An action item's field line `  - owner: ops` -> its name and value (to be trimmed), or
 * undefined: the pattern `^[ \t]+[-*+][ \t]+([A-Za-z_]+):(?:[ \t]+(.*))?$`, by hand.
 */
export function splitActionField(text: string): [key: string, value: string] | undefined {
  const n = text.length;
  let i = 0;
  while (isSpaceOrTab(text.charCodeAt(i))) i++;
  if (i === 0 || !isListMarker(text.charCodeAt(i))) return undefined;
  i++;
  if (!isSpaceOrTab(text.charCodeAt(i))) return undefined;
  while (isSpaceOrTab(text.charCodeAt(i))) i++;
  const start = i;
  for (; i < n; i++) {
    const code = text.charCodeAt(i);
    if (!((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95)) break;
  }
  if (i === start || text.charCodeAt(i) !== 58) return undefined;
  const key = fieldName(text, start, i);
  if (i + 1 === n) return [key, ''];
  return isSpaceOrTab(text.charCodeAt(i + 1)) ? [key, text.slice(i + 1)] : undefined;
}

function parseActionItem(
  body: string,
  items: number[],
  k: number,
  index: number,
  out: BodyResult,
): PlainValue | undefined {
  const paths = itemPaths('action_items');
  const line = items[k] as number;
  const firstEnd = items[k + 2] as number;
  const end = items[k + 3] as number;
  out.lines.set(paths.item(index), line);
  const head = splitActionHead(body.slice(items[k + 1], firstEnd));
  if (!head) {
    out.problems.push({
      line,
      message:
        'an action item starts with a checkbox, an id and a title, like "- [ ] AI-1: Page a second engineer after 10 minutes"',
    });
    return undefined;
  }
  const [box, id, title] = head;
  const ticked = box !== ' ';
  const raw: PlainObject = { id, title: title.trim() };
  out.lines.set(paths.field(index, 'id'), line);
  out.lines.set(paths.field(index, 'title'), line);
  let fieldLine = line;
  for (let at = firstEnd + 1; at <= end;) {
    const lineEndAt = lineEnd(body, at);
    fieldLine++;
    // Lines that do not start with two spaces are the blank lines between fields.
    const indented = body.charCodeAt(at) === SPACE && body.charCodeAt(at + 1) === SPACE;
    const field = indented ? splitActionField(body.slice(at, lineEndAt)) : undefined;
    at = lineEndAt + 1;
    if (!indented) continue;
    if (field === undefined) {
      out.problems.push({
        line: fieldLine,
        message: 'expected a field line like "  - owner: ops" under the action item',
      });
      continue;
    }
    const [key, value] = field;
    if (!FIELD_NAMES.has(key)) {
      out.problems.push({
        line: fieldLine,
        message: `unknown action item field "${key}": fields are ${ACTION_FIELDS.join(', ')}`,
      });
      continue;
    }
    if (key in raw) {
      out.problems.push({ line: fieldLine, message: `action item field "${key}" appears twice` });
      continue;
    }
    raw[key] = value.trim();
    out.lines.set(paths.field(index, key), fieldLine);
  }
  const written = raw.status;
  if (ticked) {
    raw.status = written === 'wont_do' ? 'wont_do' : 'done';
  } else if (written === 'done') {
    out.problems.push({
      line,
      message: `${id} says "status: done" but its box is not ticked: tick it ("- [x]") or change the status`,
    });
  } else if (written === undefined) {
    raw.status = 'open';
  }
  const status = paths.field(index, 'status');
  if (!out.lines.has(status)) out.lines.set(status, line);
  return raw;
}

function parseActions(body: string, block: Block, out: BodyResult): PlainValue[] {
  const values: PlainValue[] = [];
  const items = listItems(body, block, out.problems);
  for (let k = 0, index = 0; k < items.length; k += 4, index++) {
    const parsed = parseActionItem(body, items, k, index, out);
    if (parsed !== undefined) values.push(parsed);
  }
  return values;
}

/** The first non-blank line of a block: its line number, or undefined. */
function firstTextLine(body: string, block: Block): number | undefined {
  for (let at = block.start, line = block.headingLine + 1; at <= block.end; line++) {
    const end = lineEnd(body, at);
    if (!isBlank(body, at, end)) return line;
    at = end + 1;
  }
  return undefined;
}

/**
 * A prose section's text: from its first to its last non-blank line (what normalizeProse
 * keeps), each line unescaped, and the line it starts on; undefined when it has no text.
 */
function proseOf(body: string, block: Block): { text: string; line: number } | undefined {
  let from = -1;
  let to = -1;
  let firstLine = -1;
  for (let at = block.start, line = block.headingLine + 1; at <= block.end; line++) {
    const end = lineEnd(body, at);
    if (!isBlank(body, at, end)) {
      if (from === -1) {
        from = at;
        firstLine = line;
      }
      to = end;
    }
    at = end + 1;
  }
  if (from === -1) return undefined;
  const text = body.slice(from, to);
  if (body.charCodeAt(from) !== BACKSLASH && !text.includes('\n\\'))
    return { text, line: firstLine };
  const unescaped = text
    .split('\n')
    .map((line) => unescapeProseLine(line, block.top))
    .join('\n');
  return { text: unescaped, line: firstLine };
}

function finishBlock(body: string, block: Block, out: BodyResult): void {
  const { spec } = block;
  if (spec.kind === 'group') {
    const stray = firstTextLine(body, block);
    if (stray !== undefined) {
      const names = (spec.subs ?? []).map((s) => `"### ${s.heading}"`).join(', ');
      out.problems.push({
        line: stray,
        message: `text directly under "## ${spec.heading}": put it under ${names}`,
      });
    }
    return;
  }
  if (spec.path === null) return;
  out.lines.set(spec.path, block.headingLine);
  let value: PlainValue | undefined;
  if (spec.kind === 'prose') {
    const prose = proseOf(body, block);
    value = prose?.text ?? null;
    if (prose !== undefined) out.lines.set(spec.path, prose.line);
  } else if (spec.kind === 'list') value = parseList(body, block, out);
  else if (spec.kind === 'timeline') value = parseTimeline(body, block, out);
  else value = parseActions(body, block, out);
  if (value !== null) setPath(out.fields, spec.path, value);
}

/**
 * Parse the body, which has LF line endings only (decodeText sees to it). `firstLine` is
 * the file line number of the body's first line; each field is set in `fields` (beside
 * the front matter's: `impact.description` joins `impact.customers_affected`) and its
 * line added to `lines`.
 */
export function parseBody(
  body: string,
  firstLine: number,
  lines: LineMap,
  fields: PlainObject,
): BodyResult {
  const out: BodyResult = { fields, lines, problems: [] };
  // The sections and subsections met so far (each spec is its own object).
  const seen = new Set<SectionSpec>();
  let top: SectionSpec | undefined;
  let block: Block | undefined;
  let reportedStray = false;
  for (let at = 0, line = firstLine; ; line++) {
    const end = lineEnd(body, at);
    // Only a line that starts with "#" can be a heading.
    const text = body.charCodeAt(at) === HASH ? body.slice(at, end) : undefined;
    const heading = text === undefined ? null : TOP_HEADING.exec(text);
    const sub = text !== undefined && top && !heading ? subsectionOf(top, text) : undefined;
    if (heading) {
      if (block) finishBlock(body, block, out);
      block = undefined;
      top = undefined;
      const name = normalizeHeading(heading[2] ?? '');
      const spec = SECTION_BY_NAME.get(name);
      if (heading[1] === '#' || !spec) {
        reportedStray = true;
        out.problems.push({
          line,
          message: `unknown section "${(text as string).trim()}": the sections are ${SECTION_NAMES}; use "####" for headings inside a section`,
        });
      } else if (seen.has(spec)) {
        out.problems.push({
          line,
          message: `section "## ${spec.heading}" appears twice: merge the two`,
        });
      } else {
        seen.add(spec);
        top = spec;
        block = { spec, top, headingLine: line, start: end + 1, end: -1 };
      }
    } else if (top && sub) {
      if (block) finishBlock(body, block, out);
      if (seen.has(sub)) {
        out.problems.push({
          line,
          message: `subsection "### ${sub.heading}" appears twice: merge the two`,
        });
        block = undefined;
      } else {
        seen.add(sub);
        block = { spec: sub, top, headingLine: line, start: end + 1, end: -1 };
      }
    } else if (block) {
      block.end = end;
    } else if (!top && !reportedStray && !isBlank(body, at, end)) {
      reportedStray = true;
      out.problems.push({
        line,
        message: 'text outside any section: move it under one of the "##" sections',
      });
    }
    if (end === body.length) break;
    at = end + 1;
  }
  if (block) finishBlock(body, block, out);
  return out;
}
