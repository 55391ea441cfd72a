// YAML read without surprises: the failsafe schema keeps every scalar a string (no
// `NO` -> false, `0123` -> 83, `12:30` -> 750, no Date objects), and the validator
// converts each field on purpose. Tags, anchors and aliases are refused outright.
import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
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
  if (isAlias(n)) {
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
  if (isScalar(n)) {
    const text = String(n.value);
    if (
      n.type === 'PLAIN' &&
      walk.numericPaths.has(path) &&
      /^(0|[1-9]\d*)$/.test(text) &&
      Number.isSafeInteger(Number(text))
    ) {
      return Number(text);
    }
    if (n.type === 'PLAIN' && text === '') return null;
    return text;
  }
  if (isSeq(n)) {
    return n.items.map((item, i) =>
      toPlain(walk, item, path === '' ? String(i) : `${path}.${i}`, depth + 1),
    );
  }
  if (isMap(n)) {
    const out: PlainObject = Object.create(null) as PlainObject;
    for (const pair of n.items) {
      const keyNode = pair.key as Node | null;
      if (!isScalar(keyNode)) {
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

/**
 * Parse YAML text safely. `lineOffset` shifts reported lines (front matter starts on
 * line 2 of the file).
 */
export function parseSafeYaml(
  text: string,
  options: { lineOffset?: number; numericPaths?: ReadonlySet<string> } = {},
): SafeYamlResult {
  const lc = new LineCounter();
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
    doc = parseDocument(text, {
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
