import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stampOf, SummaryCache } from '../../src/store/summary-cache.js';
import { makeTempDir } from '../helpers/repo.js';

const isNote = (v: unknown): v is { note: string } =>
  typeof v === 'object' && v !== null && typeof (v as { note?: unknown }).note === 'string';
const later = (): number => Date.now() + 60_000;

describe('SummaryCache', () => {
  it('stamps regular files only, and calls a file changed in the last seconds unsettled', () => {
    const dir = makeTempDir();
    const file = join(dir, 'a.md');
    writeFileSync(file, 'x');
    symlinkSync('a.md', join(dir, 'link.md'));
    expect(stampOf(join(dir, 'link.md'), later)).toBeUndefined();
    expect(stampOf(join(dir, 'gone.md'), later)).toBeUndefined();
    expect(stampOf(dir, later)).toBeUndefined();
    expect(stampOf(file)?.settled).toBe(false);
    expect(stampOf(file, later)?.settled).toBe(true);
  });

  it('gives back a value only for the same stamp and fingerprint, and forgets files gone', () => {
    const dir = makeTempDir();
    const cacheFile = join(dir, 'cache', 'c.json');
    const a = join(dir, 'a.md');
    writeFileSync(a, 'one');
    const first = new SummaryCache(cacheFile, 'v1', isNote);
    first.set('a', stampOf(a, later), { note: 'one' });
    first.set('b', stampOf(a), { note: 'fresh, not kept' });
    first.save();
    const second = new SummaryCache(cacheFile, 'v1', isNote);
    expect(second.get('a', stampOf(a, later))).toEqual({ note: 'one' });
    expect(second.get('b', stampOf(a, later))).toBeUndefined();
    expect(new SummaryCache(cacheFile, 'v2', isNote).get('a', stampOf(a, later))).toBeUndefined();
    writeFileSync(a, 'two');
    expect(new SummaryCache(cacheFile, 'v1', isNote).get('a', stampOf(a, later))).toBeUndefined();
    const third = new SummaryCache(cacheFile, 'v1', isNote);
    third.save();
    expect(JSON.parse(readFileSync(cacheFile, 'utf8'))).toEqual({ fingerprint: 'v1', entries: {} });
  });

  it('reads a corrupt cache file as empty', () => {
    const dir = makeTempDir();
    const cacheFile = join(dir, 'c.json');
    const a = join(dir, 'a.md');
    writeFileSync(a, 'one');
    for (const text of [
      '{',
      '"x"',
      '{"fingerprint":"v1","entries":[1]}',
      '{"fingerprint":"v1","entries":{"a":{"stamp":1,"value":{"note":"x"}}}}',
    ]) {
      writeFileSync(cacheFile, text);
      expect(new SummaryCache(cacheFile, 'v1', isNote).get('a', stampOf(a, later))).toBeUndefined();
    }
  });
});
