// Zone formatting kept in .git/postmortem/zones.json between runs: used only under the
// same Node, ICU and time zone data; written only when a run had to ask Intl.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { makeTempRepo } from './helpers/repo.js';

const FILE = ['.git', 'postmortem', 'zones.json'];
const AT = '2026-03-14T02:07:00+11:00';
const KEY = `Australia/Sydney ${Date.parse(AT)}`;

/** A new process, as far as the module state goes. */
async function fresh() {
  vi.resetModules();
  const workspace = await import('../src/workspace.js');
  const time = await import('../src/core/time.js');
  return { ...workspace, ...time };
}

interface ZonesFile {
  stamp: string;
  parts: Record<string, string>;
  zones: string[];
}

const read = (root: string) => JSON.parse(readFileSync(join(root, ...FILE), 'utf8')) as ZonesFile;

describe('zone formatting kept between runs', () => {
  it('keeps what Intl gave and hands it to the next run', async () => {
    const repo = makeTempRepo();
    const location = { root: repo.root, isGit: true };
    let run = await fresh();
    let keep = run.recallZones(location);
    expect(run.formatInZone(AT, 'Australia/Sydney')).toBe('2026-03-14 02:07 GMT+11');
    expect(run.isTimeZone('Australia/Sydney')).toBe(true);
    keep();
    expect(read(repo.root).parts).toEqual({ [KEY]: '2026-03-14T02:07:00 GMT+11' });
    expect(read(repo.root).zones).toEqual(['Australia/Sydney']);

    // The next run reads it (an edited entry shows that it is what was used) and, having
    // learnt nothing new, leaves the file alone.
    const edited = read(repo.root);
    edited.parts[KEY] = '2026-03-14T02:07:00 KEPT';
    writeFileSync(join(repo.root, ...FILE), JSON.stringify(edited));
    const before = statSync(join(repo.root, ...FILE)).ino;
    run = await fresh();
    keep = run.recallZones(location);
    expect(run.formatInZone(AT, 'Australia/Sydney')).toBe('2026-03-14 02:07 KEPT');
    expect(run.isTimeZone('Australia/Sydney')).toBe(true);
    keep();
    expect(statSync(join(repo.root, ...FILE)).ino).toBe(before);
  });

  it('ignores a file made under other ICU or time zone data, or a corrupt one', async () => {
    const repo = makeTempRepo();
    const location = { root: repo.root, isGit: true };
    const first = await fresh();
    const keep = first.recallZones(location);
    first.formatInZone(AT, 'Australia/Sydney');
    keep();
    const { stamp } = read(repo.root);
    const tz = `tz ${process.versions.tz}`;
    expect(stamp).toContain(tz);

    const other = {
      stamp: stamp.replace(tz, 'tz 1999z'),
      parts: { [KEY]: '2026-03-14T02:07:00 OLD' },
    };
    writeFileSync(join(repo.root, ...FILE), JSON.stringify(other));
    let run = await fresh();
    run.recallZones(location);
    expect(run.formatInZone(AT, 'Australia/Sydney')).toBe('2026-03-14 02:07 GMT+11');

    writeFileSync(join(repo.root, ...FILE), '{not json');
    run = await fresh();
    run.recallZones(location);
    expect(run.formatInZone(AT, 'Australia/Sydney')).toBe('2026-03-14 02:07 GMT+11');
  });

  it('keeps nothing outside a git repository', async () => {
    const repo = makeTempRepo({}, { git: false });
    const run = await fresh();
    const keep = run.recallZones({ root: repo.root, isGit: false });
    run.formatInZone(AT, 'Australia/Sydney');
    keep();
    expect(existsSync(join(repo.root, '.git'))).toBe(false);
  });
});
