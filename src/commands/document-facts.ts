// What `actions` and `stats` need of each post-mortem, a few fields and its action items,
// remembered between runs in .git/postmortem/facts-cache.json (cached-summaries.ts): an
// unchanged file is not parsed again. Nothing here depends on the clock: overdue days and
// today's date are worked out by the commands on every run.
import type { ActionItem, Postmortem } from '../core/model.js';
import { DocumentError } from '../core/problems.js';
import { UserError } from '../errors.js';
import type { DocumentStore } from '../store/documents.js';
import { readSummaries, type CachedSummaries, type SummarySource } from './cached-summaries.js';

export interface ItemFacts {
  id: string;
  title: string;
  owner: string | null;
  due: string | null;
  priority: string | null;
  type: string | null;
  status: ActionItem['status'];
  link: string | null;
  internal: boolean;
}

export interface DocumentFacts {
  /** The file, relative to the repository root. */
  path: string;
  /** The first line of why the file could not be read; null when it was. */
  error: string | null;
  doc: {
    id: string;
    title: string;
    severity: string;
    status: Postmortem['status'];
    timezone: string;
    started_at: string;
    detected_at: string | null;
    resolved_at: string | null;
  } | null;
  items: ItemFacts[];
}

function factsOf(store: DocumentStore, file: string): DocumentFacts {
  const path = store.relativePath(file);
  let doc: Postmortem;
  try {
    doc = store.read(file).doc;
  } catch (error) {
    if (!(error instanceof DocumentError) && !(error instanceof UserError)) throw error;
    return { path, error: (error as Error).message.split('\n')[0] ?? '', doc: null, items: [] };
  }
  return {
    path,
    error: null,
    doc: {
      id: doc.id,
      title: doc.title,
      severity: doc.severity,
      status: doc.status,
      timezone: doc.timezone,
      started_at: doc.started_at,
      detected_at: doc.detected_at ?? null,
      resolved_at: doc.resolved_at ?? null,
    },
    items: doc.action_items.map((item) => ({
      id: item.id,
      title: item.title,
      owner: item.owner ?? null,
      due: item.due ?? null,
      priority: item.priority ?? null,
      type: item.type ?? null,
      status: item.status,
      link: item.link ?? null,
      internal: item.internal,
    })),
  };
}

type Shape = Record<string, 'string' | 'string?' | 'boolean'>;

/** Exactly the keys of `shape`, each of its type ('string?': a string or null). */
function hasShape(value: unknown, shape: Shape): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(shape);
  return (
    Object.keys(record).length === keys.length &&
    keys.every((key) => {
      const v = record[key];
      const type = shape[key];
      return type === 'string?' ? v === null || typeof v === 'string' : typeof v === type;
    })
  );
}

const ITEM: Shape = {
  id: 'string',
  title: 'string',
  owner: 'string?',
  due: 'string?',
  priority: 'string?',
  type: 'string?',
  status: 'string',
  link: 'string?',
  internal: 'boolean',
};
const DOC: Shape = {
  id: 'string',
  title: 'string',
  severity: 'string',
  status: 'string',
  timezone: 'string',
  started_at: 'string',
  detected_at: 'string?',
  resolved_at: 'string?',
};

function isFacts(value: unknown): value is DocumentFacts {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    Object.keys(v).length === 4 &&
    typeof v.path === 'string' &&
    (v.error === null || typeof v.error === 'string') &&
    (v.doc === null || hasShape(v.doc, DOC)) &&
    Array.isArray(v.items) &&
    v.items.every((item) => hasShape(item, ITEM))
  );
}

const FACTS: CachedSummaries<DocumentFacts> = {
  name: 'facts-cache.json',
  format: 1,
  summarize: factsOf,
  isValue: isFacts,
};

/** The facts of every post-mortem, in file name order; an unreadable one carries its error. */
export function readDocumentFacts(
  source: SummarySource,
  now?: () => number,
): Promise<DocumentFacts[]> {
  return readSummaries(source, FACTS, now);
}
