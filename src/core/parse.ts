// File text -> validated model. Refuses executable or malformed front matter instead
// of guessing, and reports every problem with its line.
import type { Postmortem } from './model.js';
import { DocumentError, type Problem } from './problems.js';
import { parseSafeYaml, type LineMap, type PlainObject, type PlainValue } from './safe-yaml.js';
import { BODY_SECTIONS, FRONT_MATTER_KEYS } from './format-layout.js';
import { parseBody } from './parse-body.js';
import { decodeText, type DecodedText } from './text.js';
import { validatePostmortem, type ValidateOptions, type ValidateResult } from './validate.js';
import { suggest } from './suggest.js';

export interface ParsedDocument {
  doc: Postmortem;
  /** Dotted model path -> line in the file, for messages that point at the source. */
  lines: LineMap;
  eol: '\n' | '\r\n';
}

interface Split {
  frontMatter: string;
  body: string;
  bodyFirstLine: number;
}

/** Each top-level field the body holds -> the heading of the section it is written under. */
const BODY_FIELDS = new Map<string, string>();
for (const section of BODY_SECTIONS) {
  for (const { path } of [section, ...(section.subs ?? [])]) {
    const field = path?.split('.')[0];
    if (field !== undefined && !BODY_FIELDS.has(field)) BODY_FIELDS.set(field, section.heading);
  }
}

function splitFrontMatter(text: string): Split | Problem {
  const openerEnd = text.indexOf('\n');
  const opener = openerEnd === -1 ? text : text.slice(0, openerEnd);
  if (opener !== '---') {
    if (/^---\s*\S/.test(opener)) {
      return {
        line: 1,
        message: `front matter must open with a line of exactly "---", found "${opener.slice(0, 20)}": only plain YAML front matter is read, never code`,
      };
    }
    if (/^---[ \t]+$/.test(opener)) {
      return {
        line: 1,
        message: 'the opening line must be exactly "---": remove the spaces after it',
      };
    }
    if (/^\s+---/.test(opener)) {
      return {
        line: 1,
        message:
          'the opening "---" must start at the beginning of the line: remove the leading space',
      };
    }
    return {
      line: 1,
      message:
        'no front matter: a post-mortem starts with a line "---", then its YAML fields, then "---"',
    };
  }
  // The first later line that is "---", maybe followed by spaces or tabs.
  for (let at = openerEnd + 1, line = 2; openerEnd !== -1; line++) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    if (text.startsWith('---', at) && onlySpacesOrTabs(text, at + 3, end)) {
      return {
        frontMatter: text.slice(openerEnd + 1, Math.max(openerEnd + 1, at - 1)),
        body: nl === -1 ? '' : text.slice(nl + 1),
        bodyFirstLine: line + 1,
      };
    }
    if (nl === -1) break;
    at = nl + 1;
  }
  return {
    line: 1,
    message:
      'the front matter opened on line 1 is never closed: add a line "---" after the last field',
  };
}

function onlySpacesOrTabs(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

const NUMERIC_FRONT_MATTER = new Set(['customers_affected']);

interface FrontMatter {
  raw: PlainObject;
  lines: LineMap;
  /** False when the block could not be read as fields: nothing in it can be checked. */
  readable: boolean;
}

function readFrontMatter(split: Split, problems: Problem[]): FrontMatter {
  const result = parseSafeYaml(split.frontMatter, {
    lineOffset: 1,
    numericPaths: NUMERIC_FRONT_MATTER,
  });
  problems.push(...result.problems);
  const raw: PlainObject = {};
  const lines: LineMap = new Map();
  if (result.problems.length > 0) return { raw, lines, readable: false };
  const value = result.value;
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    const found =
      value === null || value === undefined
        ? 'nothing'
        : Array.isArray(value)
          ? 'a list'
          : 'a single value';
    problems.push({
      line: 2,
      message: `the front matter must be YAML fields, one "key: value" a line (like "title: API outage"), found ${found}`,
    });
    return { raw, lines, readable: false };
  }
  const known = (): string[] => [...FRONT_MATTER_KEYS.map((k) => k.key), ...BODY_FIELDS.keys()];
  for (const key of Object.keys(value)) {
    const spec = SPEC_BY_KEY.get(key);
    if (!spec) {
      const line = result.lines.get(key);
      const heading = BODY_FIELDS.get(key);
      const where = heading
        ? `"${key}" belongs in the body, as the "## ${heading}" section`
        : `unknown front matter field "${key}"${suggest(key, known())}`;
      problems.push({ ...(line === undefined ? {} : { line }), message: where });
      continue;
    }
    placeAt(raw, spec, value[key] as PlainValue);
  }
  // Each known key's lines, under its model path. Every path starts with a key of the
  // block; one that is not a known key (or a dotted key) was reported above.
  for (const [path, line] of result.lines) {
    const dot = path.indexOf('.');
    const spec = SPEC_BY_KEY.get(dot === -1 ? path : path.slice(0, dot));
    if (spec === undefined) continue;
    lines.set(spec.nested ? spec.path + path.slice(spec.key.length) : path, line);
  }
  return { raw, lines, readable: true };
}

interface KeySpec {
  key: string;
  path: string;
  /** For a key that holds a nested model field (`data_loss`: `impact.data_loss`). */
  nested?: { head: string; tail: string };
}

const SPEC_BY_KEY = new Map<string, KeySpec>(
  FRONT_MATTER_KEYS.map(({ key, path }) => {
    const [head, tail] = path.split('.') as [string, string | undefined];
    return [key, tail === undefined ? { key, path } : { key, path, nested: { head, tail } }];
  }),
);

/** Front matter keys that hold a nested model field are named as the file spells them. */
function frontMatterName(path: string): string | undefined {
  return FRONT_MATTER_KEYS.find((k) => k.path === path && k.key !== path)?.key;
}

function placeAt(root: PlainObject, spec: KeySpec, value: PlainValue): void {
  if (spec.nested === undefined) {
    root[spec.path] = value;
    return;
  }
  const { head, tail } = spec.nested;
  const inner = (root[head] as PlainObject | undefined) ?? {};
  inner[tail] = value;
  root[head] = inner;
}

/** Parse a post-mortem file's text; throws DocumentError listing every problem. */
export function parsePostmortemText(
  text: string,
  file: string,
  options: ValidateOptions = {},
): Postmortem {
  return parsePostmortem(new TextEncoder().encode(text), file, options).doc;
}

/** Parse a post-mortem file's bytes; throws DocumentError listing every problem. */
export function parsePostmortem(
  bytes: Uint8Array,
  file: string,
  options: ValidateOptions = {},
): ParsedDocument {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new DocumentError(file, [decoded.problem]);
  return parseDecoded(decoded.value, file, options);
}

/** Parse the text decodeText gave; throws DocumentError listing every problem. */
export function parseDecoded(
  decoded: DecodedText,
  file: string,
  options: ValidateOptions = {},
): ParsedDocument {
  const split = splitFrontMatter(decoded.text);
  if ('message' in split) throw new DocumentError(file, [split]);
  const problems: Problem[] = [];
  const front = readFrontMatter(split, problems);
  // The body's fields and lines join the front matter's.
  const lines = front.lines;
  const body = parseBody(split.body, split.bodyFirstLine, lines, front.raw);
  problems.push(...body.problems);
  // An unreadable block would make every required field look missing: report only why.
  const validated: ValidateResult = front.readable
    ? validatePostmortem(front.raw, lines, { sourceName: frontMatterName, ...options })
    : { problems: [] };
  // A missing field has no line of its own: point at the end of the front matter, where it goes.
  const closing = split.bodyFirstLine - 1;
  problems.push(
    ...validated.problems.map((p) => (p.line === undefined ? { ...p, line: closing } : p)),
  );
  if (problems.length > 0 || !validated.doc) {
    problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    throw new DocumentError(file, problems);
  }
  return { doc: validated.doc, lines, eol: decoded.eol };
}
