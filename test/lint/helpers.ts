// Fixtures for the lint rules: real example files, edited one fact at a time and parsed
// by the real parser, so every line number a rule reports is a line of a real file.
import { readdirSync, readFileSync } from 'node:fs';
import { parsePostmortem } from '../../src/core/parse.js';
import { defaultConfig } from '../../src/config/config.js';
import {
  lintDocument,
  lintSettings,
  resolveLevels,
  RULES,
  type Finding,
  type LintConfig,
  type PublicLeak,
} from '../../src/core/lint/index.js';
import type { Postmortem } from '../../src/core/model.js';

const EXAMPLES = new URL('../../examples/', import.meta.url);

export const EXAMPLE_NAMES = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.md'))
  .sort();

export function example(name: string): string {
  return readFileSync(new URL(name, EXAMPLES), 'utf8');
}

export const OUTAGE = '2026-03-14-app-server-outage.md';
export const BREACH = '2026-10-17-spam-posts-after-breach.md';
export const DST = '2026-10-25-update-without-where.md';

/** Replace text that must be there: a fixture edit that silently misses is a false pass. */
export function edit(text: string, from: string | RegExp, to: string): string {
  const found = typeof from === 'string' ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`fixture edit: ${String(from)} not in the text`);
  return text.replace(from, to);
}

/** The 1-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  if (index === -1) throw new Error(`fixture: "${needle}" not in the text`);
  return index + 1;
}

export function parse(
  text: string,
  file = 'postmortems/x.md',
): { doc: Postmortem; lines: Map<string, number> } {
  const { doc, lines } = parsePostmortem(new TextEncoder().encode(text), file);
  return { doc, lines };
}

export interface LintOptions {
  config?: Partial<LintConfig>;
  findLeaks?: (doc: Postmortem) => PublicLeak[];
  levels?: Record<string, 'error' | 'warn' | 'off'>;
}

/** Every finding of every rule on a text. */
export function lintText(text: string, options: LintOptions = {}): Finding[] {
  const { doc, lines } = parse(text);
  const config = { ...defaultConfig().lint, ...options.config };
  const { levels } = resolveLevels(options.levels ?? {});
  return lintDocument(
    { doc, lines, file: 'postmortems/x.md' },
    levels,
    lintSettings(config, options.findLeaks),
  );
}

/** The findings of one rule only. */
export function lintRule(text: string, rule: string, options: LintOptions = {}): Finding[] {
  const levels = Object.fromEntries(
    RULES.map((r) => [r.name, r.name === rule ? r.defaultLevel : 'off']),
  ) as Record<string, 'error' | 'warn' | 'off'>;
  return lintText(text, { ...options, levels: { ...levels, ...options.levels } });
}
