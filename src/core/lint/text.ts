// The document's words with the lines they sit on, so a rule that finds a phrase can
// point at the exact line of the file.
import type { Postmortem } from '../model.js';
import type { LineMap } from '../safe-yaml.js';

export interface TextField {
  /** Dotted model path, e.g. "root_cause.contributing_factors.1". */
  path: string;
  /** What people call it, for messages: "the Root cause section". */
  label: string;
  text: string;
  /** File line of the text's first line. */
  line: number;
}

function field(lines: LineMap, path: string, label: string, text: string | undefined): TextField[] {
  if (text === undefined || text.trim() === '') return [];
  return [{ path, label, text, line: lines.get(path) ?? 1 }];
}

function listFields(
  lines: LineMap,
  path: string,
  label: string,
  items: readonly string[],
): TextField[] {
  return items.flatMap((text, i) => field(lines, `${path}.${i}`, label, text));
}

/** Every piece of prose a person wrote in the document, internal parts included. */
export function textFields(doc: Postmortem, lines: LineMap): TextField[] {
  return [
    ...field(lines, 'title', 'the title', doc.title),
    ...field(lines, 'summary', 'the Summary', doc.summary),
    ...field(lines, 'impact.description', 'the Impact', doc.impact.description),
    ...field(lines, 'impact.not_affected', 'Not affected', doc.impact.not_affected),
    ...doc.timeline.flatMap((e, i) =>
      field(lines, `timeline.${i}.event`, 'a timeline entry', e.event),
    ),
    ...field(lines, 'root_cause.description', 'the Root cause', doc.root_cause.description),
    ...field(lines, 'root_cause.trigger', 'the Trigger', doc.root_cause.trigger),
    ...listFields(
      lines,
      'root_cause.contributing_factors',
      'a contributing factor',
      doc.root_cause.contributing_factors,
    ),
    ...field(lines, 'detection', 'Detection', doc.detection),
    ...field(lines, 'resolution', 'Resolution', doc.resolution),
    ...field(lines, 'apology', 'the Apology', doc.apology),
    ...doc.action_items.flatMap((a, i) =>
      field(lines, `action_items.${i}.title`, 'an action item', a.title),
    ),
    ...listFields(lines, 'lessons.went_well', 'Went well', doc.lessons.went_well),
    ...listFields(lines, 'lessons.went_wrong', 'Went wrong', doc.lessons.went_wrong),
    ...listFields(lines, 'lessons.lucky', 'Where we got lucky', doc.lessons.lucky),
    ...field(lines, 'internal_notes', 'Internal notes', doc.internal_notes),
  ];
}

/** The file line of character `index` of a field's text. */
export function lineAt(field: Pick<TextField, 'text' | 'line'>, index: number): number {
  let line = field.line;
  for (let i = 0; i < index && i < field.text.length; i++)
    if (field.text.charCodeAt(i) === 10) line++;
  return line;
}

const INTERNAL_OPENER = /^\s{0,3}>\s*\[!INTERNAL\]/i;

/**
 * Prose without its internal blockquotes (`> [!INTERNAL]` and the quoted lines after it),
 * each removed line left blank so line numbers still match. For judging wording only:
 * the public render does its own, fail-closed filtering.
 */
export function withoutInternalQuotes(text: string): string {
  let inside = false;
  return text
    .split('\n')
    .map((line) => {
      if (INTERNAL_OPENER.test(line)) inside = true;
      else if (inside && !/^\s{0,3}>/.test(line)) inside = false;
      return inside ? '' : line;
    })
    .join('\n');
}

/** Text to match literally inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A phrase as a case-insensitive pattern: whole words, any run of spaces or line breaks. */
export function phrasePattern(phrase: string): RegExp {
  const words = phrase.trim().split(/\s+/).map(escapeRegExp);
  const start = /^\w/.test(phrase.trim()) ? '\\b' : '';
  const end = /\w$/.test(phrase.trim()) ? '\\b' : '';
  return new RegExp(`${start}${words.join('\\s+')}${end}`, 'giu');
}

/** Matches in text order; one overlapping an earlier match is the same phrase, kept once. */
export function leftmostDistinct<T extends { start: number; end: number }>(hits: T[]): T[] {
  const kept: T[] = [];
  for (const hit of hits.sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (!kept.some((k) => hit.start < k.end && hit.end > k.start)) kept.push(hit);
  }
  return kept;
}

/** A short quote of a match for messages. */
export function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 60 ? `${flat.slice(0, 57)}...` : flat}"`;
}
