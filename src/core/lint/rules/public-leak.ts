// The public version must never carry internal details. The check itself belongs to the
// rendering layer (the same one every public render runs); this rule only points its
// findings at lines of the file. Nothing is written.
import type { Postmortem } from '../../model.js';
import type { LineMap } from '../../safe-yaml.js';
import type { LintRule, PublicLeak, RuleFinding, RuleInput } from '../types.js';

function lineOfPath(lines: LineMap, path: string): number | undefined {
  for (let p = path; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const line = lines.get(p);
    if (line !== undefined) return line;
  }
  return undefined;
}

function textAt(doc: Postmortem, path: string): string | undefined {
  let node: unknown = doc;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : typeof node === 'number' ? String(node) : undefined;
}

/** The file line of a leak: the line of its field that holds the term, else the field's own line. */
export function leakLine(doc: Postmortem, lines: LineMap, leak: PublicLeak): number {
  if (leak.field === undefined) return lines.get('redact') ?? 1;
  const base = lineOfPath(lines, leak.field) ?? 1;
  const text = textAt(doc, leak.field);
  if (text !== undefined && leak.term !== undefined && leak.term !== '') {
    const needle = leak.term.toLowerCase();
    const found = text.split('\n').findIndex((l) => l.toLowerCase().includes(needle));
    if (found !== -1) return base + found;
  }
  return base + Math.max(0, (leak.line ?? 1) - 1);
}

function check({ doc, lines, settings }: RuleInput): RuleFinding[] {
  if (!settings.findLeaks) return [];
  return settings.findLeaks(doc).map((leak) => ({
    line: leakLine(doc, lines, leak),
    message: `public version: ${leak.message}`,
    hint:
      leak.hint ??
      'move the detail into a "> [!INTERNAL]" block at the top level of its section (or mark the entry or item internal), or reword it',
  }));
}

export const publicLeak: LintRule = {
  name: 'public-leak',
  defaultLevel: 'error',
  description:
    'the public version would contain redacted terms, e-mail addresses, leak patterns or internal markers',
  check,
};
