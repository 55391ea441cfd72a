// Large site files (incidents.json, the publish cache) are written and compared in chunks:
// a file equal to what is there is left alone, and any difference, anywhere, is seen.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunksEqual, writeChunksChecked } from '../../src/render/output-dir.js';
import { makeTempDir } from '../helpers/repo.js';

// Chunks of every size, some past the 64K batch a write takes, in and out of ASCII.
const chunk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.nat({ max: 70_000 }).map((n) => 'x'.repeat(n)),
);
const chunks = fc.array(chunk, { maxLength: 8 });

describe('chunksEqual', () => {
  it('says whether the chunks, joined, are the bytes of the file', () => {
    fc.assert(
      fc.property(chunks, chunks, (a, b) => {
        const file = Buffer.from(b.join(''));
        expect(chunksEqual(a, file)).toBe(a.join('') === b.join(''));
        expect(chunksEqual(b, file)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('sees a file that is longer, shorter, or differs in one byte past the first batch', () => {
    const text = `${'a'.repeat(100_000)}b${'c'.repeat(50)}`;
    const parts = [text.slice(0, 70_000), text.slice(70_000)];
    expect(chunksEqual(parts, Buffer.from(text))).toBe(true);
    expect(chunksEqual(parts, Buffer.from(`${text}\n`))).toBe(false);
    expect(chunksEqual(parts, Buffer.from(text.slice(0, -1)))).toBe(false);
    expect(chunksEqual(parts, Buffer.from(text.replace('b', 'B')))).toBe(false);
    expect(chunksEqual([], Buffer.alloc(0))).toBe(true);
    expect(chunksEqual([''], Buffer.from('x'))).toBe(false);
  });
});

describe('writeChunksChecked', () => {
  it('leaves an equal file alone and replaces a different one, whatever the chunks', () => {
    const dir = makeTempDir();
    const text = `[\n${Array.from({ length: 3000 }, (_, i) => `  {"id": ${i}, "t": "é${i}"}`).join(',\n')}\n]\n`;
    writeFileSync(join(dir, 'incidents.json'), text);
    const before = statSync(join(dir, 'incidents.json')).ino;
    const pieces = text.match(/[^\n]*\n/g) ?? [];
    const current = readFileSync(join(dir, 'incidents.json'));
    expect(writeChunksChecked(dir, 'incidents.json', pieces, current)).toBe(false);
    expect(statSync(join(dir, 'incidents.json')).ino).toBe(before);

    const changed = pieces.map((p, i) => (i === 2500 ? p.replace('é', 'e') : p));
    expect(writeChunksChecked(dir, 'incidents.json', changed, current)).toBe(true);
    expect(readFileSync(join(dir, 'incidents.json'), 'utf8')).toBe(changed.join(''));
    expect(statSync(join(dir, 'incidents.json')).ino).not.toBe(before);
  });
});
