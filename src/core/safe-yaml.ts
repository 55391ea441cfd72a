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
    walk.problems.push({ line, message: 'YAML aliases (*name) are not allowed: write the value out' });
    return null;
  }
  if (n.anchor) {
    walk.problems.push({ line, message: `YAML anchors (&${n.anchor}) are not allowed: write the value out` });
  }
  if (n.tag) {
    walk.problems.push({ line, message: `YAML tags (${n.tag}) are not allowed: remove the tag` });
    return null;
  }
  if (isScalar(n)) {
    const text = String(n.value);
    if (n.type === 'PLAIN' && walk.numericPaths.has(path) && /^(0|[1-9]\d{0,14})$/.test(text)) {
      return Number(text);
    }
    if (n.type === 'PLAIN' && text === '') return null;
    return text;
  }
  if (isSeq(n)) {
    return n.items.map((item, i) => toPlain(walk, item, path === '' ? String(i) : `${path}.${i}`, depth + 1));
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
    return { value: undefined, lines, problems: [{ message: `YAML could not be read: ${(error as Error).message}` }] };
  }
  for (const error of [...doc.errors, ...doc.warnings]) {
    const pos = error.linePos?.[0];
    problems.push({
      ...(pos ? { line: pos.line + lineOffset } : {}),
      message: `YAML: ${firstLine(error.message)}`,
    });
  }
  if (problems.length > 0) return { value: undefined, lines, problems };
  const walk: Walk = { lc, lineOffset, lines, problems, numericPaths: options.numericPaths ?? new Set() };
  const value = toPlain(walk, doc.contents, '', 0);
  return { value, lines, problems };
}
