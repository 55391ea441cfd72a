import { spawn } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lockPath, withWriteLock } from '../../src/store/lock.js';
import { makeTempRepo } from '../helpers/repo.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('withWriteLock', () => {
  it('runs writers one at a time and removes the lock afterwards', async () => {
    const repo = makeTempRepo();
    const events: string[] = [];
    const writer = (name: string) => async () => {
      events.push(`${name} start`);
      await sleep(40);
      events.push(`${name} end`);
    };
    await Promise.all([
      withWriteLock(repo.root, writer('a')),
      withWriteLock(repo.root, writer('b')),
    ]);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
    expect(existsSync(lockPath(repo.root))).toBe(false);
  });

  it('is re-entrant within a process and records its pid', async () => {
    const repo = makeTempRepo();
    const inner = await withWriteLock(repo.root, () =>
      withWriteLock(repo.root, () => Promise.resolve(readFileSync(lockPath(repo.root), 'utf8'))),
    );
    expect(inner.split('\n')[0]).toBe(String(process.pid));
    expect(existsSync(lockPath(repo.root))).toBe(false);
  });

  it('releases the lock when the writer throws', async () => {
    const repo = makeTempRepo();
    await expect(withWriteLock(repo.root, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(existsSync(lockPath(repo.root))).toBe(false);
  });

  it('takes over a lock whose process is gone', async () => {
    const repo = makeTempRepo();
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => child.on('exit', r));
    writeFileSync(lockPath(repo.root), `${child.pid}\n${hostname()}\n`);
    expect(await withWriteLock(repo.root, () => Promise.resolve('ran'))).toBe('ran');
  });

  it('takes over a lock older than the stale limit', async () => {
    const repo = makeTempRepo();
    writeFileSync(lockPath(repo.root), `${process.ppid}\n${hostname()}\n`);
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(lockPath(repo.root), old, old);
    expect(await withWriteLock(repo.root, () => Promise.resolve('ran'))).toBe('ran');
  });

  it('gives up on a live holder after the timeout with the way out, leaving its lock', async () => {
    const repo = makeTempRepo();
    writeFileSync(lockPath(repo.root), `${process.ppid}\n${hostname()}\n`);
    const error = await withWriteLock(repo.root, () => Promise.resolve('never'), {
      timeoutMs: 200,
    }).catch((e: unknown) => e as Error & { hint?: string });
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `another postmortem command (process ${process.ppid}) is still writing to this repository`,
    );
    expect((error as { hint?: string }).hint).toContain(`rm ${lockPath(repo.root)}`);
    expect(existsSync(lockPath(repo.root))).toBe(true);
  });
});
