// YAML read without surprises: the failsafe schema keeps every scalar a string (no
// `NO` -> false, `0123` -> 83, `12:30` -> 750, no Date objects), and the validator
// converts each field on purpose. Tags, anchors and aliases are refused outright.
import { createRequire } from 'node:module';
import type { LineCounter, Node } from 'yaml';

// The YAML library costs ~25-30 ms to load; most front matter takes the direct path
// below and never needs it, so it is loaded (as its CommonJS build) on first use.
type YamlLibrary = typeof import('yaml');
let yamlLibrary: YamlLibrary | undefined;
function yaml(): YamlLibrary {
  yamlLibrary ??= createRequire(import.meta.url)('yaml') as YamlLibrary;
  return yamlLibrary;
}
import { itemPaths } from './item-paths.js';
import type { Problem } from './problems.js';

export type PlainValue = string | number | boolean | null | PlainValue[] | PlainObject;
export interface PlainObject {
  [key: string]: PlainValue;
}

/** Where each value came from: dotted path ("timeline.2.at") -> 1-based line. */
export type LineMap = Map<string, number>;

export interface SafeYamlResult {
  value: PlainValue | undefined;
  lines: LineMap;
  problems: Problem[];
}

const MAX_DEPTH = 32;

/**
 * A scalar's value, the same on both reading paths: text, null for an empty plain value,
 * and a number only for a plain whole number (no leading zero, exact) at a numeric path.
 */
function scalarValue(text: string, plain: boolean, numeric: boolean): PlainValue {
  if (plain && numeric && /^(0|[1-9]\d*)$/.test(text) && Number.isSafeInteger(Number(text)))
    return Number(text);
  if (plain && text === '') return null;
  return text;
}

/** Indentation (two columns a level) plus block indicators ("- ", "? ") opening a line. */
function blockDepth(text: string, lineStart: number): number {
  const m = /^( *)((?:[-?:][ \t]+)*)/.exec(text.slice(lineStart, lineStart + 4 * MAX_DEPTH + 8));
  return (m?.[1] ?? '').length / 2 + (m?.[2] ?? '').replace(/[ \t]/g, '').length;
}

/**
 * The first line (1-based) nested deeper than MAX_DEPTH, found before the YAML parser
 * sees the text: `yaml` recurses once a level, and a few kilobytes of `- - - -` or
 * `[[[[` exhaust its stack or the heap and kill the process. Counts indentation, block
 * indicators at the start of a line, and open flow brackets outside quotes and comments.
 */
export function tooDeepLine(text: string): number | undefined {
  let flow = 0;
  let quote: string | undefined;
  let line = 1;
  let lineStart = 0;
  let comment = false;
  if (blockDepth(text, 0) > MAX_DEPTH) return 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\n') {
      line++;
      lineStart = i + 1;
      comment = false;
      if (quote === undefined && blockDepth(text, lineStart) + flow > MAX_DEPTH) return line;
    } else if (comment) {
      continue;
    } else if (quote !== undefined) {
      if (quote === '"' && ch === '\\' && text[i + 1] !== '\n') i++;
      else if (ch === quote) quote = undefined;
    } else {
      const before = i === lineStart ? ' ' : (text[i - 1] as string);
      if ((ch === '"' || ch === "'") && /[\s[{,:]/.test(before)) quote = ch;
      else if (ch === '#' && /\s/.test(before)) comment = true;
      else if (ch === '[' || ch === '{') flow++;
      else if ((ch === ']' || ch === '}') && flow > 0) flow--;
      if (flow > MAX_DEPTH) return line;
    }
  }
  return undefined;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

interface Walk {
  lc: LineCounter;
  lineOffset: number;
  lines: LineMap;
  problems: Problem[];
  /** Paths whose plain (unquoted) whole-number scalars mean numbers. */
  numericPaths: ReadonlySet<string>;
}

function lineOf(walk: Walk, node: { range?: [number, number, number] | null }): number {
  const offset = node.range?.[0] ?? 0;
  return walk.lc.linePos(offset).line + walk.lineOffset;
}

function toPlain(walk: Walk, node: unknown, path: string, depth: number): PlainValue {
  if (depth > MAX_DEPTH) {
    walk.problems.push({ message: `nesting deeper than ${MAX_DEPTH} levels is not allowed` });
    return null;
  }
  if (node === null || node === undefined) return null;
  const n = node as Node;
  const line = lineOf(walk, n);
  if (path !== '') walk.lines.set(path, line);
  if (yaml().isAlias(n)) {
    walk.problems.push({
      line,
      message: `YAML aliases (*${n.source}) are not allowed: write the value out`,
    });
    return null;
  }
  if (n.anchor) {
    walk.problems.push({
      line,
      message: `YAML anchors (&${n.anchor}) are not allowed: write the value out`,
    });
  }
  if (n.tag) {
    walk.problems.push({ line, message: `YAML tags (${n.tag}) are not allowed: remove the tag` });
    return null;
  }
  if (yaml().isScalar(n)) {
    return scalarValue(String(n.value), n.type === 'PLAIN', walk.numericPaths.has(path));
  }
  if (yaml().isSeq(n)) {
    return n.items.map((item, i) =>
      toPlain(walk, item, path === '' ? String(i) : `${path}.${i}`, depth + 1),
    );
  }
  if (yaml().isMap(n)) {
    const out: PlainObject = Object.create(null) as PlainObject;
    for (const pair of n.items) {
      const keyNode = pair.key as Node | null;
      if (!yaml().isScalar(keyNode)) {
        walk.problems.push({ line: lineOf(walk, n), message: 'only plain text keys are allowed' });
        continue;
      }
      const key = String(keyNode.value);
      if (key === '<<' && keyNode.type === 'PLAIN') {
        walk.problems.push({
          line: lineOf(walk, keyNode),
          message: 'YAML merge keys ("<<") are not allowed: write the fields out',
        });
        continue;
      }
      const childPath = path === '' ? key : `${path}.${key}`;
      walk.lines.set(childPath, lineOf(walk, keyNode));
      const value = toPlain(walk, pair.value, childPath, depth + 1);
      out[key] = value;
      walk.lines.set(childPath, lineOf(walk, keyNode));
    }
    return out;
  }
  walk.problems.push({ line, message: 'unsupported YAML node' });
  return null;
}

/** The YAML library's message, in our words where we know the fix. */
function yamlMessage(code: string, message: string, sourceLine: string | undefined): string {
  if (code === 'DUPLICATE_KEY') {
    const key = /^\s*(?:-\s+)?["']?([^"':#]+?)["']?\s*:/.exec(sourceLine ?? '')?.[1];
    return key === undefined
      ? 'a field is written twice: keep one'
      : `field "${key}" is written twice: keep one of the two lines`;
  }
  if (code === 'TAB_AS_INDENT') return 'a tab is used for indentation: indent with spaces';
  if (code === 'RESOURCE_EXHAUSTION') return 'the YAML is nested too deeply to read';
  return `YAML: ${message}`;
}

// The shape nearly every front matter has: `key: value` lines and `key:` followed by
// `  - item` lines, each value plain or quoted without escapes, or `key: []` for an empty
// list. Read directly, it gives exactly what the YAML library gives (the tests compare
// both on every shape); anything else (comments, tabs, other brackets, blank lines,
// escapes, a repeated key...) goes to the library.
// Characters that could make a value mean more than its text, or lines more than lines.
// eslint-disable-next-line no-control-regex -- control characters send the text to the library
const UNSIMPLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f#{}\\\u2028\u2029\ufeff\ud800-\udfff]/;
const SPACE = 32;

/** `[A-Za-z0-9(]`: what a plain value may start with here. */
function isPlainStart(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 57) ||
    code === 40
  );
}

/** A value's text and style, or undefined when the library must decide. */
function simpleScalar(raw: string): { text: string; plain: boolean } | undefined {
  if (raw === '') return { text: '', plain: true };
  // Square brackets only as a whole empty list; anywhere else the library reads them.
  if (raw.includes('[') || raw.includes(']')) return undefined;
  const first = raw[0];
  if (first === '"' || first === "'") {
    if (raw.length < 2 || raw[raw.length - 1] !== first) return undefined;
    const inner = raw.slice(1, -1);
    if (inner.includes(first)) return undefined;
    return { text: inner, plain: false };
  }
  if (!isPlainStart(raw.charCodeAt(0)) || raw.endsWith(' ') || raw.endsWith(':')) return undefined;
  if (raw.includes(': ') || raw.includes(' :') || raw.includes('  ')) return undefined;
  return { text: raw, plain: true };
}

/** The end of the row that starts at `at`: its "\n", or the end of the text. */
function rowEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl;
}

/** Where the ":" after a key (`[A-Za-z_][A-Za-z0-9_]*`) opening the row is, or -1. */
function keyEnd(text: string, at: number, end: number): number {
  for (let i = at; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 58) return i === at ? -1 : i;
    const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
    if (!letter && (i === at || code < 48 || code > 57)) return -1;
  }
  return -1;
}

/** Where reading has got to: the end of the current row, and its line. */
interface Cursor {
  end: number;
  line: number;
}

/** The `  - item` rows after the row of `key`; undefined when the library must read them. */
function simpleItems(
  text: string,
  key: string,
  at: Cursor,
  lines: LineMap,
  numericPaths: ReadonlySet<string>,
): PlainValue[] | undefined {
  const items: PlainValue[] = [];
  const paths = itemPaths(key);
  while (at.end !== text.length && text.startsWith('  ', at.end + 1)) {
    const start = at.end + 1;
    at.end = rowEnd(text, start);
    at.line++;
    if (!text.startsWith('  - ', start) || at.end - start < 5) return undefined;
    const s = simpleScalar(text.slice(start + 4, at.end));
    if (s === undefined || s.text === '') return undefined;
    const path = paths.item(items.length);
    lines.set(path, at.line);
    items.push(scalarValue(s.text, s.plain, numericPaths.has(path)));
  }
  return items;
}

/**
 * The rows `key: value`, `key:` then `  - item` rows, or `key: []` (the pattern
 * `^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$` and items `^ {2}- (.+)$`), read as offsets into
 * the text.
 */
function simpleYaml(
  text: string,
  lineOffset: number,
  numericPaths: ReadonlySet<string>,
): SafeYamlResult | undefined {
  if (text === '' || UNSIMPLE.test(text)) return undefined;
  const value: PlainObject = Object.create(null) as PlainObject;
  const lines: LineMap = new Map();
  const at: Cursor = { end: 0, line: 1 + lineOffset };
  for (let start = 0; ; at.line++) {
    at.end = rowEnd(text, start);
    const colon = keyEnd(text, start, at.end);
    if (colon === -1) return undefined;
    const key = text.slice(start, colon);
    if (lines.has(key)) return undefined;
    lines.set(key, at.line);
    if (colon + 1 < at.end && text.charCodeAt(colon + 1) !== SPACE) return undefined;
    const raw = colon + 1 === at.end ? undefined : text.slice(colon + 2, at.end);
    // The next row starts after this one's "\n" (-1: this is the last row).
    const next = at.end === text.length ? -1 : at.end + 1;
    if ((raw === undefined || raw === '') && next !== -1 && text.startsWith('  - ', next)) {
      const items = simpleItems(text, key, at, lines, numericPaths);
      if (items === undefined) return undefined;
      value[key] = items;
    } else if (raw === '[]') {
      if (next !== -1 && text.charCodeAt(next) === SPACE) return undefined;
      value[key] = [];
    } else {
      const s = raw === undefined ? undefined : simpleScalar(raw);
      if (s === undefined || (next !== -1 && text.charCodeAt(next) === SPACE)) return undefined;
      value[key] = scalarValue(s.text, s.plain, numericPaths.has(key));
    }
    if (at.end === text.length) break;
    start = at.end + 1;
  }
  return { value, lines, problems: [] };
}

/**
 * Parse YAML text safely. `lineOffset` shifts reported lines (front matter starts on
 * line 2 of the file).
 */
export function parseSafeYaml(
  text: string,
  options: { lineOffset?: number; numericPaths?: ReadonlySet<string> } = {},
): SafeYamlResult {
  const simple = simpleYaml(text, options.lineOffset ?? 0, options.numericPaths ?? new Set());
  if (simple !== undefined) return simple;
  return parseWithLibrary(text, options);
}

/** The YAML library's reading, checked node by node (exported for the tests). */
export function parseWithLibrary(
  text: string,
  options: { lineOffset?: number; numericPaths?: ReadonlySet<string> } = {},
): SafeYamlResult {
  const lc = new (yaml().LineCounter)();
  const lineOffset = options.lineOffset ?? 0;
  const problems: Problem[] = [];
  const lines: LineMap = new Map();
  const deep = tooDeepLine(text);
  if (deep !== undefined) {
    return {
      value: undefined,
      lines,
      problems: [
        {
          line: deep + lineOffset,
          message: `nesting deeper than ${MAX_DEPTH} levels is not allowed: the front matter holds plain fields and simple lists`,
        },
      ],
    };
  }
  let doc;
  try {
    doc = yaml().parseDocument(text, {
      schema: 'failsafe',
      uniqueKeys: true,
      strict: true,
      lineCounter: lc,
      prettyErrors: true,
    });
  } catch (error) {
    return {
      value: undefined,
      lines,
      problems: [{ message: `YAML could not be read: ${(error as Error).message}` }],
    };
  }
  const seen = new Set<string>();
  for (const error of [...doc.errors, ...doc.warnings]) {
    const pos = error.linePos?.[0];
    const message = yamlMessage(
      error.code,
      firstLine(error.message),
      pos === undefined ? undefined : text.split('\n')[pos.line - 1],
    );
    const line = pos === undefined ? undefined : pos.line + lineOffset;
    if (seen.has(`${line}:${message}`)) continue;
    seen.add(`${line}:${message}`);
    problems.push({ ...(line === undefined ? {} : { line }), message });
  }
  if (problems.length > 0) return { value: undefined, lines, problems };
  const walk: Walk = {
    lc,
    lineOffset,
    lines,
    problems,
    numericPaths: options.numericPaths ?? new Set(),
  };
  const value = toPlain(walk, doc.contents, '', 0);
  return { value, lines, problems };
}
