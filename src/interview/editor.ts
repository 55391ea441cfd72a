// The author's own editor for long prose. Unlike a generic editor prompt, the text is
// read back as strict UTF-8 (no charset guessing: "Müller" stays "Müller"), a failing
// editor is reported rather than taken as an answer, and the temp file is always removed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type EditorResult = { ok: true; text: string } | { ok: false; reason: string };

/** The editor command from $VISUAL or $EDITOR, split into program and arguments. */
export function editorCommand(env: NodeJS.ProcessEnv): string[] | undefined {
  const raw = (env.VISUAL ?? '').trim() || (env.EDITOR ?? '').trim();
  if (raw === '') return undefined;
  const parts = raw.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  return parts.map((p) => (/^(["']).*\1$/.test(p) ? p.slice(1, -1) : p));
}

/** Decode bytes as UTF-8 or fail: never a guess. A BOM is dropped, CRLF becomes LF. */
export function decodeStrictUtf8(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return text.replace(/\r\n?/g, '\n');
  } catch {
    return undefined;
  }
}

/** Open `text` in the editor; the edited text, or why there is none. */
export function editInEditor(
  text: string,
  env: NodeJS.ProcessEnv,
  name = 'postmortem',
): EditorResult {
  const command = editorCommand(env);
  if (!command || command.length === 0)
    return { ok: false, reason: 'no editor set ($VISUAL or $EDITOR)' };
  const [program, ...args] = command as [string, ...string[]];
  const dir = mkdtempSync(join(tmpdir(), 'postmortem-edit-'));
  const file = join(dir, `${name.replace(/[^a-z0-9-]+/gi, '-')}.md`);
  try {
    writeFileSync(file, text, 'utf8');
    const result = spawnSync(program, [...args, file], { stdio: 'inherit', env });
    if (result.error)
      return { ok: false, reason: `could not start ${program}: ${result.error.message}` };
    if (result.status !== 0) {
      return {
        ok: false,
        reason: `${program} exited with ${result.status === null ? `signal ${result.signal ?? '?'}` : `status ${result.status}`}`,
      };
    }
    const decoded = decodeStrictUtf8(readFileSync(file));
    if (decoded === undefined)
      return { ok: false, reason: `${program} saved text that is not UTF-8: save it as UTF-8` };
    return { ok: true, text: decoded };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
