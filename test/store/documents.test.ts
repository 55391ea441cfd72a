// Reading a document from disk: the model and lines are what the parser gives for those
// bytes, and `text` is exactly the text of the file (BOM and CRs included), which a later
// write compares with the disk.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/config.js';
import { parsePostmortem } from '../../src/core/parse.js';
import { DocumentStore } from '../../src/store/documents.js';
import { EXAMPLE_ID, EXAMPLE_TEXT } from './fixture.js';

const root = mkdtempSync(join(tmpdir(), 'postmortem-documents-'));
mkdirSync(join(root, 'postmortems'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const store = new DocumentStore(root, defaultConfig());

function readBack(text: string) {
  const file = join(root, 'postmortems', `${EXAMPLE_ID}.md`);
  writeFileSync(file, text);
  return { stored: store.read(file), bytes: Buffer.from(text, 'utf8') };
}

describe('DocumentStore.read', () => {
  const variants: [string, string][] = [
    ['LF', EXAMPLE_TEXT],
    ['CRLF', EXAMPLE_TEXT.replace(/\n/g, '\r\n')],
    ['a BOM', `\ufeff${EXAMPLE_TEXT}`],
    ['a BOM and CRLF', `\ufeff${EXAMPLE_TEXT.replace(/\n/g, '\r\n')}`],
    ['CRLF on some lines', EXAMPLE_TEXT.replace('\n', '\r\n')],
  ];
  for (const [name, text] of variants) {
    it(`keeps the exact text of a file with ${name}, and parses it as the parser does`, () => {
      const { stored, bytes } = readBack(text);
      expect(stored.text).toBe(text);
      const parsed = parsePostmortem(bytes, stored.path);
      expect(stored.doc).toEqual(parsed.doc);
      expect([...stored.lines]).toEqual([...parsed.lines]);
      expect(stored.eol).toBe(parsed.eol);
      expect(stored.path).toBe(`postmortems/${EXAMPLE_ID}.md`);
      expect(Object.keys(stored)).toEqual(['doc', 'lines', 'eol', 'path', 'file', 'text']);
    });
  }

  it('names the file by its repository path in a decoding error', () => {
    expect(() => readBack('---\nid: x\0\n---\n')).toThrow(
      `postmortems/${EXAMPLE_ID}.md:2: file contains a NUL byte: it looks binary, not a post-mortem`,
    );
  });
});
