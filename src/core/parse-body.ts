// The Markdown body -> raw model fields (strings), with the line each came from.
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
import { normalizeProse } from './text.js';

interface SourceLine {
  text: string;
  line: number;
}

interface Block {
  spec: SectionSpec;
  top: SectionSpec;
  headingLine: number;
  lines: SourceLine[];
}

export interface BodyResult {
  fields: PlainObject;
  lines: LineMap;
  problems: Problem[];
}

const SECTION_NAMES = BODY_SECTIONS.map((s) => `"## ${s.heading}"`).join(', ');

function setPath(root: PlainObject, path: string, value: PlainValue): void {
  const parts = path.split('.');
  let node = root;
  for (const part of parts.slice(0, -1)) {
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

/** Split a section's lines into items that start with `- ` and continue indented. */
function listItems(block: Block, problems: Problem[]): SourceLine[][] {
  const items: SourceLine[][] = [];
  let current: SourceLine[] | undefined;
  let pendingBlank: SourceLine[] = [];
  for (const source of block.lines) {
    if (/^[-*+][ \t]/.test(source.text) || /^[-*+]$/.test(source.text)) {
      current = [source];
      items.push(current);
      pendingBlank = [];
    } else if (source.text.startsWith('  ') && current) {
      current.push(...pendingBlank, source);
      pendingBlank = [];
    } else if (/^\s*$/.test(source.text)) {
      if (current) pendingBlank.push({ text: '', line: source.line });
    } else {
      problems.push({
        line: source.line,
        message: `expected a list item ("- ...") under "${block.spec.heading}", found "${source.text.slice(0, 40)}"`,
      });
      current = undefined;
    }
  }
  return items;
}

function parseList(block: Block, out: BodyResult): PlainValue[] {
  const values: PlainValue[] = [];
  listItems(block, out.problems).forEach((item, index) => {
    const [first, ...rest] = item;
    if (!first) return;
    const text = normalizeProse(
      [first.text.replace(/^[-*+][ \t]?/, ''), ...rest.map((l) => l.text.slice(2))].join('\n'),
    );
    if (text === undefined) {
      out.problems.push({
        line: first.line,
        message: `empty list item under "${block.spec.heading}": remove it or write it`,
      });
      return;
    }
    out.lines.set(`${block.spec.path}.${index}`, first.line);
    values.push(text);
  });
  return values;
}

function parseTimeline(block: Block, out: BodyResult): PlainValue[] {
  const entries: PlainValue[] = [];
  listItems(block, out.problems).forEach((item, index) => {
    const [first, ...rest] = item;
    if (!first) return;
    const path = `timeline.${index}`;
    out.lines.set(path, first.line);
    out.lines.set(`${path}.at`, first.line);
    out.lines.set(`${path}.event`, first.line);
    if (rest.length > 0) {
      out.problems.push({
        line: rest[0]?.line ?? first.line,
        message: 'a timeline entry is one line: put more detail in a new entry or a section',
      });
    }
    const m = /^[-*+][ \t]+(\S+)(?:[ \t]+(.*))?$/s.exec(first.text);
    const at = m?.[1] ?? '';
    let text = (m?.[2] ?? '').trim();
    let internal = false;
    if (/^\[internal\]/i.test(text)) {
      internal = true;
      text = text.replace(INTERNAL_ENTRY_PATTERN, '').trim();
    }
    text = unescapeEventText(text);
    entries.push({ at, event: text, internal });
  });
  return entries;
}

function parseActionItem(
  item: SourceLine[],
  index: number,
  out: BodyResult,
): PlainValue | undefined {
  const [first, ...rest] = item;
  if (!first) return undefined;
  const path = `action_items.${index}`;
  out.lines.set(path, first.line);
  const m = /^[-*+][ \t]+\[([ xX])\][ \t]+([^:\s]+):(?:[ \t]+(.*))?$/s.exec(first.text);
  if (!m) {
    out.problems.push({
      line: first.line,
      message:
        'an action item starts with a checkbox, an id and a title, like "- [ ] AI-1: Page a second engineer after 10 minutes"',
    });
    return undefined;
  }
  const ticked = m[1] !== ' ';
  const raw: PlainObject = { id: m[2] ?? '', title: (m[3] ?? '').trim() };
  for (const key of ['id', 'title']) out.lines.set(`${path}.${key}`, first.line);
  for (const source of rest) {
    if (source.text === '') continue;
    const field = /^[ \t]+[-*+][ \t]+([A-Za-z_]+):(?:[ \t]+(.*))?$/s.exec(source.text);
    const key = field?.[1];
    if (!field || key === undefined) {
      out.problems.push({
        line: source.line,
        message: 'expected a field line like "  - owner: ops" under the action item',
      });
      continue;
    }
    if (!(ACTION_FIELDS as readonly string[]).includes(key) || key === 'id' || key === 'title') {
      out.problems.push({
        line: source.line,
        message: `unknown action item field "${key}": fields are ${ACTION_FIELDS.join(', ')}`,
      });
      continue;
    }
    if (key in raw) {
      out.problems.push({ line: source.line, message: `action item field "${key}" appears twice` });
      continue;
    }
    raw[key] = (field[2] ?? '').trim();
    out.lines.set(`${path}.${key}`, source.line);
  }
  const written = raw.status;
  if (ticked) {
    raw.status = written === 'wont_do' ? 'wont_do' : 'done';
  } else if (written === 'done') {
    out.problems.push({
      line: first.line,
      message: `${m[2] ?? ''} says "status: done" but its box is not ticked: tick it ("- [x]") or change the status`,
    });
  } else if (written === undefined) {
    raw.status = 'open';
  }
  if (!out.lines.has(`${path}.status`)) out.lines.set(`${path}.status`, first.line);
  return raw;
}

function parseActions(block: Block, out: BodyResult): PlainValue[] {
  const items: PlainValue[] = [];
  listItems(block, out.problems).forEach((item, index) => {
    const parsed = parseActionItem(item, index, out);
    if (parsed !== undefined) items.push(parsed);
  });
  return items;
}

function finishBlock(block: Block, out: BodyResult): void {
  const { spec } = block;
  if (spec.kind === 'group') {
    const stray = block.lines.find((l) => l.text.trim() !== '');
    if (stray) {
      const names = (spec.subs ?? []).map((s) => `"### ${s.heading}"`).join(', ');
      out.problems.push({
        line: stray.line,
        message: `text directly under "## ${spec.heading}": put it under ${names}`,
      });
    }
    return;
  }
  if (spec.path === null) return;
  out.lines.set(spec.path, block.headingLine);
  let value: PlainValue | undefined;
  if (spec.kind === 'prose') {
    value =
      normalizeProse(block.lines.map((l) => unescapeProseLine(l.text, block.top)).join('\n')) ??
      null;
    const firstText = block.lines.find((l) => l.text.trim() !== '');
    if (firstText) out.lines.set(spec.path, firstText.line);
  } else if (spec.kind === 'list') value = parseList(block, out);
  else if (spec.kind === 'timeline') value = parseTimeline(block, out);
  else value = parseActions(block, out);
  if (value !== null) setPath(out.fields, spec.path, value);
}

/** Parse the body. `firstLine` is the file line number of the body's first line. */
export function parseBody(body: string, firstLine: number): BodyResult {
  const out: BodyResult = { fields: {}, lines: new Map(), problems: [] };
  const seen = new Set<string>();
  let top: SectionSpec | undefined;
  let block: Block | undefined;
  let reportedStray = false;
  const lines = body.split('\n');
  lines.forEach((text, i) => {
    const line = firstLine + i;
    const heading = TOP_HEADING.exec(text);
    if (heading) {
      if (block) finishBlock(block, out);
      block = undefined;
      top = undefined;
      const name = normalizeHeading(heading[2] ?? '');
      const spec = BODY_SECTIONS.find((s) => s.heading.toLowerCase() === name);
      if (heading[1] === '#' || !spec) {
        reportedStray = true;
        out.problems.push({
          line,
          message: `unknown section "${text.trim()}": the sections are ${SECTION_NAMES}; use "####" for headings inside a section`,
        });
      } else if (seen.has(spec.heading)) {
        out.problems.push({
          line,
          message: `section "## ${spec.heading}" appears twice: merge the two`,
        });
      } else {
        seen.add(spec.heading);
        top = spec;
        block = { spec, top, headingLine: line, lines: [] };
      }
      return;
    }
    const sub = top ? subsectionOf(top, text) : undefined;
    if (top && sub) {
      if (block) finishBlock(block, out);
      if (seen.has(`${top.heading}/${sub.heading}`)) {
        out.problems.push({
          line,
          message: `subsection "### ${sub.heading}" appears twice: merge the two`,
        });
        block = undefined;
      } else {
        seen.add(`${top.heading}/${sub.heading}`);
        block = { spec: sub, top, headingLine: line, lines: [] };
      }
      return;
    }
    if (block) block.lines.push({ text, line });
    else if (!top && text.trim() !== '' && !reportedStray) {
      reportedStray = true;
      out.problems.push({
        line,
        message: 'text outside any section: move it under one of the "##" sections',
      });
    }
  });
  if (block) finishBlock(block, out);
  return out;
}
