// The linter: named rules over one parsed document at a time, with the severity the
// config gives each rule. A file that does not parse is itself an error finding.
import { apologySeveritiesOf } from '../workflow.js';
import type { Postmortem } from '../model.js';
import type { Problem } from '../problems.js';
import type { LineMap } from '../safe-yaml.js';
import { suggest } from '../suggest.js';
import { actionItems } from './rules/action-items.js';
import { apology } from './rules/apology.js';
import { blamelessLanguage } from './rules/blameless-language.js';
import { blamelessPhrases } from './rules/blameless-phrases.js';
import { chronology } from './rules/chronology.js';
import { publicLeak } from './rules/public-leak.js';
import { requiredSections } from './rules/required-sections.js';
import type { Finding, LintRule, LintSettings, PublicLeak, RuleLevel } from './types.js';

export type {
  Finding,
  FindingSeverity,
  LintRule,
  LintSettings,
  PublicLeak,
  RuleLevel,
} from './types.js';

/** Every rule, in the order findings on the same line are listed. */
export const RULES: readonly LintRule[] = [
  requiredSections,
  chronology,
  actionItems,
  blamelessLanguage,
  apology,
  publicLeak,
];
export const RULE_NAMES: readonly string[] = RULES.map((r) => r.name);
/** The pseudo-rule of a file that cannot be read: always an error, never off. */
export const PARSE_RULE = 'parse';

export type RuleLevels = Record<string, RuleLevel>;

/** Each rule's level from the config over its default; unknown names are problems. */
export function resolveLevels(configured: Readonly<Record<string, RuleLevel>>): {
  levels: RuleLevels;
  problems: string[];
} {
  const levels: RuleLevels = Object.fromEntries(RULES.map((r) => [r.name, r.defaultLevel]));
  const problems: string[] = [];
  for (const [name, level] of Object.entries(configured)) {
    if (RULE_NAMES.includes(name)) levels[name] = level;
    else
      problems.push(
        `lint.rules.${name}: there is no rule "${name}"${suggest(name, RULE_NAMES)}; the rules are ${RULE_NAMES.join(', ')}`,
      );
  }
  return { levels, problems };
}

export interface LintConfig {
  due_within_days: Readonly<Record<string, number>>;
  blameless_phrases: readonly string[];
  blameless_suggestions?: Readonly<Record<string, string>> | undefined;
}

/** The settings rules read, built once per run. */
export function lintSettings(
  config: LintConfig,
  findLeaks?: (doc: Postmortem) => PublicLeak[],
  severities: readonly string[] = [],
): LintSettings {
  return {
    dueWithinDays: config.due_within_days,
    blamelessPhrases: blamelessPhrases(config.blameless_phrases, config.blameless_suggestions),
    apologySeverities: apologySeveritiesOf(severities),
    ...(findLeaks === undefined ? {} : { findLeaks }),
  };
}

export interface LintInput {
  doc: Postmortem;
  lines: LineMap;
  /** Path of the file for findings. */
  file: string;
}

/** Run every rule that is not off on one document; findings sorted by line. */
export function lintDocument(
  input: LintInput,
  levels: RuleLevels,
  settings: LintSettings,
): Finding[] {
  const findings: (Finding & { order: number })[] = [];
  const keys = new Set<string>();
  RULES.forEach((rule, order) => {
    const level = levels[rule.name] ?? rule.defaultLevel;
    if (level === 'off') return;
    for (const found of rule.check({ doc: input.doc, lines: input.lines, settings })) {
      if (found.key !== undefined) {
        if (keys.has(found.key)) continue;
        keys.add(found.key);
      }
      findings.push({
        file: input.file,
        line: found.line,
        rule: rule.name,
        severity: level,
        message: found.message,
        hint: found.hint,
        order,
      });
    }
  });
  return findings
    .sort((a, b) => a.line - b.line || a.order - b.order)
    .map(({ order: _order, ...finding }) => finding);
}

/** A file that could not be read or parsed: one error finding per problem. */
export function parseFindings(file: string, problems: readonly Problem[]): Finding[] {
  const list = problems.length > 0 ? problems : [{ message: 'the file could not be read' }];
  return list.map((p): Finding => ({
    file,
    line: p.line ?? 1,
    rule: PARSE_RULE,
    severity: 'error',
    message: p.message,
    hint: 'the file must parse before the other rules can check it: fix this line (the format is described in docs/format.md)',
  }));
}
