import { chmodSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeStrictUtf8, editInEditor, editorCommand } from '../../src/interview/editor.js';
import { makeTempDir } from '../helpers/repo.js';

function fakeEditor(body: string): string {
  const dir = makeTempDir('postmortem-editor-');
  const file = join(dir, 'editor.mjs');
  writeFileSync(
    file,
    `#!/usr/bin/env node\nimport { readFileSync, writeFileSync } from 'node:fs';\nconst file = process.argv[process.argv.length - 1];\n${body}\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

const tempFiles = (): string[] =>
  readdirSync(tmpdir()).filter((n) => n.startsWith('postmortem-edit-'));

describe('the editor for long prose', () => {
  it('reads back what the editor saved as strict UTF-8: Müller, Ça va and emoji survive', () => {
    const before = tempFiles().length;
    const editor = fakeEditor(
      `writeFileSync(file, readFileSync(file, 'utf8') + ' Müller, Ça va 🎉\\r\\n');`,
    );
    const result = editInEditor('Draft:', { ...process.env, VISUAL: editor });
    expect(result).toEqual({ ok: true, text: 'Draft: Müller, Ça va 🎉\n' });
    expect(tempFiles().length).toBe(before);
  });

  it('refuses text that is not UTF-8 instead of guessing a charset', () => {
    const editor = fakeEditor(
      `writeFileSync(file, Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]));`,
    );
    expect(JSON.stringify(editInEditor('', { ...process.env, VISUAL: editor }))).toMatch(
      /"ok":false,"reason":".*not UTF-8/,
    );
    expect(decodeStrictUtf8(Buffer.from('\uFEFFhé', 'utf8'))).toBe('hé');
  });

  it('does not take a failing editor as an answer', () => {
    const editor = fakeEditor(`writeFileSync(file, 'half-written'); process.exit(3);`);
    expect(JSON.stringify(editInEditor('', { ...process.env, VISUAL: editor }))).toMatch(
      /"ok":false,"reason":".*exited with status 3/,
    );
    expect(editInEditor('', { ...process.env, VISUAL: '/no/such/editor' }).ok).toBe(false);
  });

  it('reads $VISUAL before $EDITOR, with arguments', () => {
    expect(editorCommand({ EDITOR: 'vim', VISUAL: 'code --wait' })).toEqual(['code', '--wait']);
    expect(editorCommand({ EDITOR: 'nano' })).toEqual(['nano']);
    expect(editorCommand({})).toBeUndefined();
  });
});
