// Defaults -> the repo's postmortem.yml -> flags. Every problem in the file is reported
// at once, with its line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SEVERITIES, PRIORITIES } from '../core/model.js';
import { DocumentError, type Problem } from '../core/problems.js';
import { parseSafeYaml, type PlainObject, type PlainValue } from '../core/safe-yaml.js';
import { suggest } from '../core/suggest.js';
import { isTimeZone } from '../core/time.js';
import { readCachedConfig, writeCachedConfig } from './config-cache.js';
import { systemTimezone } from './system-zone.js';

export const CONFIG_FILE = 'postmortem.yml';

export type RuleLevel = 'error' | 'warn' | 'off';

export interface SeverityLevel {
  name: string;
  description: string;
}

export interface Config {
  /** Folder of the post-mortems, relative to the repo root. */
  folder: string;
  /** IANA zone for new documents; undefined means the system's. */
  timezone: string | undefined;
  severities: SeverityLevel[];
  /** Folder of template overrides, relative to the repo root. */
  templates: string;
  git: { commit: boolean; branch: boolean };
  publish: { include_approved: boolean; site_title: string; base_url: string | undefined };
  lint: {
    rules: Record<string, RuleLevel>;
    /** Days within which an action item of each priority must be due. */
    due_within_days: Record<string, number>;
    blameless_phrases: string[];
    /** phrase -> what to write instead ("off" drops a built-in phrase); from the map form. */
    blameless_suggestions: Record<string, string>;
  };
  leaks: { patterns: string[] };
  /** Where the config came from, for messages; undefined when defaults only. */
  source: string | undefined;
}

export const DEFAULT_SEVERITY_LEVELS: SeverityLevel[] = [
  {
    name: 'SEV1',
    description: 'critical: the product is down or data is at risk for many customers',
  },
  {
    name: 'SEV2',
    description: 'major: a core feature is broken or badly degraded for many customers',
  },
  {
    name: 'SEV3',
    description: 'minor: a feature is degraded, with a workaround, or few customers are affected',
  },
  { name: 'SEV4', description: 'low: cosmetic or internal-only impact' },
];

export function defaultConfig(): Config {
  return {
    folder: 'postmortems',
    timezone: undefined,
    severities: DEFAULT_SEVERITY_LEVELS.map((s) => ({ ...s })),
    templates: '.postmortem/templates',
    git: { commit: true, branch: false },
    publish: { include_approved: false, site_title: 'Incident reports', base_url: undefined },
    lint: {
      rules: {},
      due_within_days: { P0: 7, P1: 30 },
      blameless_phrases: [],
      blameless_suggestions: {},
    },
    leaks: { patterns: [] },
    source: undefined,
  };
}

/**
 * Every setting the file accepts, by section ('' is the top level). Adding a setting:
 * add its key here, read it in parseConfig, give it a default in defaultConfig and a
 * commented line in template.ts (a test checks the template covers this list).
 */
export const CONFIG_KEYS = {
  '': ['folder', 'timezone', 'severities', 'templates', 'git', 'publish', 'lint', 'leaks'],
  severities: ['name', 'description'],
  git: ['commit', 'branch'],
  publish: ['include_approved', 'site_title', 'base_url'],
  lint: ['rules', 'due_within_days', 'blameless_phrases'],
  leaks: ['patterns'],
} as const satisfies Record<string, readonly string[]>;

/** A value as the user wrote it, for messages (lists and maps as JSON). */
function shown(value: PlainValue): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function isObject(value: PlainValue | undefined): value is PlainObject {
  return (
    value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value)
  );
}

class ConfigReader {
  readonly problems: Problem[] = [];
  constructor(private readonly lines: Map<string, number>) {}

  report(path: string, message: string): void {
    const line = this.lines.get(path);
    this.problems.push(line === undefined ? { message } : { line, message });
  }

  keys(path: string, value: PlainObject, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key))
        this.report(
          path ? `${path}.${key}` : key,
          `unknown setting "${path ? `${path}.` : ''}${key}"${suggest(key, known)}`,
        );
    }
  }

  string(path: string, value: PlainValue | undefined, fallback: string): string {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string' || value.trim() === '') {
      this.report(path, `${path} must be text`);
      return fallback;
    }
    return value.trim();
  }

  boolean(path: string, value: PlainValue | undefined, fallback: boolean): boolean {
    if (value === undefined || value === null) return fallback;
    if (value === 'true' || value === true) return true;
    if (value === 'false' || value === false) return false;
    this.report(path, `${path} "${shown(value)}" is not a boolean: write true or false`);
    return fallback;
  }

  stringList(path: string, value: PlainValue | undefined): string[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      this.report(path, `${path} must be a list of text`);
      return [];
    }
    return value as string[];
  }

  object(path: string, value: PlainValue | undefined, known: readonly string[]): PlainObject {
    if (value === undefined || value === null) return {};
    if (!isObject(value)) {
      this.report(path, `${path} must be a set of settings (${known.join(', ')})`);
      return {};
    }
    this.keys(path, value, known);
    return value;
  }
}

function readSeverities(
  r: ConfigReader,
  value: PlainValue | undefined,
): SeverityLevel[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length === 0) {
    r.report(
      'severities',
      'severities must be a list of levels, each "- name: SEV1" with a description',
    );
    return undefined;
  }
  const levels = value.map((item, i) => {
    if (typeof item === 'string') return { name: item, description: '' };
    const level = r.object(`severities.${i}`, item, CONFIG_KEYS.severities);
    if (isObject(item) && (level.name === undefined || level.name === null))
      r.report(`severities.${i}`, `severities.${i} has no name: write it as "- name: SEV${i + 1}"`);
    return {
      name: r.string(`severities.${i}.name`, level.name, `SEV${i + 1}`),
      description: r.string(`severities.${i}.description`, level.description, ''),
    };
  });
  levels.forEach((level, i) => {
    if (levels.findIndex((other) => other.name === level.name) < i)
      r.report(
        `severities.${i}.name`,
        `severity ${level.name} is listed twice: each level needs its own name`,
      );
  });
  return levels;
}

/** A folder setting must stay inside the repository: no absolute path, no `..`. */
function insideRepo(path: string): boolean {
  return !path.startsWith('/') && !/^[a-zA-Z]:/.test(path) && !path.split(/[\\/]/).includes('..');
}

function readLint(r: ConfigReader, value: PlainValue | undefined, config: Config): void {
  const lint = r.object('lint', value, CONFIG_KEYS.lint);
  if (isObject(lint.rules)) {
    for (const [rule, level] of Object.entries(lint.rules)) {
      if (level === 'error' || level === 'warn' || level === 'off') config.lint.rules[rule] = level;
      else
        r.report(
          `lint.rules.${rule}`,
          `lint.rules.${rule} "${shown(level)}" is not one of error, warn, off`,
        );
    }
  } else if (lint.rules !== undefined && lint.rules !== null)
    r.report('lint.rules', 'lint.rules must map rule names to error, warn or off');
  if (isObject(lint.due_within_days)) {
    for (const [priority, days] of Object.entries(lint.due_within_days)) {
      if (!(PRIORITIES as readonly string[]).includes(priority))
        r.report(
          `lint.due_within_days.${priority}`,
          `unknown priority "lint.due_within_days.${priority}": expected one of ${PRIORITIES.join(', ')}`,
        );
      else if (typeof days === 'string' && /^\d{1,4}$/.test(days))
        config.lint.due_within_days[priority] = Number(days);
      else
        r.report(
          `lint.due_within_days.${priority}`,
          `lint.due_within_days.${priority} must be a whole number of days`,
        );
    }
  }
  // A list of phrases, or a map of phrase -> suggestion (the suggestion "off" drops a built-in).
  if (isObject(lint.blameless_phrases)) {
    for (const [phrase, suggestion] of Object.entries(lint.blameless_phrases)) {
      if (typeof suggestion === 'string' && suggestion.trim() !== '')
        config.lint.blameless_suggestions[phrase] = suggestion.trim();
      else
        r.report(
          `lint.blameless_phrases.${phrase}`,
          `lint.blameless_phrases.${phrase} must be the suggestion to show, or off`,
        );
    }
    config.lint.blameless_phrases = Object.keys(config.lint.blameless_suggestions);
  } else
    config.lint.blameless_phrases = r.stringList('lint.blameless_phrases', lint.blameless_phrases);
}

function readLeaks(r: ConfigReader, value: PlainValue | undefined, config: Config): void {
  const leaks = r.object('leaks', value, CONFIG_KEYS.leaks);
  config.leaks.patterns = r.stringList('leaks.patterns', leaks.patterns).filter((pattern, i) => {
    try {
      new RegExp(pattern, 'iu');
      return true;
    } catch (error) {
      r.report(
        `leaks.patterns.${i}`,
        `leaks.patterns.${i} is not a valid regular expression: ${(error as Error).message}`,
      );
      return false;
    }
  });
}

/** Read a config file's text into a Config; throws DocumentError listing every problem. */
export function parseConfig(text: string, file: string): Config {
  const config = defaultConfig();
  config.source = file;
  const parsed = parseSafeYaml(text);
  if (parsed.problems.length > 0) throw new DocumentError(file, parsed.problems);
  if (parsed.value === null || parsed.value === undefined) return config;
  const r = new ConfigReader(parsed.lines);
  const top = r.object('', parsed.value, CONFIG_KEYS['']);
  if (!isObject(parsed.value))
    throw new DocumentError(file, [
      { message: 'the config must be a set of settings (folder, timezone, severities, ...)' },
    ]);
  config.folder = r.string('folder', top.folder, config.folder);
  if (!insideRepo(config.folder)) r.report('folder', 'folder must be a path inside the repository');
  const zone = top.timezone;
  if (zone !== undefined && zone !== null) {
    const name = r.string('timezone', zone, '');
    if (isTimeZone(name)) config.timezone = name;
    else
      r.report(
        'timezone',
        `timezone "${name}" is not an IANA timezone: expected a name like Australia/Sydney or UTC`,
      );
  }
  config.severities = readSeverities(r, top.severities) ?? config.severities;
  config.templates = r.string('templates', top.templates, config.templates);
  if (!insideRepo(config.templates))
    r.report('templates', 'templates must be a folder inside the repository');
  const git = r.object('git', top.git, CONFIG_KEYS.git);
  config.git = {
    commit: r.boolean('git.commit', git.commit, true),
    branch: r.boolean('git.branch', git.branch, false),
  };
  const publish = r.object('publish', top.publish, CONFIG_KEYS.publish);
  config.publish = {
    include_approved: r.boolean('publish.include_approved', publish.include_approved, false),
    site_title: r.string('publish.site_title', publish.site_title, config.publish.site_title),
    base_url:
      publish.base_url === undefined
        ? undefined
        : r.string('publish.base_url', publish.base_url, ''),
  };
  if (config.publish.base_url !== undefined && !/^https?:\/\/\S+$/.test(config.publish.base_url))
    r.report(
      'publish.base_url',
      `publish.base_url "${config.publish.base_url}" is not a web address: expected one like https://status.example.com/incidents/`,
    );
  readLint(r, top.lint, config);
  readLeaks(r, top.leaks, config);
  if (r.problems.length > 0)
    throw new DocumentError(
      file,
      // In the order of the file, so the list reads top to bottom.
      r.problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)),
    );
  return config;
}

/** The repo's config, or the defaults when it has no config file. */
export function loadConfig(root: string): Config {
  const file = join(root, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultConfig();
    throw error;
  }
  const cached = readCachedConfig(root, text);
  if (cached !== undefined) return cached;
  const config = parseConfig(text, CONFIG_FILE);
  writeCachedConfig(root, text, config);
  return config;
}

export function severityNames(config: Config): string[] {
  return config.severities.length > 0
    ? config.severities.map((s) => s.name)
    : [...DEFAULT_SEVERITIES];
}

/** The zone new documents use: the config's, else the system's. */
export function defaultTimezone(config: Config): string {
  return config.timezone ?? systemTimezone() ?? 'UTC';
}
