// The rows of `postmortem list`, read through a summary cache: a file unchanged since the
// last run is not read again (see store/summary-cache.ts for what "unchanged" means). A
// changed or new file is parsed and validated whole, exactly as `show` would, so a file
// whose body is broken is listed with the same error either way; errors are remembered
// like rows, since they too only change when the file does.
import { join } from 'node:path';
import { severityNames, type Config } from '../config/config.js';
import { computeMetrics } from '../core/metrics.js';
import { DocumentError } from '../core/problems.js';
import { formatInZone } from '../core/time.js';
import type { DocumentStore } from '../store/documents.js';
import { gitDirOf } from '../store/repo.js';
import { buildStamp, SummaryCache } from '../store/summary-cache.js';

export interface ListRow {
  id: string;
  path: string;
  title: string | null;
  status: string | null;
  severity: string | null;
  started_at: string | null;
  timezone: string | null;
  /** Minutes from start to resolution; null while unresolved. */
  duration: number | null;
  error: string | null;
}

export interface ListSummary {
  row: ListRow;
  /** The start as the table shows it, in the document's timezone ('' when unknown). */
  started: string;
}

const ROW_KEYS = ['id', 'path', 'title', 'status', 'severity', 'started_at', 'timezone', 'error'];

function isSummary(value: unknown): value is ListSummary {
  if (typeof value !== 'object' || value === null) return false;
  const { row, started } = value as { row?: unknown; started?: unknown };
  if (typeof started !== 'string' || typeof row !== 'object' || row === null) return false;
  const r = row as Record<string, unknown>;
  return (
    ROW_KEYS.every((k) => r[k] === null || typeof r[k] === 'string') &&
    typeof r.id === 'string' &&
    typeof r.path === 'string' &&
    (r.duration === null || typeof r.duration === 'number') &&
    Object.keys(r).length === ROW_KEYS.length + 1
  );
}

function summarize(store: DocumentStore, file: string): ListSummary {
  const path = store.relativePath(file);
  const id = path.replace(/^.*\//, '').replace(/\.md$/, '');
  try {
    const { doc } = store.read(file);
    return {
      row: {
        id: doc.id,
        path,
        title: doc.title,
        status: doc.status,
        severity: doc.severity,
        started_at: doc.started_at,
        timezone: doc.timezone,
        duration: computeMetrics(doc).time_to_resolve,
        error: null,
      },
      started: doc.started_at && doc.timezone ? formatInZone(doc.started_at, doc.timezone) : '',
    };
  } catch (error) {
    if (!(error instanceof DocumentError) && (error as Error).name !== 'UserError') throw error;
    const row: ListRow = {
      id,
      path,
      title: null,
      status: null,
      severity: null,
      started_at: null,
      timezone: null,
      duration: null,
      error: (error as Error).message,
    };
    return { row, started: '' };
  }
}

/** Everything a row depends on besides its file: validation settings, build, zone data. */
function fingerprint(root: string, config: Config): string {
  return JSON.stringify({
    format: 1,
    // Rows name files from the root, which --repo DIR may move.
    root,
    build: buildStamp(),
    severities: severityNames(config),
    icu: process.versions.icu,
    tz: process.versions.tz,
  });
}

/** Every post-mortem's row, in file name order; one that fails to parse carries its error. */
export function readListRows(
  store: DocumentStore,
  options: { isGit: boolean; now?: () => number },
): ListSummary[] {
  const cacheFile = options.isGit
    ? join(gitDirOf(store.root), 'postmortem', 'list-cache.json')
    : undefined;
  const cache = new SummaryCache(cacheFile, fingerprint(store.root, store.config), isSummary);
  const summaries = store
    .listFiles()
    .map((file) => cache.through(file, () => summarize(store, file), options.now));
  cache.save();
  return summaries;
}
