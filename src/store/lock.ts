// One writer at a time per repository. Every read-modify-write-commit of a post-mortem
// runs inside this lock, so two `update`s started together both land, one after the
// other, instead of one overwriting the other or both fighting over git's index.lock.
// The lock is a file created with O_EXCL in the git folder (never committed, never in the
// working tree) holding the owner's pid; a lock whose process is gone is taken over.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { gitDirOf } from './repo.js';

export const LOCK_NAME = 'postmortem.lock';

export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** A lock older than this is stale whatever its pid says (ms). */
  staleMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_STALE_MS = 120_000;

/** Locks this process holds, with how many nested holders each has (re-entrant). */
const held = new Map<string, number>();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a process of this machine is still running (one we may not signal counts). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Owner {
  pid: number;
  host: string;
}

function readOwner(path: string): Owner | undefined {
  try {
    const [pid, host] = readFileSync(path, 'utf8').split('\n');
    return { pid: Number(pid), host: host ?? '' };
  } catch {
    return undefined;
  }
}

/** The lock's identity (inode and mtime) when it is stale, else undefined. */
function staleStamp(path: string, staleMs: number): string | undefined {
  let stamp: string;
  let age: number;
  try {
    const stat = statSync(path);
    stamp = `${stat.ino}:${stat.mtimeMs}`;
    age = Date.now() - stat.mtimeMs;
  } catch {
    return undefined; // gone already: the next attempt takes it
  }
  if (age > staleMs) return stamp;
  const owner = readOwner(path);
  // A lock being written right now has no pid yet: not stale.
  if (owner === undefined || !Number.isInteger(owner.pid) || owner.pid <= 0) return undefined;
  return owner.host === hostname() && !processIsAlive(owner.pid) ? stamp : undefined;
}

/** Remove a stale lock unless another process replaced it meanwhile. */
function removeStale(path: string, stamp: string): void {
  try {
    const stat = statSync(path);
    if (`${stat.ino}:${stat.mtimeMs}` === stamp) unlinkSync(path);
  } catch {
    // Someone else took it over first; try again.
  }
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n${hostname()}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

export function lockPath(root: string): string {
  return join(gitDirOf(root), LOCK_NAME);
}

/** Run `fn` holding the repository's write lock; waits a bounded time for another writer. */
export async function withWriteLock<T>(
  root: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const path = lockPath(root);
  const depth = held.get(path) ?? 0;
  if (depth > 0) {
    held.set(path, depth + 1);
    try {
      return await fn();
    } finally {
      held.set(path, depth);
    }
  }
  await acquire(path, options);
  held.set(path, 1);
  try {
    return await fn();
  } finally {
    held.delete(path);
    try {
      unlinkSync(path);
    } catch {
      // Already removed by hand: nothing left to release.
    }
  }
}

async function acquire(path: string, options: LockOptions): Promise<void> {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const deadline = Date.now() + timeout;
  for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
    if (tryCreate(path)) return;
    const stamp = staleStamp(path, staleMs);
    if (stamp !== undefined) {
      removeStale(path, stamp);
      continue;
    }
    if (Date.now() >= deadline) {
      const owner = readOwner(path);
      throw new UserError(
        `another postmortem command${owner && Number.isInteger(owner.pid) ? ` (process ${owner.pid})` : ''} is still writing to this repository`,
        {
          hint: `wait for it to finish and run the command again; if none is running, remove the stale lock: \`rm ${path}\``,
        },
      );
    }
    await sleep(
      Math.min(wait + Math.floor(Math.random() * 10), Math.max(1, deadline - Date.now())),
    );
  }
}
