// The status each version of a post-mortem recorded, remembered by blob id in
// .git/postmortem/ between runs of `log`. A blob id names its content, so an entry never
// goes stale; only a new build (which may read statuses differently) drops them all. Each
// run then asks `git cat-file` only for the blobs it has not seen, which on a long history
// is most of the work besides `git log` itself. Anything unreadable means an empty cache.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import { gitStatePath } from './repo.js';
import { buildStamp } from './summary-cache.js';

/**
 * The whole file is read by every `log`: past this many entries (~1 MB, the histories of a
 * few hundred documents) it starts again rather than grow without end.
 */
const MAX_ENTRIES = 20_000;
const BLOB_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

interface Loaded {
  file: string;
  build: string;
  known: Record<string, string | null>;
}

interface CacheFile {
  build: string;
  statuses: Record<string, string | null>;
}

export class StatusCache {
  private readonly root: string;
  private loaded: Loaded | undefined;
  private added = 0;

  /** Nothing is read until the first question: `log` starts git before that. */
  constructor(root: string) {
    this.root = root;
  }

  private load(): Loaded {
    if (this.loaded === undefined) {
      const file = gitStatePath(this.root, 'status-cache.json');
      const build = buildStamp();
      this.loaded = { file, build, known: readStatuses(file, build) };
    }
    return this.loaded;
  }

  /** The status remembered for a blob: a string, null for none, undefined when unknown. */
  get(blob: string): string | null | undefined {
    const { known } = this.load();
    if (!Object.hasOwn(known, blob)) return undefined;
    const status = known[blob];
    return typeof status === 'string' || status === null ? status : undefined;
  }

  set(blob: string, status: string | null): void {
    if (!BLOB_ID.test(blob) || this.get(blob) === status) return;
    this.load().known[blob] = status;
    this.added++;
  }

  /** Write the cache when this run learnt something; a failure only costs the next run time. */
  save(): void {
    if (this.added === 0) return;
    const { file, build, known } = this.load();
    const content: CacheFile = {
      build,
      statuses: Object.keys(known).length > MAX_ENTRIES ? {} : known,
    };
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileAtomic(file, JSON.stringify(content));
    } catch {
      // Read-only repository, full disk: the next run reads the blobs again.
    }
  }
}

function readStatuses(file: string, build: string): Record<string, string | null> {
  const known = Object.create(null) as Record<string, string | null>;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile> | null;
    const statuses = parsed?.statuses;
    if (parsed?.build !== build || typeof statuses !== 'object' || statuses === null) return known;
    if (Array.isArray(statuses)) return known;
    return Object.assign(known, statuses);
  } catch {
    return known;
  }
}
