// The facts actions and stats read of each post-mortem, remembered between runs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SummarySource } from '../../src/commands/cached-summaries.js';
import { readDocumentFacts } from '../../src/commands/document-facts.js';
import { loadConfig } from '../../src/config/config.js';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo, type TempRepo } from '../helpers/repo.js';

const ID = '2026-03-14-app-server-outage';
const PATH = `postmortems/${ID}.md`;
const BROKEN = 'postmortems/2026-03-15-broken-body.md';
const EXAMPLE = readFileSync(new URL(`../../examples/${ID}.md`, import.meta.url), 'utf8');
const GOOD_LINE = '- 2026-03-14T02:00:00+11:00 The main application server stopped responding';
const BAD_LINE = '- 2026-13-14T02:00:00+11:00 The main application server stopped responding';
const CACHE = join('.git', 'postmortem', 'facts-cache.json');

/** Files written now are too fresh to be remembered; this clock is a minute ahead. */
const later = (): number => Date.now() + 60_000;

function facts(repo: TempRepo) {
  const source: SummarySource = {
    location: { root: repo.root, isGit: true },
    config: loadConfig(repo.root),
  };
  return readDocumentFacts(source, later);
}

function twoDocuments(): TempRepo {
  return makeTempRepo({
    [PATH]: EXAMPLE,
    [BROKEN]: EXAMPLE.replace(GOOD_LINE, BAD_LINE).replace(
      `id: ${ID}`,
      'id: 2026-03-15-broken-body',
    ),
  });
}

describe('readDocumentFacts', () => {
  it('reads the fields and action items, and an unreadable file with its error, the same from the cache', async () => {
    expect(EXAMPLE).toContain(GOOD_LINE);
    const repo = twoDocuments();
    const first = await facts(repo);
    expect(first.map((f) => [f.path, f.error === null, f.doc?.id ?? null])).toEqual([
      [PATH, true, ID],
      [BROKEN, false, null],
    ]);
    expect(first[1]?.error).toMatch(/2026-13-14T02:00:00\+11:00/);
    expect(first[1]?.error).not.toContain('\n');
    expect(first[0]?.items.length).toBeGreaterThan(0);
    expect(first[0]?.doc?.timezone).toBe('Australia/Sydney');
    expect(JSON.parse(readFileSync(join(repo.root, CACHE), 'utf8'))).toHaveProperty('entries');
    expect(await facts(repo)).toEqual(first);
  });

  it('trusts remembered facts while the file is unchanged, and reads a changed file again', async () => {
    const repo = makeTempRepo({ [PATH]: EXAMPLE });
    const truth = await facts(repo);
    const cache = join(repo.root, CACHE);
    const saved = JSON.parse(readFileSync(cache, 'utf8')) as {
      entries: Record<string, { value: { doc: { title: string } } }>;
    };
    for (const entry of Object.values(saved.entries)) entry.value.doc.title = 'From the cache';
    writeFileSync(cache, JSON.stringify(saved));
    expect((await facts(repo))[0]?.doc?.title).toBe('From the cache');
    writeFileSync(join(repo.root, PATH), EXAMPLE.replace('\ntitle: ', '\ntitle: Changed '));
    expect((await facts(repo))[0]?.doc?.title).toBe(`Changed ${truth[0]?.doc?.title ?? ''}`);
  });

  it('ignores entries of the wrong shape', async () => {
    const repo = makeTempRepo({ [PATH]: EXAMPLE });
    const truth = await facts(repo);
    const cache = join(repo.root, CACHE);
    const valid = JSON.parse(readFileSync(cache, 'utf8')) as {
      entries: Record<string, { value: Record<string, unknown> }>;
    };
    const item = (truth[0]?.items[0] ?? {}) as Record<string, unknown>;
    for (const value of [
      { ...truth[0], items: [{ ...item, internal: 'no' }] },
      { ...truth[0], items: [{ ...item, extra: 1 }] },
      { ...truth[0], items: 'none' },
      { ...truth[0], doc: { ...truth[0]?.doc, started_at: 5 } },
      { ...truth[0], error: 3 },
      { ...truth[0], more: null },
    ]) {
      const entries = Object.fromEntries(
        Object.entries(valid.entries).map(([k, e]) => [k, { ...e, value }]),
      );
      writeFileSync(cache, JSON.stringify({ ...valid, entries }));
      expect(await facts(repo), JSON.stringify(value)).toEqual(truth);
    }
  });
});

describe('actions and stats from the cache', () => {
  it('print the same the second time, when the facts come from the cache', async () => {
    const repo = twoDocuments();
    const env = { ...repo.env, POSTMORTEM_NOW: '2026-11-26T08:00:00Z' };
    // A file changed in the last 3 seconds is never remembered (store/summary-cache.ts).
    await new Promise((resolve) => setTimeout(resolve, 3100));
    for (const args of [['actions'], ['actions', '--json'], ['stats'], ['stats', '--json']]) {
      const first = await runCli(args, { cwd: repo.root, env });
      expect(first.code, args.join(' ')).toBe(1);
      expect(first.stderr).toContain(BROKEN);
      expect(await runCli(args, { cwd: repo.root, env }), args.join(' ')).toEqual(first);
    }
    expect(readFileSync(join(repo.root, CACHE), 'utf8')).toContain(BROKEN);
  });
});
