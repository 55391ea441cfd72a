// The records a publish keeps on disk while it renders: they come back whole and in order.
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordSpill } from '../../src/render/publish-spill.js';

// A disk that fills up: writes fail from the given call on.
const disk = vi.hoisted(() => ({ writesLeft: Infinity }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  return {
    ...real,
    writeSync: (...args: Parameters<typeof real.writeSync>) => {
      if (disk.writesLeft-- <= 0)
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return real.writeSync(...args);
    },
  };
});

interface Rec {
  title: string;
  n: number | null;
  outputs: string[];
}

const dirs: string[] = [];
afterEach(() => {
  disk.writesLeft = Infinity;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pm-spill-'));
  dirs.push(dir);
  return dir;
}

// Long enough, and with characters of 2 to 4 bytes, that lines cross every read boundary.
const record = (i: number): Rec => ({
  title: `Incident ${i}: Müller's café ☕ 𝄞 ${'x'.repeat(i % 700)}`,
  n: i % 3 === 0 ? null : i,
  outputs: [`${i}.md`, `${i}.html`],
});

describe('RecordSpill', () => {
  it('gives back every record in the order added, and leaves no file behind', () => {
    const dir = tempDir();
    const spill = new RecordSpill<Rec>(dir);
    expect(readdirSync(dir)).toEqual([]);
    const order = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000);
    for (const i of order) spill.add(i, record(i));
    const back = [...spill.records()];
    expect(back.map(([i]) => i)).toEqual(order);
    for (const [i, rec] of back) expect(rec).toEqual(record(i));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('gives back held records too, as the same objects, after those written', () => {
    const spill = new RecordSpill<Rec>(tempDir());
    const held = record(1);
    spill.add(0, record(0));
    spill.hold(1, held);
    spill.add(2, record(2));
    const back = [...spill.records()];
    expect(back).toEqual([
      [0, record(0)],
      [2, record(2)],
      [1, record(1)],
    ]);
    expect(back[2]?.[1]).toBe(held);
  });

  it('gives back a record longer than a read', () => {
    const spill = new RecordSpill<Rec>(tempDir());
    const long = { title: 'é'.repeat(1_500_000), n: 1, outputs: [] };
    spill.add(0, record(0));
    spill.add(1, long);
    spill.add(2, record(2));
    expect([...spill.records()]).toEqual([
      [0, record(0)],
      [1, long],
      [2, record(2)],
    ]);
  });

  it('keeps the records in memory when no temp file can be made', () => {
    const spill = new RecordSpill<Rec>(join(tempDir(), 'missing'));
    spill.add(2, record(2));
    spill.add(1, record(1));
    expect([...spill.records()]).toEqual([
      [2, record(2)],
      [1, record(1)],
    ]);
  });

  it('keeps in memory what it could not write, and gives back every record all the same', () => {
    const spill = new RecordSpill<Rec>(tempDir());
    disk.writesLeft = 3;
    for (let i = 0; i < 2000; i++) spill.add(i, record(i));
    expect(disk.writesLeft).toBeLessThan(0);
    const back = [...spill.records()];
    expect(back.map(([i]) => i)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    for (const [i, rec] of back) expect(rec).toEqual(record(i));
  });

  it('gives back nothing when nothing was added', () => {
    const spill = new RecordSpill<Rec>(tempDir());
    expect([...spill.records()]).toEqual([]);
    spill.close();
  });
});
