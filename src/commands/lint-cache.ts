// Findings remembered per file between runs of `postmortem lint` (in .git/postmortem/),
// under the same rule as `list`'s rows: a file is trusted only while its size, inode and
// times are all unchanged (store/summary-cache.ts). Every rule is a pure function of one
// document and the settings, so a file's findings change only when the file, the config
// or the build does; the last two are the cache's fingerprint.
import type { Config } from '../config/config.js';
import type { Finding, RuleLevels } from '../core/lint/index.js';
import { gitStateFile } from '../store/repo.js';
import { buildStamp, stampOf, SummaryCache, type FileStamp } from '../store/summary-cache.js';

interface Remembered {
  findings: Finding[];
}

const TEXT_KEYS = ['file', 'rule', 'severity', 'message', 'hint'] as const;

function isRemembered(value: unknown): value is Remembered {
  if (typeof value !== 'object' || value === null) return false;
  const { findings } = value as { findings?: unknown };
  return (
    Array.isArray(findings) &&
    findings.every(
      (f: unknown) =>
        typeof f === 'object' &&
        f !== null &&
        Number.isInteger((f as { line?: unknown }).line) &&
        TEXT_KEYS.every((k) => typeof (f as Record<string, unknown>)[k] === 'string'),
    )
  );
}

export interface LintCache {
  /** The file's stamp before it is read, and the findings remembered for it if unchanged. */
  look(file: string): { stamp: FileStamp | undefined; findings: Finding[] | undefined };
  /** Remember findings read after `look`, when the file still has the stamp it had then. */
  remember(file: string, stamp: FileStamp | undefined, findings: Finding[]): void;
  save(): void;
}

export function openLintCache(
  root: string,
  isGit: boolean,
  config: Config,
  levels: RuleLevels,
  clock?: () => number,
): LintCache {
  // Where the config was read from is only for messages.
  const settings = { ...config, source: undefined };
  const fingerprint = JSON.stringify({
    format: 1,
    // Findings name files from the root, which --repo DIR may move.
    root,
    build: buildStamp(),
    settings,
    levels,
    icu: process.versions.icu,
    tz: process.versions.tz,
  });
  const cache = new SummaryCache(
    isGit ? gitStateFile(root, 'lint-cache.json') : undefined,
    fingerprint,
    isRemembered,
  );
  return {
    look(file) {
      const stamp = stampOf(file, clock);
      return { stamp, findings: cache.get(file, stamp)?.findings };
    },
    remember(file, stamp, findings) {
      cache.setIfUnchanged(file, stamp, { findings }, clock);
    },
    save: () => cache.save(),
  };
}
