// The rows of `postmortem list`, read through the summary cache (cached-summaries.ts), so
// a file whose body is broken is listed with the same error either way.
import { computeMetrics } from '../core/metrics.js';
import { DocumentError } from '../core/problems.js';
import { formatInZone } from '../core/time.js';
import type { DocumentStore } from '../store/documents.js';
import { readSummaries, type CachedSummaries, type SummarySource } from './cached-summaries.js';

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

const LIST_ROWS: CachedSummaries<ListSummary> = {
  name: 'list-cache.json',
  format: 1,
  summarize,
  isValue: isSummary,
};

/** Every post-mortem's row, in file name order; one that fails to parse carries its error. */
export function readListRows(source: SummarySource, now?: () => number): Promise<ListSummary[]> {
  return readSummaries(source, LIST_ROWS, now);
}
