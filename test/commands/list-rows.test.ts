import { readFileSync, utimesSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SummarySource } from '../../src/commands/cached-summaries.js';
import { readListRows } from '../../src/commands/list-rows.js';
import { loadConfig } from '../../src/config/config.js';
import { makeTempRepo, type TempRepo } from '../helpers/repo.js';

const ID = '2026-03-14-app-server-outage';
const PATH = `postmortems/${ID}.md`;
const EXAMPLE = readFileSync(new URL(`../../examples/${ID}.md`, import.meta.url), 'utf8');
// Same length as the line it replaces: month 13 in a timeline entry, a body-only problem.
const GOOD_LINE = '- 2026-03-14T02:00:00+11:00 The main application server stopped responding';
const BAD_LINE = '- 2026-13-14T02:00:00+11:00 The main application server stopped responding';
const CACHE = join('.git', 'postmortem', 'list-cache.json');

/** Files written now are too fresh to be remembered; this clock is a minute ahead. */
const later = (): number => Date.now() + 60_000;

function sourceOf(repo: TempRepo, isGit = true): SummarySource {
  return { location: { root: repo.root, isGit }, config: loadConfig(repo.root) };
}

function rows(repo: TempRepo, now: () => number = later) {
  return readListRows(sourceOf(repo), now);
}

describe('readListRows', () => {
  it('lists a file whose body is broken with its error, the same from the cache', async () => {
    expect(EXAMPLE).toContain(GOOD_LINE);
    const repo = makeTempRepo({
      [PATH]: EXAMPLE,
      'postmortems/2026-03-15-broken-body.md': EXAMPLE.replace(GOOD_LINE, BAD_LINE).replace(
        `id: ${ID}`,
        'id: 2026-03-15-broken-body',
      ),
    });
    const first = await rows(repo);
    expect(first.map((s) => s.row.error === null)).toEqual([true, false]);
    expect(first[1]?.row.error).toMatch(/2026-13-14T02:00:00\+11:00/);
    expect(first[0]?.started).toBe('2026-03-14 02:00 GMT+11');
    expect(JSON.parse(readFileSync(join(repo.root, CACHE), 'utf8'))).toHaveProperty('entries');
    const second = await rows(repo);
    expect(second).toEqual(first);
  });

  it('reads a file again after a same-size edit in place, even with its time set back', async () => {
    const repo = makeTempRepo({ [PATH]: EXAMPLE });
    const file = join(repo.root, PATH);
    // A whole second, so that setting it back restores the exact stamp.
    const past = Math.floor(Date.now() / 1000) - 3600;
    utimesSync(file, past, past);
    expect((await rows(repo))[0]?.row.error).toBeNull();
    const before = statSync(file);
    writeFileSync(file, EXAMPLE.replace(GOOD_LINE, BAD_LINE));
    utimesSync(file, past, past);
    const after = statSync(file);
    expect([after.size, after.ino, after.mtimeMs]).toEqual([
      before.size,
      before.ino,
      before.mtimeMs,
    ]);
    expect((await rows(repo))[0]?.row.error).toMatch(/2026-13-14/);
    writeFileSync(file, EXAMPLE);
    expect((await rows(repo))[0]?.row.error).toBeNull();
  });

  it('does not remember a file changed in the last seconds', async () => {
    const repo = makeTempRepo({ [PATH]: EXAMPLE });
    await rows(repo, Date.now);
    expect(() => readFileSync(join(repo.root, CACHE))).toThrow();
  });

  it('ignores a corrupt or foreign cache file and replaces it', async () => {
    const repo = makeTempRepo({ [PATH]: EXAMPLE });
    const expected = await rows(repo);
    const cache = join(repo.root, CACHE);
    const valid = JSON.parse(readFileSync(cache, 'utf8')) as {
      entries: Record<string, { value: { row: { title: string } } }>;
    };
    for (const text of [
      '{"fingerprint": ',
      '\u0000\u0001binary',
      '[]',
      'null',
      JSON.stringify({ ...valid, fingerprint: 'another build' }),
      JSON.stringify({
        ...valid,
        entries: Object.fromEntries(
          Object.entries(valid.entries).map(([k, e]) => [k, { ...e, value: { row: 1 } }]),
        ),
      }),
    ]) {
      writeFileSync(cache, text);
      expect(await rows(repo)).toEqual(expected);
      expect(JSON.parse(readFileSync(cache, 'utf8'))).toEqual(valid);
    }
  });

  it('trusts a remembered row while the file is unchanged', async () => {
    const repo = makeTempRepo({ [PATH]: EXAMPLE });
    await rows(repo);
    const cache = join(repo.root, CACHE);
    const saved = JSON.parse(readFileSync(cache, 'utf8')) as {
      entries: Record<string, { value: { row: { title: string } } }>;
    };
    for (const entry of Object.values(saved.entries)) entry.value.row.title = 'From the cache';
    writeFileSync(cache, JSON.stringify(saved));
    expect((await rows(repo))[0]?.row.title).toBe('From the cache');
  });

  it('remembers nothing outside a git repository', async () => {
    const repo = makeTempRepo({ [PATH]: EXAMPLE }, { git: false });
    expect((await readListRows(sourceOf(repo, false), later))[0]?.row.error).toBeNull();
    expect(() => readFileSync(join(repo.root, CACHE))).toThrow();
  });
});
