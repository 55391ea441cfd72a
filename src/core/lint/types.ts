// The shapes every lint rule shares. Rules are pure: a parsed document and settings in,
// findings out; severities, files and output formats are applied around them.
import type { Postmortem } from '../model.js';
import type { LineMap } from '../safe-yaml.js';

export type RuleLevel = 'error' | 'warn' | 'off';
export type FindingSeverity = 'error' | 'warn';

/** One problem, as every output format shows it. */
export interface Finding {
  /** Path of the file relative to the repository root, with forward slashes. */
  file: string;
  /** 1-based line in the file. */
  line: number;
  rule: string;
  severity: FindingSeverity;
  message: string;
  /** How to fix it, as a sentence. */
  hint: string;
}

/** What a rule reports; the runner adds the file, rule name and severity. */
export interface RuleFinding {
  line: number;
  message: string;
  hint: string;
  /** Two rules that can report the same fact give it the same key; it is reported once. */
  key?: string | undefined;
}

export interface BlamelessPhrase {
  /** The phrase as people write it, for messages. */
  phrase: string;
  pattern: RegExp;
  suggestion: string;
  /** Lowercase text every match contains: a fast test before the pattern runs. */
  needle: string;
}

/** A leak the public version would contain, as the rendering layer reports it. */
export interface PublicLeak {
  /** Model path of the field the leak is in, when known. */
  field?: string | undefined;
  /** What matched (a term or an address), to find its line in the field. */
  term?: string | undefined;
  /** 1-based line within the field's public text, when known. */
  line?: number | undefined;
  message: string;
  hint?: string | undefined;
}

export interface LintSettings {
  /** Days after the incident's start within which items of each priority must be due. */
  dueWithinDays: Readonly<Record<string, number>>;
  blamelessPhrases: readonly BlamelessPhrase[];
  /** Severities whose post-mortem must carry a public apology (default SEV1 and SEV2). */
  apologySeverities: readonly string[];
  /** The rendering layer's leak check, injected: lint renders nothing itself. */
  findLeaks?: (doc: Postmortem) => PublicLeak[];
}

export interface RuleInput {
  doc: Postmortem;
  lines: LineMap;
  settings: LintSettings;
}

export interface LintRule {
  name: string;
  /** The level when the config does not set one. */
  defaultLevel: FindingSeverity;
  /** One line for `--help`-style listings and the docs. */
  description: string;
  check(input: RuleInput): RuleFinding[];
}
