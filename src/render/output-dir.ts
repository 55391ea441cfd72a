// The publish folder: writes that refuse symbolic links and never leave half a file, a new
// folder built whole out of sight, and the cache of input hashes that lets a second
// publish re-render only what changed.
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { processIsAlive } from '../store/lock.js';
import type { SiteEntry } from './site.js';

export const CACHE_FILE = '.postmortem-publish.json';

/** Characters of chunks gathered before one write. */
const WRITE_BATCH = 1 << 16;

export interface CachedDocument {
  /** sha256 of the document file's bytes. */
  input: string;
  /** The document's site entry when it is published; null when it is not. */
  entry: SiteEntry | null;
  /** Output file names it owns in the folder. */
  outputs: string[];
}

export interface PublishCache {
  version: 1;
  /** Hash of everything besides the document that shapes the output (templates, config). */
  settings: string;
  documents: Record<string, CachedDocument>;
  /** Hash of what the index page was made of (see publish-run.ts). */
  index?: string;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The folder exists (created if needed) and is a real folder, not a link. */
export function prepareOutputDir(dir: string, display: string, create: boolean): boolean {
  const stat = lstatOrUndefined(dir);
  if (stat?.isSymbolicLink()) {
    throw new UserError(
      `${display} is a symbolic link: postmortem does not publish through links`,
      { hint: 'publish into a real folder' },
    );
  }
  if (stat && !stat.isDirectory())
    throw new UserError(`${display} is a file, not a folder`, { exitCode: 2 });
  if (!stat && create) mkdirSync(dir, { recursive: true });
  return stat !== undefined || create;
}

// A folder being built: `.<name>.publishing-<pid>-<random>` beside the folder it becomes.
const BUILDING = /^\.(.+)\.publishing-(\d+)-[a-z0-9]+$/;

/**
 * A publish into a folder that does not exist yet builds it under a hidden name beside it
 * and renames it into place at the end (`finishFreshFolder`): a reader finds no site or the
 * whole site, and no file needs a temp file and a rename of its own. A hidden folder left
 * by a publish that was killed (its process is gone) is removed first.
 */
export function startFreshFolder(dir: string): string {
  const parent = dirname(dir);
  const name = basename(dir);
  mkdirSync(parent, { recursive: true });
  for (const entry of readdirSync(parent)) {
    const m = BUILDING.exec(entry);
    if (m && m[1] === name && !processIsAlive(Number(m[2])))
      rmSync(join(parent, entry), { recursive: true, force: true });
  }
  const building = join(
    parent,
    `.${name}.publishing-${process.pid}-${Math.random().toString(36).slice(2, 10)}`,
  );
  mkdirSync(building);
  return building;
}

/** The built folder takes its place; if something else took the place meanwhile, it goes. */
export function finishFreshFolder(building: string, dir: string, display: string): void {
  try {
    renameSync(building, dir);
  } catch (error) {
    abandonFreshFolder(building);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR')
      throw new UserError(
        `${display} was made by something else during the publish: nothing was published`,
        { hint: `run \`postmortem publish --out ${display}\` again` },
      );
    throw error;
  }
}

/** A folder being built and not yet in place: removed, as if never begun. */
export function abandonFreshFolder(building: string): void {
  rmSync(building, { recursive: true, force: true });
}

function refuseLinkedOutput(name: string): never {
  throw new UserError(
    `${name} in the publish folder is a symbolic link: postmortem does not write through links`,
    {
      hint: 'remove the link; publish writes a real file there',
    },
  );
}

/**
 * The bytes of an output file, undefined when missing; a link is refused. One open with
 * O_NOFOLLOW answers both questions (ELOOP for a link) instead of an lstat and an open.
 */
export function readOutput(dir: string, name: string): Buffer | undefined {
  const path = join(dir, name);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') refuseLinkedOutput(name);
    throw error;
  }
  try {
    if (fstatSync(fd).isDirectory()) return readFileSync(path);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** What the folder holds, read once: every name, and the names of real files (not links). */
export function listOutputDir(dir: string): { names: Set<string>; files: Set<string> } {
  const names = new Set<string>();
  const files = new Set<string>();
  try {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      names.add(d.name);
      if (d.isFile()) files.add(d.name);
    }
  } catch {
    // an unreadable or missing folder holds nothing yet
  }
  return { names, files };
}

/**
 * Replace an output file: temp file + rename, so a reader never sees half a page. No
 * fsync: the folder is rebuilt from the repository at will, and fsync per page costs more
 * than the rendering. `fresh`: the folder is one being built (see startFreshFolder).
 */
export function writeOutput(
  dir: string,
  name: string,
  content: string | Iterable<string>,
  fresh = false,
): void {
  const path = join(dir, name);
  if (!fresh && lstatOrUndefined(path)?.isSymbolicLink()) refuseLinkedOutput(name);
  if (typeof content === 'string') writeChecked(dir, name, content, fresh);
  else writeChunksChecked(dir, name, content, undefined, fresh);
}

/**
 * Write a temp file beside `name` with `fill`, then put it in place of `name` unless
 * `fill` says to keep what is there: a reader never sees half a file. In a folder being
 * built, which nobody reads yet, the file is made new in place.
 */
function replaceFile(
  dir: string,
  name: string,
  fill: (fd: number) => boolean,
  fresh: boolean,
): boolean {
  if (fresh) return createFile(join(dir, name), fill);
  const temp = join(dir, `.${name}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w', 0o644);
  let replace: boolean;
  try {
    replace = fill(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  if (!replace) {
    unlinkSync(temp);
    return false;
  }
  try {
    renameSync(temp, join(dir, name));
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
  return true;
}

// A render worker that stopped may have left the file of a document it had not reported:
// the coordinating thread then writes it again, over whatever is there (never through a link).
const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;

/** A file of a folder being built, filled by `fill`, removed if that fails. */
function createFile(path: string, fill: (fd: number) => boolean): true {
  const fd = openSync(path, CREATE, 0o644);
  try {
    fill(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(path);
    throw error;
  }
  closeSync(fd);
  return true;
}

/**
 * `writeOutput` for a name whose current file was just read with `readOutput` (which
 * refuses a link): the temp file + rename without a second look at the name.
 */
export function writeChecked(dir: string, name: string, content: string, fresh = false): void {
  replaceFile(
    dir,
    name,
    (fd) => {
      writeFileSync(fd, content);
      return true;
    },
    fresh,
  );
}

/**
 * A file made in chunks (incidents.json of a large archive is megabytes): each chunk is
 * written to the temp file as it comes, never the whole text at once. With `current` (the
 * file there now) the bytes are compared as they go, and an equal file is left as it is.
 * Returns whether it wrote.
 */
export function writeChunksChecked(
  dir: string,
  name: string,
  chunks: Iterable<string>,
  current: Buffer | undefined,
  fresh = false,
): boolean {
  return replaceFile(
    dir,
    name,
    (fd) => {
      const same = new SameBytes(current);
      for (const bytes of batches(chunks)) {
        same.next(bytes);
        for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
      }
      return !same.done();
    },
    fresh,
  );
}

/** Whether bytes given piece by piece are, in all, the bytes of `current`. */
class SameBytes {
  private at = 0;
  private equal: boolean;

  constructor(private readonly current: Buffer | undefined) {
    this.equal = current !== undefined;
  }

  next(bytes: Buffer): void {
    const end = this.at + bytes.length;
    if (this.equal && this.current)
      this.equal =
        end <= this.current.length &&
        this.current.compare(bytes, 0, bytes.length, this.at, end) === 0;
    this.at = end;
  }

  done(): boolean {
    return this.equal && this.at === this.current?.length;
  }
}

/** Whether chunks are, joined, the bytes of `current` (a batch at a time, as they are written). */
export function chunksEqual(chunks: Iterable<string>, current: Buffer): boolean {
  const same = new SameBytes(current);
  for (const bytes of batches(chunks)) same.next(bytes);
  return same.done();
}

/** Chunks (small: a document's line) gathered into buffers: a write each, not a chunk each. */
function* batches(chunks: Iterable<string>): Generator<Buffer> {
  let batch: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    batch.push(chunk);
    length += chunk.length;
    if (length >= WRITE_BATCH) {
      yield Buffer.from(batch.join(''));
      batch = [];
      length = 0;
    }
  }
  yield Buffer.from(batch.join(''));
}

export function removeOutput(dir: string, name: string): boolean {
  const stat = lstatOrUndefined(join(dir, name));
  if (!stat) return false;
  unlinkSync(join(dir, name));
  return true;
}

export function readCache(dir: string): PublishCache | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, CACHE_FILE), 'utf8')) as Partial<PublishCache>;
    if (
      parsed.version !== 1 ||
      typeof parsed.settings !== 'string' ||
      typeof parsed.documents !== 'object' ||
      parsed.documents === null
    )
      return undefined;
    return parsed as PublishCache;
  } catch {
    return undefined;
  }
}

/**
 * The cache file's text, a document at a time (for 10,000 documents it is ~10 MB): the
 * same bytes as JSON.stringify of the cache with its documents in path order.
 */
export function* serializeCache(cache: PublishCache): Generator<string> {
  const { version, settings, index } = cache;
  const head = JSON.stringify({ version, settings, ...(index === undefined ? {} : { index }) });
  yield `${head.slice(0, -1)},"documents":{`;
  let first = true;
  for (const key of Object.keys(cache.documents).sort()) {
    yield `${first ? '' : ','}${JSON.stringify(key)}:${JSON.stringify(cache.documents[key])}`;
    first = false;
  }
  yield '}}\n';
}
