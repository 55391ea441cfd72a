// The work of `postmortem publish --out DIR` and `publish --check DIR`: every published
// post-mortem's public Markdown and HTML, the index, the Atom feed and incidents.json. One
// document at a time per thread: this thread and a render worker per further core claim
// the documents batch by batch (see publish-claims.ts); a document whose file has not
// changed since the last publish is not re-rendered. Runs in the publish worker (see
// publish-worker.ts).
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/config.js';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import {
  CACHE_FILE,
  abandonFreshFolder,
  finishFreshFolder,
  listOutputDir,
  prepareOutputDir,
  readCache,
  removeOutput,
  serializeCache,
  sha256,
  startFreshFolder,
  writeOutput,
  type PublishCache,
} from './output-dir.js';
import {
  inputHashes,
  publishDocument,
  unchangedByStamp,
  settingsHash,
  settleFiles,
  type OutputFile,
  type ShareDocument,
  type ShareResult,
  type ShareSettings,
} from './publish-share.js';
import type { ShareJob, ShareMessage } from './publish-share-worker.js';
import { SHARE_WORKER_URL } from './worker-urls.js';
import { RecordSpill } from './publish-spill.js';
import { DocumentClaims, type Claim } from './publish-claims.js';
import type { PublishJob } from './publish-worker.js';
import type { FileStamp } from '../store/summary-cache.js';
import { DocumentRenderer, createRenderer, type Renderer } from './render.js';
import { atomFeed, incidentsJsonChunks, indexPage, newestFirst, type SiteEntry } from './site.js';
import type { DocumentStore } from '../store/documents.js';
import { gitStateFile } from '../store/repo.js';
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

/** In .git/postmortem/: each document's input hash by its file's stamp. */
const INPUT_CACHE = 'publish-inputs.json';

/** Below this many documents a thread, a worker's start costs more than it saves. */
const DOCUMENTS_PER_WORKER = 40;
/**
 * A render worker holds one document at a time, never the whole archive: a small heap
 * is plenty, and its ceiling keeps the process small (see commands/publish.ts).
 */
const SHARE_LIMITS = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 };

interface PublishRun {
  entries: SiteEntry[];
  cache: PublishCache;
  errors: string[];
  rendered: number;
  unchanged: number;
  written: number;
  differ: string[];
}

function documentFiles(store: DocumentStore): ShareDocument[] {
  return store.listFiles().map((file, index) => ({ index, file, path: store.relativePath(file) }));
}

type Outcome = Pick<ShareResult, 'cached' | 'error' | 'unchanged'> & {
  differ?: string[];
  stamp?: FileStamp;
};

/** Threads for `count` documents to render, this one included. */
function threadCount(count: number, jobs: number): number {
  return Math.max(1, Math.min(jobs, Math.floor(count / DOCUMENTS_PER_WORKER)));
}

/** Why a render worker stopped before the documents ran out, for people. */
function stopReason(error: (Error & { code?: string }) | undefined, exitCode: number): string {
  if (error?.code === 'ERR_WORKER_OUT_OF_MEMORY')
    return `ran out of its ${SHARE_LIMITS.maxOldGenerationSizeMb} MB heap`;
  if (error) return `failed: ${error.message}`;
  // A worker claims nothing, and ends well, when it reads other settings than ours.
  return exitCode === 0
    ? 'read other templates or settings than this thread (they changed during the publish)'
    : `stopped with exit code ${exitCode}`;
}

/**
 * A render worker. Whatever it claimed and did not report when it stops (it failed, or ran
 * out of its heap) is published here instead, so a worker can only cost time; `onStop`
 * hears why, and how many documents were left.
 */
function publishInWorker(
  job: ShareJob,
  onResult: (result: ShareResult) => void,
  fallback: (doc: ShareDocument) => ShareResult,
  onStop: (reason: string, left: number) => void,
): Promise<void> {
  return new Promise((done) => {
    // Claimed and not reported yet, by document index; the first batch is given.
    const open = new Map<number, ShareDocument>();
    const claimed = (claim: Claim | undefined): void => {
      if (claim) for (const doc of job.docs.slice(claim[0], claim[1])) open.set(doc.index, doc);
    };
    claimed(new DocumentClaims(job.claims, job.docs.length).batch(job.thread));
    let failure: (Error & { code?: string }) | undefined;
    const worker = new Worker(SHARE_WORKER_URL, { workerData: job, resourceLimits: SHARE_LIMITS });
    worker.on('message', (m: ShareMessage) => {
      for (const result of m.results) {
        open.delete(result.index);
        onResult(result);
      }
      claimed(m.claimed);
    });
    // An error is followed by 'exit': the documents not reported are done there.
    worker.on('error', (error: Error & { code?: string }) => (failure = error));
    worker.on('exit', (exitCode) => {
      const left = [...open.values()];
      if (left.length > 0) onStop(stopReason(failure, exitCode), left.length);
      for (const doc of left) onResult(fallback(doc));
      done();
    });
  });
}

/** Lets the messages of the render workers in between this thread's documents. */
const yieldToWorkers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Walk every document once, claimed by this thread and render workers. With a
 * previous cache, unchanged documents are taken from it instead of being rendered.
 */
async function walk(
  ctx: CommandContext,
  store: DocumentStore,
  docRenderer: DocumentRenderer,
  settings: string,
  share: ShareSettings,
  jobs: number,
  progress: Progress,
): Promise<PublishRun> {
  const docs = documentFiles(store);
  const run: PublishRun = {
    entries: [],
    cache: { version: 1, settings, documents: {} },
    errors: [],
    rendered: 0,
    unchanged: 0,
    written: 0,
    differ: [],
  };
  // The remembered input hashes are looked up only against a previous publish; without
  // one they are not read before the walk is done (see below).
  const lookup = inputHashes(share.previous ? share.inputCache : undefined);
  // Only what the run needs of each document is kept until the end, and on disk while the
  // render workers are alive: an archive's worth of results is the largest thing this
  // thread holds, and it is not needed before every document is done.
  const spill = new RecordSpill<Outcome>();
  let done = 0;
  const settled = new Uint8Array(docs.length);
  const record = (result: ShareResult, held = false): void => {
    settled[result.index] = 1;
    run.written += result.written;
    const outcome: Outcome = {
      cached: result.cached,
      error: result.error,
      unchanged: result.unchanged,
      differ: result.differ.length > 0 ? result.differ : undefined,
      stamp: result.stamp ?? undefined,
    };
    if (held) spill.hold(result.index, outcome);
    else spill.add(result.index, outcome);
    progress.tick(++done, docs.length);
  };
  const publishHere = (doc: ShareDocument): ShareResult =>
    publishDocument(store, docRenderer, share, doc);
  // Documents whose files kept their stamps are settled here, before any is claimed:
  // after a small change, render workers are started only if enough is left to render.
  const toPublish: ShareDocument[] = [];
  for (const doc of docs) {
    const unchanged = share.previous ? unchangedByStamp(share, lookup, doc) : undefined;
    // Its cached record is the previous cache's own object: held, not spilled.
    if (unchanged) record(unchanged, true);
    else toPublish.push(doc);
  }
  const threads = threadCount(toPublish.length, jobs);
  const claims = DocumentClaims.create(toPublish.length, threads);
  const workers = Array.from({ length: threads - 1 }, (_, k) =>
    publishInWorker(
      {
        cwd: ctx.cwd,
        repo: ctx.repo,
        settings,
        share,
        docs: toPublish,
        claims: claims.buffer,
        thread: k + 1,
      },
      record,
      publishHere,
      (reason, left) => {
        progress.end();
        ctx.out.info(
          `A render thread ${reason}: this thread publishes its ${left} remaining document${left === 1 ? '' : 's'} (slower, the same output).`,
        );
      },
    ),
  );
  const outcomes = new Array<Outcome | undefined>(docs.length);
  try {
    for (let batch = claims.batch(0); batch !== undefined; batch = claims.claim()) {
      for (let i = batch[0]; i < batch[1]; i++) record(publishHere(toPublish[i] as ShareDocument));
      if (workers.length > 0) await yieldToWorkers();
    }
    await Promise.all(workers);
    // A worker that stopped between claiming a batch and saying so left it unreported.
    for (const doc of toPublish) if (settled[doc.index] === 0) record(publishHere(doc));
    progress.end();
    // The render workers are gone (and their memory with them): the records come back.
    for (const [index, outcome] of spill.records()) outcomes[index] = outcome;
  } finally {
    spill.close();
  }

  // Each hash is remembered by its file's stamp, now that the render workers are gone.
  const inputs = share.previous ? lookup : inputHashes(share.inputCache);
  // In the order of the documents, whichever thread did them: the same run, the same bytes.
  outcomes.forEach((outcome, index) => {
    if (!outcome) return;
    if (outcome.differ) run.differ.push(...outcome.differ);
    if (outcome.error !== null) {
      run.errors.push(outcome.error);
      return;
    }
    const cached = outcome.cached;
    if (!cached) return;
    const doc = docs[index];
    if (doc && outcome.stamp) inputs.set(doc.file, outcome.stamp, cached.input);
    run.cache.documents[doc?.path ?? ''] = cached;
    if (!cached.entry) return;
    run.entries.push(cached.entry);
    if (outcome.unchanged) run.unchanged++;
    else run.rendered++;
  });
  inputs.save();
  return run;
}

/** What the shipped index page shows of an entry; nothing else of it can change the page. */
const INDEX_FIELDS = [
  'id',
  'title',
  'severity',
  'timezone',
  'started_at',
  'time_to_resolve',
  'html',
] as const satisfies readonly (keyof SiteEntry)[];

/**
 * The hash of what the index page is made of: the fields the shipped page shows, or every
 * field when a repository's own template might show any (the templates themselves are in
 * the settings the cache is kept under). A change to a summary, which the index does not
 * show, leaves it as it is.
 */
function indexInputs(entries: readonly SiteEntry[], renderer: Renderer): string {
  const own = renderer.engine.files.some((t) => t.origin === 'repo' && t.kind !== 'stylesheet');
  const shown = own ? entries : entries.map((e) => INDEX_FIELDS.map((field) => e[field]));
  return sha256(JSON.stringify(shown));
}

/**
 * The index, feed and JSON, each built only when it is its turn to be written or compared;
 * the index not at all when `skipIndex` (what it is made of has not changed).
 */
function emitSiteFiles(
  run: PublishRun,
  renderer: Renderer,
  config: Config,
  emit: (files: OutputFile[]) => void,
  skipIndex = false,
): void {
  const newest = newestFirst(run.entries);
  if (!skipIndex)
    emit([{ name: 'index.html', content: indexPage(newest, renderer.engine, config) }]);
  emit([{ name: 'feed.xml', content: atomFeed(run.entries, config) }]);
  emit([{ name: 'incidents.json', content: incidentsJsonChunks(newest) }]);
}

function expectedNames(run: PublishRun): Set<string> {
  return new Set([...SITE_FILES, ...Object.values(run.cache.documents).flatMap((d) => d.outputs)]);
}

async function publishTo(
  ctx: CommandContext,
  job: PublishJob,
  raw: (text: string) => void,
): Promise<number> {
  const { dir: outDir, display } = job;
  const { location, config, store } = openWorkspace(ctx);
  store.assertNotSource(outDir, '--out');
  const renderer = createRenderer(location.root, config);
  // A folder that is not there yet is built out of sight and put in place whole.
  const fresh = !prepareOutputDir(outDir, display, false);
  const dir = fresh ? startFreshFolder(outDir) : outDir;
  let run: PublishRun;
  let removed = 0;
  try {
    const settings = settingsHash(renderer, config);
    const cache = readCache(dir);
    // One listing of the folder: a name it did not hold needs no look before the write, and
    // an unchanged document's outputs need no look to be known present.
    const share: ShareSettings = {
      mode: 'out',
      dir,
      fresh,
      previous: cache?.settings === settings ? cache.documents : undefined,
      ...listOutputDir(dir),
      inputCache: location.isGit ? gitStateFile(location.root, INPUT_CACHE) : undefined,
    };
    run = await walk(
      ctx,
      store,
      new DocumentRenderer(renderer),
      settings,
      share,
      job.jobs,
      progressBar(job.progress, raw),
    );
    // The index page (the costliest site file: 8,000 rows sanitized) is made again only when
    // what it shows changed or the file is gone; the feed and JSON are cheap to compare.
    run.cache.index = indexInputs(run.entries, renderer);
    const indexFresh =
      share.previous !== undefined &&
      cache?.index === run.cache.index &&
      share.files.has('index.html');
    emitSiteFiles(
      run,
      renderer,
      config,
      (files) => {
        run.written += settleFiles(share, files, run.differ);
      },
      indexFresh,
    );
    // Whatever an earlier publish wrote that this one would not is removed: a post-mortem
    // made internal again, back to draft, unreadable or deleted leaves nothing behind.
    const keep = expectedNames(run);
    for (const old of Object.values(cache?.documents ?? {}).flatMap((d) =>
      Array.isArray(d.outputs) ? d.outputs : [],
    )) {
      if (OUTPUT_NAME.test(old) && !keep.has(old) && removeOutput(dir, old)) removed++;
    }
    writeOutput(dir, CACHE_FILE, serializeCache(run.cache), fresh);
    if (fresh) finishFreshFolder(dir, outDir, display);
  } catch (error) {
    if (fresh) abandonFreshFolder(dir);
    throw error;
  }
  const c = styler(ctx.out.color);
  for (const error of run.errors) ctx.out.info(c.red(error));
  const total = run.entries.length;
  const written = run.written;
  ctx.out.info(
    `${run.errors.length > 0 ? c.red('Published with errors') : 'Published'} ${total} post-mortem${total === 1 ? '' : 's'} to ${display}: ` +
      `${run.rendered} rendered, ${run.unchanged} unchanged, ${removed} removed, ${written} file${written === 1 ? '' : 's'} written` +
      (run.errors.length > 0 ? `, ${run.errors.length} failed` : '') +
      '.',
  );
  return run.errors.length > 0 ? 1 : 0;
}

async function check(
  ctx: CommandContext,
  job: PublishJob,
  raw: (text: string) => void,
): Promise<number> {
  const { dir, display } = job;
  const { location, config, store } = openWorkspace(ctx);
  const renderer = createRenderer(location.root, config);
  if (!prepareOutputDir(dir, display, false))
    throw new UserError(`${display} does not exist: nothing to check`, {
      hint: `write it with \`postmortem publish --out ${display}\``,
    });
  const listing = listOutputDir(dir);
  const share: ShareSettings = {
    mode: 'check',
    dir,
    fresh: false,
    previous: undefined,
    ...listing,
    inputCache: undefined,
  };
  const run = await walk(
    ctx,
    store,
    new DocumentRenderer(renderer),
    settingsHash(renderer, config),
    share,
    job.jobs,
    progressBar(false, raw),
  );
  const differ = run.differ;
  emitSiteFiles(run, renderer, config, (files) => settleFiles(share, files, differ));
  const keep = expectedNames(run);
  for (const name of listing.names) {
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
  job: PublishJob,
  raw: (text: string) => void,
): Promise<number> {
  return job.mode === 'out' ? publishTo(ctx, job, raw) : check(ctx, job, raw);
}
