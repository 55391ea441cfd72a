// What a command showed of each file, remembered in .git/postmortem/ between runs so an
// unchanged file is not read and parsed again. A file counts as unchanged only when its
// size, inode, modification and change times (nanoseconds) are all as they were, which
// `touch -r`, an editor's save-by-rename and a same-size edit in place all alter (the
// change time cannot be set back). A file changed in the last seconds before it was
// looked at is never remembered: a second write within the filesystem's clock tick would
// leave every stamp equal. Anything unreadable in the cache file means an empty cache.
import { lstatSync, mkdirSync, readFileSync, statSync, type BigIntStats } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic.js';

/** How recent a change must be for the file to be read every time (git's "racy" case). */
const RACY_NS = 3_000_000_000n;

interface Entry<T> {
  /** size:inode:mtimeNs:ctimeNs */
  stamp: string;
  value: T;
}

interface CacheFile<T> {
  fingerprint: string;
  entries: Record<string, Entry<T>>;
}

export interface FileStamp {
  stamp: string;
  /** False when the file changed too recently to be trusted to the cache. */
  settled: boolean;
}

/** The stamp of a regular file, or undefined for anything else (links, folders, gone). */
export function stampOf(file: string, clock: () => number = Date.now): FileStamp | undefined {
  let stat: BigIntStats;
  try {
    stat = lstatSync(file, { bigint: true });
  } catch {
    return undefined;
  }
  if (!stat.isFile()) return undefined;
  const changed = stat.mtimeNs > stat.ctimeNs ? stat.mtimeNs : stat.ctimeNs;
  const settled = BigInt(clock()) * 1_000_000n - changed > RACY_NS;
  return { stamp: `${stat.size}:${stat.ino}:${stat.mtimeNs}:${stat.ctimeNs}`, settled };
}

export class SummaryCache<T> {
  private readonly file: string | undefined;
  private readonly fingerprint: string;
  private readonly old: Record<string, Entry<T>>;
  private readonly next: Record<string, Entry<T>> = {};
  private changed = false;

  /**
   * `file` undefined: remember nothing (outside a git repository). `fingerprint` names
   * everything besides the file that the values depend on; a cache made under another
   * fingerprint is dropped whole; an entry whose value fails `isValue` is ignored.
   */
  constructor(
    file: string | undefined,
    fingerprint: string,
    isValue: (value: unknown) => value is T,
  ) {
    this.file = file;
    this.fingerprint = fingerprint;
    this.old = file === undefined ? {} : readCache(file, fingerprint, isValue);
  }

  /** The value remembered for `key` when its file still has this stamp. */
  get(key: string, stamp: FileStamp | undefined): T | undefined {
    if (stamp === undefined || !stamp.settled) return undefined;
    const entry = this.old[key];
    if (entry === undefined || entry.stamp !== stamp.stamp) return undefined;
    this.next[key] = entry;
    return entry.value;
  }

  set(key: string, stamp: FileStamp | undefined, value: T): void {
    if (stamp === undefined || !stamp.settled) return;
    this.next[key] = { stamp: stamp.stamp, value };
    this.changed = true;
  }

  /**
   * The value for `file`: remembered when the file is unchanged, else computed, and
   * remembered when the file had the same stamp before and after `compute` read it.
   */
  through(file: string, compute: () => T, clock?: () => number): T {
    const stamp = stampOf(file, clock);
    const cached = this.get(file, stamp);
    if (cached !== undefined) return cached;
    const value = compute();
    this.setIfUnchanged(file, stamp, value, clock);
    return value;
  }

  /** Remember a value computed after `stamp` was taken, if the file still has that stamp. */
  setIfUnchanged(file: string, stamp: FileStamp | undefined, value: T, clock?: () => number): void {
    if (stamp !== undefined && stampOf(file, clock)?.stamp === stamp.stamp)
      this.set(file, stamp, value);
  }

  /** Write the entries used or set in this run (a file gone is forgotten), when any changed. */
  save(): void {
    if (this.file === undefined) return;
    const dropped = Object.keys(this.old).some((k) => !(k in this.next));
    if (!this.changed && !dropped) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const content: CacheFile<T> = { fingerprint: this.fingerprint, entries: this.next };
      writeFileAtomic(this.file, JSON.stringify(content));
    } catch {
      // A cache that cannot be written costs the next run time, never a failure.
    }
  }
}

/**
 * The build of the running code: every build writes each of its files anew (tsc its
 * modules, the bundler its chunks), so this file's modification time changes with any
 * change to the code that makes the values.
 */
export function buildStamp(): string {
  const self = new URL(import.meta.url);
  // Running from sources (tests): one source file's stamp says nothing of the others.
  if (self.pathname.endsWith('.ts')) return 'sources';
  try {
    return String(statSync(self).mtimeMs);
  } catch {
    return 'sources';
  }
}

function readCache<T>(
  file: string,
  fingerprint: string,
  isValue: (value: unknown) => value is T,
): Record<string, Entry<T>> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return {};
    const cache = parsed as Partial<CacheFile<unknown>>;
    if (cache.fingerprint !== fingerprint) return {};
    const entries = cache.entries;
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return {};
    const valid: Record<string, Entry<T>> = {};
    for (const [key, entry] of Object.entries(entries)) {
      if (
        typeof entry === 'object' &&
        entry !== null &&
        typeof entry.stamp === 'string' &&
        isValue(entry.value)
      )
        valid[key] = { stamp: entry.stamp, value: entry.value };
    }
    return valid;
  } catch {
    return {};
  }
}
