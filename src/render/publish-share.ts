// The part of a publish every thread runs: read a document, take it from the previous
// cache when its bytes have not changed, or render it and write (or compare) its two
// files. The coordinating thread and the render workers claim documents batch by batch
// (see publish-run.ts, publish-claims.ts): the work of one never depends on another's.
import { closeSync, constants, openSync, readFileSync } from 'node:fs';
import type { Config } from '../config/config.js';
import { packageVersion } from '../config/package.js';
import { DocumentError } from '../core/problems.js';
import { UserError } from '../errors.js';
import type { DocumentStore } from '../store/documents.js';
import { SummaryCache, stampOf, type FileStamp } from '../store/summary-cache.js';
import { findOutputLeaks } from './leak-check.js';
import {
  chunksEqual,
  readOutput,
  sha256,
  writeChecked,
  writeChunksChecked,
  type CachedDocument,
  type PublishCache,
} from './output-dir.js';
import { failOnLeaks, type DocumentRenderer, type Renderer } from './render.js';
import { siteEntry } from './site.js';
import { readTemplate } from './templates.js';

export interface OutputFile {
  name: string;
  /** The whole text, or chunks made one at a time for a large file. */
  content: string | Iterable<string>;
}

/** A document of the repository, by its place in the sorted list of document files. */
export interface ShareDocument {
  index: number;
  file: string;
  path: string;
}

/** What a publish knows before it starts: the same for every thread. */
export interface ShareSettings {
  mode: 'out' | 'check';
  dir: string;
  /** `dir` is a folder being built, empty at the start (see startFreshFolder). */
  fresh: boolean;
  /** The previous publish's records, when its settings are this publish's. */
  previous: PublishCache['documents'] | undefined;
  /** Names in the output folder, and those of them that are real files, listed once. */
  names: Set<string>;
  files: Set<string>;
  /** Where each document's input hash is remembered by its file's stamp (in .git). */
  inputCache: string | undefined;
}

/** One document's outcome: its cache record, or the error that kept it out. */
export interface ShareResult {
  index: number;
  file: string;
  path: string;
  cached: CachedDocument | null;
  error: string | null;
  /** Taken from the previous publish without rendering. */
  unchanged: boolean;
  written: number;
  /** --check: the document's files that are missing or differ. */
  differ: string[];
  /** The file's stamp, when it did not change while it was read: the hash may be remembered. */
  stamp: FileStamp | null;
}

/** Everything besides the documents that shapes the output: a change renders all again. */
export function settingsHash(renderer: Renderer, config: Config): string {
  const parts = [
    packageVersion(),
    JSON.stringify(config.publish),
    JSON.stringify(config.leaks),
    JSON.stringify(config.severities),
  ];
  for (const t of renderer.engine.files) parts.push(t.name, readTemplate(t));
  return sha256(parts.join('\u0000'));
}

/**
 * The input hashes of the documents by file stamp: an unchanged file is neither read nor
 * hashed again. Kept apart from the publish folder's own cache, which must stay the same
 * bytes for the same repository.
 */
export function inputHashes(file: string | undefined): SummaryCache<string> {
  return new SummaryCache(file, 'sha256', (v): v is string => typeof v === 'string');
}

export function isPublished(status: string, config: Config): boolean {
  return status === 'published' || (config.publish.include_approved && status === 'approved');
}

/** The file's bytes; a link is refused by the open itself (O_NOFOLLOW), not an lstat first. */
function readDocumentBytes(file: string, path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOOP') throw error;
    throw new UserError(`${path} is a symbolic link: postmortem does not follow links`, {
      hint: 'replace the link with the real file',
    });
  }
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A document's failure as the line publish prints; anything unexpected is rethrown. */
function describeError(error: unknown): string {
  if (
    error instanceof DocumentError ||
    (error as Error).name === 'UserError' ||
    (error as Error).name === 'UsageError'
  ) {
    const hint = (error as UserError).hint;
    return hint ? `${(error as Error).message}\n  ${hint}` : (error as Error).message;
  }
  throw error;
}

/** One document's cache record, and the files to write when it is published. */
function renderDocument(
  store: DocumentStore,
  file: string,
  bytes: Buffer,
  input: string,
  docRenderer: DocumentRenderer,
): { cached: CachedDocument; files: OutputFile[] } {
  const stored = store.parse(file, bytes);
  if (!isPublished(stored.doc.status, store.config))
    return { cached: { input, entry: null, outputs: [] }, files: [] };
  const { view, md, html, rules } = docRenderer.publicPair(stored.doc, stored.path);
  const entry = siteEntry(view);
  // The index, feed and JSON quote the title and summary: they pass the same check.
  failOnLeaks(
    findOutputLeaks(
      `${entry.title}\n${entry.summary ?? ''}`,
      'index, feed and incidents.json',
      rules,
      [],
    ),
    stored.path,
  );
  return {
    cached: { input, entry, outputs: [entry.markdown, entry.html] },
    files: [
      { name: entry.markdown, content: md },
      { name: entry.html, content: html },
    ],
  };
}

/**
 * Write the files whose bytes differ from what the folder holds (--out), or name them
 * (--check). Returns how many were written.
 */
export function settleFiles(
  settings: Pick<ShareSettings, 'mode' | 'dir' | 'fresh' | 'names'>,
  files: OutputFile[],
  differ: string[],
): number {
  let written = 0;
  for (const f of files) {
    const known = settings.mode === 'check' || settings.names.has(f.name);
    const current = known ? readOutput(settings.dir, f.name) : undefined;
    const { content } = f;
    if (settings.mode === 'out') {
      if (typeof content !== 'string') {
        if (writeChunksChecked(settings.dir, f.name, content, current, settings.fresh)) written++;
      } else if (!current?.equals(Buffer.from(content))) {
        writeChecked(settings.dir, f.name, content, settings.fresh);
        written++;
      }
      continue;
    }
    const same =
      current !== undefined &&
      (typeof content === 'string'
        ? current.equals(Buffer.from(content))
        : chunksEqual(content, current));
    if (!same) differ.push(`${f.name} (${current === undefined ? 'missing' : 'differs'})`);
  }
  return written;
}

/** A result with nothing in it yet. */
function emptyResult(doc: ShareDocument): ShareResult {
  return {
    index: doc.index,
    file: doc.file,
    path: doc.path,
    cached: null,
    error: null,
    unchanged: false,
    written: 0,
    differ: [],
    stamp: null,
  };
}

/**
 * The previous publish's record of a document whose file has the stamp it had when that
 * publish read it, its files still there: nothing to read or render (--out only).
 */
export function unchangedByStamp(
  settings: ShareSettings,
  inputs: SummaryCache<string>,
  doc: ShareDocument,
): ShareResult | undefined {
  const before = settings.mode === 'out' ? settings.previous?.[doc.path] : undefined;
  if (!before || !outputsPresent(settings, before)) return undefined;
  const stamp = stampOf(doc.file);
  if (inputs.get(doc.file, stamp) !== before.input) return undefined;
  return { ...emptyResult(doc), cached: before, unchanged: true, stamp: stamp ?? null };
}

function outputsPresent(settings: ShareSettings, before: CachedDocument): boolean {
  return before.outputs.every((name) => settings.files.has(name));
}

/**
 * Publish one document: one that unchangedByStamp did not settle (the coordinating
 * thread asks it of every document before any is claimed).
 */
export function publishDocument(
  store: DocumentStore,
  docRenderer: DocumentRenderer,
  settings: ShareSettings,
  doc: ShareDocument,
): ShareResult {
  const result = emptyResult(doc);
  try {
    const before = settings.mode === 'out' ? settings.previous?.[doc.path] : undefined;
    const stamp = settings.mode === 'out' ? stampOf(doc.file) : undefined;
    const bytes = readDocumentBytes(doc.file, doc.path);
    const input = sha256(bytes);
    // Remembered only when the file did not change while it was read.
    if (stamp?.settled && stampOf(doc.file)?.stamp === stamp.stamp) result.stamp = stamp;
    // Unchanged bytes, same settings and its files still there: nothing to render.
    if (before?.input === input && outputsPresent(settings, before)) {
      result.cached = before;
      result.unchanged = true;
    } else {
      const rendered = renderDocument(store, doc.file, bytes, input, docRenderer);
      result.written = settleFiles(settings, rendered.files, result.differ);
      result.cached = rendered.cached;
    }
  } catch (error) {
    result.error = describeError(error);
  }
  return result;
}
