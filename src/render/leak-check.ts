// The last gate before anything public is written: redact terms (any case, across
// Markdown or HTML formatting and line breaks), e-mail addresses and the repo's leak
// patterns. A hit names the term, where it is, and the document field it came from.
import type { Config } from '../config/config.js';
import type { Postmortem } from '../core/model.js';
import { buildView } from './audience.js';
import { foldForScan } from './markers.js';
import { findTerm, isScannable, termChars } from './term-match.js';

export type LeakKind = 'redact' | 'email' | 'pattern' | 'internal-marker';

export interface Leak {
  kind: LeakKind;
  /** What matched: the redact term, the address, or the pattern. */
  term: string;
  /** The document field (model path, e.g. `timeline.3.event`) it came from, when known. */
  field: string | null;
  /** 1-based line in the scanned text (the field's text, or the output's), when known. */
  line: number | null;
  /** One sentence for people. */
  message: string;
}

export interface LeakRules {
  /** Each redact term with a function that finds it in folded text (index, or -1). */
  redact: { term: string; find: (folded: string) => number }[];
  patterns: { source: string; pattern: RegExp }[];
}

interface Hit {
  kind: 'redact' | 'email' | 'pattern';
  term: string;
  line: number;
}

// What may sit between two letters of a term without hiding it from a reader: spaces and
// line breaks, emphasis and code marks, escapes, quote markers, tags, a link's target.
const SEP = String.raw`(?:[\s*_~\x60\\\[\]>|#]|<[^<>\n]{0,200}>|\]\([^()\s]{0,300}\))*`;
const EMAIL = /[\p{L}\p{N}.%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

function escapeRegExp(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A regex that finds a term however it is formatted; undefined for an empty term. This is
 * the definition; findTerm (term-match.ts) finds the same without compiling a regex.
 */
export function termPattern(term: string): RegExp | undefined {
  const chars = termChars(foldForScan(term));
  if (chars.length === 0) return undefined;
  return new RegExp(chars.map(escapeRegExp).join(SEP), 'gu');
}

/** Finds a term however it is formatted, in folded text; undefined for an empty term. */
function termFinder(term: string): ((folded: string) => number) | undefined {
  const chars = termChars(foldForScan(term));
  if (chars.length === 0) return undefined;
  if (!isScannable(chars)) {
    const pattern = termPattern(term);
    return pattern && ((folded) => firstMatch(pattern, folded)?.index ?? -1);
  }
  return (folded) => findTerm(folded, chars);
}

// Documents share redact terms and every document shares the repo's patterns: each is
// prepared once per run. Matching resets lastIndex, so a shared RegExp carries no state.
const termCache = new Map<
  string,
  { key: string; find: ((folded: string) => number) | undefined }
>();
const patternCache = new Map<string, RegExp>();

function compiledTerm(term: string): {
  key: string;
  find: ((folded: string) => number) | undefined;
} {
  let compiled = termCache.get(term);
  if (compiled === undefined) {
    compiled = { key: foldForScan(term), find: termFinder(term) };
    if (termCache.size >= 256) termCache.clear();
    termCache.set(term, compiled);
  }
  return compiled;
}

export function compileLeakRules(
  redact: readonly string[],
  config: Pick<Config, 'leaks'>,
): LeakRules {
  const seen = new Set<string>();
  const rules: LeakRules = { redact: [], patterns: [] };
  for (const term of redact) {
    const { key, find } = compiledTerm(term);
    if (find && !seen.has(key)) {
      seen.add(key);
      rules.redact.push({ term, find });
    }
  }
  for (const source of config.leaks.patterns) {
    let pattern = patternCache.get(source);
    if (pattern === undefined) {
      pattern = new RegExp(source, 'giu');
      patternCache.set(source, pattern);
    }
    rules.patterns.push({ source, pattern });
  }
  return rules;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function firstMatch(pattern: RegExp, text: string): RegExpExecArray | null {
  pattern.lastIndex = 0;
  const m = pattern.exec(text);
  pattern.lastIndex = 0;
  return m;
}

const LOCAL_CHAR = /[\p{L}\p{N}.%+-]|[\ud800-\udfff]/u;
const DOMAIN_CHAR = /[\p{L}\p{N}-]|[\ud800-\udfff]/u;

/**
 * Can an address be found in this folded text, or in it with tags and emphasis removed?
 * Only around an "@" with an address character, or a tag or emphasis mark (which `bare`
 * removes), on each side: an "@" in `@media (...)` cannot be one.
 */
function mayHoldAddress(folded: string): boolean {
  for (let at = folded.indexOf('@'); at !== -1; at = folded.indexOf('@', at + 1)) {
    const before = folded.charAt(at - 1);
    const after = folded.charAt(at + 1);
    if (before === '' || after === '') continue;
    if (LOCAL_CHAR.test(before) || '>*_~`\\'.includes(before)) {
      if (DOMAIN_CHAR.test(after) || '<*_~`\\'.includes(after)) return true;
    }
  }
  return false;
}

/** Every leak in a text: at most one hit per rule, the first. */
export function scanText(text: string, rules: LeakRules): Hit[] {
  const hits: Hit[] = [];
  const folded = foldForScan(text);
  for (const { term, find } of rules.redact) {
    const at = find(folded);
    if (at !== -1) hits.push({ kind: 'redact', term, line: lineAt(folded, at) });
  }
  // Tags and emphasis removed, so `sam**@**example.com` reads as the address it shows.
  // Made only when something reads it: it has an "@" only if the folded text has one.
  let bare: string | undefined;
  const bareText = (): string =>
    (bare ??= folded.replace(/<\/?[a-z][^<>\n]{0,200}>/g, '').replace(/[*_~`\\]/g, ''));
  const emails = new Set<string>();
  for (const variant of mayHoldAddress(folded) ? [folded, bareText()] : []) {
    // Only around each "@": the address pattern run over a whole page is slow.
    for (let at = variant.indexOf('@'); at !== -1; at = variant.indexOf('@', at + 1)) {
      const start = Math.max(0, at - 200);
      const window = variant.slice(start, at + 260);
      for (const m of window.matchAll(EMAIL)) {
        const index = start + m.index;
        if (index > at || index + m[0].length <= at || emails.has(m[0])) continue;
        emails.add(m[0]);
        hits.push({ kind: 'email', term: m[0], line: lineAt(variant, index) });
      }
    }
  }
  for (const { source, pattern } of rules.patterns) {
    const m = firstMatch(pattern, folded) ?? firstMatch(pattern, bareText());
    if (m) hits.push({ kind: 'pattern', term: source, line: lineAt(m.input, m.index) });
  }
  return hits;
}

function describe(hit: Hit): string {
  if (hit.kind === 'redact') return `the redacted term "${hit.term}"`;
  if (hit.kind === 'email') return `the e-mail address ${hit.term}`;
  return `text matching the leak pattern /${hit.term}/`;
}

/**
 * Leaks in the public version of a document, field by field: internal markers the filter
 * could not remove safely, then redact terms, e-mail addresses and leak patterns.
 * The `public-leak` lint rule and every public render use this.
 */
export function findPublicLeaks(doc: Postmortem, config: Pick<Config, 'leaks'>): Leak[] {
  const { problems, texts } = buildView(doc, 'public');
  const leaks: Leak[] = problems.map((p) => ({
    kind: 'internal-marker',
    term: '[!INTERNAL]',
    field: p.field,
    line: p.line ?? null,
    message: `${p.field} ${p.message}`,
  }));
  const rules = compileLeakRules(doc.redact, config);
  for (const { field, text } of texts) {
    for (const hit of scanText(text, rules)) {
      leaks.push({
        kind: hit.kind,
        term: hit.term,
        field,
        line: hit.line,
        message: `${field} contains ${describe(hit)}`,
      });
    }
  }
  return leaks;
}

type ViewTexts = readonly { field: string; text: string }[];

/**
 * Leaks in a finished public output. `texts` are the view's texts (or what lists them,
 * asked only when there is a hit), to say which field a hit came from; a hit found in no
 * field came from a template.
 */
export function findOutputLeaks(
  output: string,
  outputName: string,
  rules: LeakRules,
  texts: ViewTexts | (() => ViewTexts),
): Leak[] {
  const hits = scanText(output, rules);
  if (hits.length === 0) return [];
  const fields = typeof texts === 'function' ? texts() : texts;
  return hits.map((hit) => {
    const source = fields.find(({ text }) =>
      scanText(text, rules).some((h) => h.kind === hit.kind && h.term === hit.term),
    );
    const from = source ? `from ${source.field}` : 'from the template';
    return {
      kind: hit.kind,
      term: hit.term,
      field: source?.field ?? null,
      line: hit.line,
      message: `${outputName} line ${hit.line} contains ${describe(hit)} (${from})`,
    };
  });
}
