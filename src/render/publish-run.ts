// The work of `postmortem publish --out DIR` and `publish --check DIR`: every published
// post-mortem's public Markdown and HTML, the index, the Atom feed and incidents.json. One
// document at a time; a document whose file has not changed since the last publish is not
// re-rendered. Runs in the publish worker (see publish-worker.ts).
import { closeSync, constants, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Config } from '../config/config.js';
import type { CommandContext } from '../context.js';
import { DocumentError } from '../core/problems.js';
import { UserError } from '../errors.js';
import { findOutputLeaks } from './leak-check.js';
import {
  CACHE_FILE,
  listOutputDir,
  prepareOutputDir,
  readCache,
  readOutput,
  removeOutput,
  serializeCache,
  sha256,
  writeChecked,
  writeOutput,
  type CachedDocument,
  type PublishCache,
} from './output-dir.js';
import { DocumentRenderer, createRenderer, failOnLeaks } from './render.js';
import { atomFeed, incidentsJson, indexPage, siteEntry, type SiteEntry } from './site.js';
import { readTemplate } from './templates.js';
import type { DocumentStore } from '../store/documents.js';
import { styler } from '../ui/style.js';
import { openWorkspace } from '../workspace.js';

const OUTPUT_NAME = /^[a-z0-9][a-z0-9-]{0,80}\.(md|html)$/;
const SITE_FILES = ['index.html', 'feed.xml', 'incidents.json'];

interface Progress {
  tick(done: number, total: number): void;
  end(): void;
}

function progressBar(enabled: boolean, raw: (text: string) => void): Progress {
  let last = 0;
  let drawn = false;
  return {
    tick(done, total) {
      if (!enabled || total < 50) return;
      const now = performance.now();
      if (done !== total && now - last < 100) return;
      last = now;
      const width = 30;
      const full = Math.round((done / total) * width);
      raw(`\rPublishing [${'#'.repeat(full)}${' '.repeat(width - full)}] ${done}/${total}`);
      drawn = true;
    },
    end() {
      if (drawn) raw('\r\u001b[2K');
    },
  };
}

function settingsHash(renderer: ReturnType<typeof createRenderer>, config: Config): string {
  const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
  const parts = [
    version,
    JSON.stringify(config.publish),
    JSON.stringify(config.leaks),
    JSON.stringify(config.severities),
  ];
  for (const t of renderer.engine.files) parts.push(t.name, readTemplate(t));
  return sha256(parts.join('\u0000'));
}

function isPublished(status: string, config: Config): boolean {
  return status === 'published' || (config.publish.include_approved && status === 'approved');
}

interface Rendered {
  cached: CachedDocument;
  files: { name: string; content: string }[];
}

/** One document: its cache record, and the files to write when it is published. */
function renderDocument(
  store: DocumentStore,
  file: string,
  bytes: Buffer,
  docRenderer: DocumentRenderer,
): Rendered {
  // One read per file: the bytes are parsed here and hashed for the cache.
  const stored = store.parse(file, bytes);
  const input = sha256(bytes);
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

interface PublishRun {
  entries: SiteEntry[];
  cache: PublishCache;
  errors: string[];
  rendered: number;
  unchanged: number;
}

function documentFiles(store: DocumentStore): { file: string; path: string }[] {
  return store.listFiles().map((file) => ({ file, path: store.relativePath(file) }));
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

/**
 * Walk every document once. `emit` receives each published document's files; with a
 * previous cache, unchanged documents are taken from it instead of being rendered.
 */
function walk(
  store: DocumentStore,
  docRenderer: DocumentRenderer,
  settings: string,
  previous: PublishCache | undefined,
  emit: (files: { name: string; content: string }[]) => void,
  isFresh: (cached: CachedDocument) => boolean,
  progress: Progress,
): PublishRun {
  const run: PublishRun = {
    entries: [],
    cache: { version: 1, settings, documents: {} },
    errors: [],
    rendered: 0,
    unchanged: 0,
  };
  const docs = documentFiles(store);
  docs.forEach(({ file, path }, i) => {
    try {
      const bytes = readDocumentBytes(file, path);
      const before = previous?.documents[path];
      let cached: CachedDocument;
      if (before && before.input === sha256(bytes) && isFresh(before)) {
        cached = before;
        if (cached.entry) run.unchanged++;
      } else {
        const rendered = renderDocument(store, file, bytes, docRenderer);
        emit(rendered.files);
        cached = rendered.cached;
        if (cached.entry) run.rendered++;
      }
      run.cache.documents[path] = cached;
      if (cached.entry) run.entries.push(cached.entry);
    } catch (error) {
      run.errors.push(describeError(error));
    }
    progress.tick(i + 1, docs.length);
  });
  progress.end();
  return run;
}

/** The index, feed and JSON, each built only when it is its turn to be written or compared. */
function emitSiteFiles(
  run: PublishRun,
  renderer: ReturnType<typeof createRenderer>,
  config: Config,
  emit: (files: { name: string; content: string }[]) => void,
): void {
  emit([{ name: 'index.html', content: indexPage(run.entries, renderer.engine, config) }]);
  emit([{ name: 'feed.xml', content: atomFeed(run.entries, config) }]);
  emit([{ name: 'incidents.json', content: incidentsJson(run.entries) }]);
}

function expectedNames(run: PublishRun): Set<string> {
  return new Set([...SITE_FILES, ...Object.values(run.cache.documents).flatMap((d) => d.outputs)]);
}

function publishTo(
  ctx: CommandContext,
  outDir: string,
  display: string,
  progress: boolean,
  raw: (text: string) => void,
): number {
  const { location, config, store } = openWorkspace(ctx);
  store.assertNotSource(outDir, '--out');
  const renderer = createRenderer(location.root, config);
  const docRenderer = new DocumentRenderer(renderer);
  prepareOutputDir(outDir, display, true);
  const settings = settingsHash(renderer, config);
  const cache = readCache(outDir);
  const previous = cache?.settings === settings ? cache : undefined;
  // One listing of the folder: a name it did not hold needs no look before the write, and
  // an unchanged document's outputs need no look to be known present.
  const listing = listOutputDir(outDir);
  let written = 0;
  const write = (files: { name: string; content: string }[]): void => {
    for (const f of files) {
      const current = listing.names.has(f.name) ? readOutput(outDir, f.name) : undefined;
      if (current === undefined || !current.equals(Buffer.from(f.content))) {
        writeChecked(outDir, f.name, f.content);
        written++;
      }
    }
  };
  const fresh = (cached: CachedDocument): boolean =>
    cached.outputs.every((name) => listing.files.has(name));
  const run = walk(
    store,
    docRenderer,
    settings,
    previous,
    write,
    fresh,
    progressBar(progress, raw),
  );
  emitSiteFiles(run, renderer, config, write);
  // Whatever an earlier publish wrote that this one would not is removed: a post-mortem
  // made internal again, back to draft, unreadable or deleted leaves nothing behind.
  const keep = expectedNames(run);
  let removed = 0;
  for (const old of Object.values(cache?.documents ?? {}).flatMap((d) =>
    Array.isArray(d.outputs) ? d.outputs : [],
  )) {
    if (OUTPUT_NAME.test(old) && !keep.has(old) && removeOutput(outDir, old)) removed++;
  }
  writeOutput(outDir, CACHE_FILE, serializeCache(run.cache));
  const c = styler(ctx.out.color);
  for (const error of run.errors) ctx.out.info(c.red(error));
  const total = run.entries.length;
  ctx.out.info(
    `${run.errors.length > 0 ? c.red('Published with errors') : 'Published'} ${total} post-mortem${total === 1 ? '' : 's'} to ${display}: ` +
      `${run.rendered} rendered, ${run.unchanged} unchanged, ${removed} removed, ${written} file${written === 1 ? '' : 's'} written` +
      (run.errors.length > 0 ? `, ${run.errors.length} failed` : '') +
      '.',
  );
  return run.errors.length > 0 ? 1 : 0;
}

function check(
  ctx: CommandContext,
  dir: string,
  display: string,
  raw: (text: string) => void,
): number {
  const { location, config, store } = openWorkspace(ctx);
  const renderer = createRenderer(location.root, config);
  if (!prepareOutputDir(dir, display, false))
    throw new UserError(`${display} does not exist: nothing to check`, {
      hint: `write it with \`postmortem publish --out ${display}\``,
    });
  const differ: string[] = [];
  const compare = (files: { name: string; content: string }[]): void => {
    for (const f of files) {
      const current = readOutput(dir, f.name);
      if (current === undefined) differ.push(`${f.name} (missing)`);
      else if (!current.equals(Buffer.from(f.content))) differ.push(`${f.name} (differs)`);
    }
  };
  const run = walk(
    store,
    new DocumentRenderer(renderer),
    '',
    undefined,
    compare,
    () => false,
    progressBar(false, raw),
  );
  emitSiteFiles(run, renderer, config, compare);
  const keep = expectedNames(run);
  for (const name of listOutputDir(dir).names) {
    const ours = OUTPUT_NAME.test(name) || SITE_FILES.includes(name);
    if (ours && !keep.has(name)) differ.push(`${name} (should not be there)`);
  }
  const c = styler(ctx.out.color);
  for (const error of run.errors) ctx.out.info(c.red(error));
  if (differ.length === 0 && run.errors.length === 0) {
    ctx.out.info(`${display} is up to date: ${run.entries.length} post-mortems.`);
    return 0;
  }
  for (const line of differ.sort()) ctx.out.print(line);
  ctx.out.info(
    `${display} is not what publish would write: run \`postmortem publish --out ${display}\` and commit the result.`,
  );
  return 1;
}

export function runPublishIn(
  ctx: CommandContext,
  mode: 'out' | 'check',
  dir: string,
  display: string,
  progress: boolean,
  raw: (text: string) => void,
): number {
  return mode === 'out'
    ? publishTo(ctx, dir, display, progress, raw)
    : check(ctx, dir, display, raw);
}
