// Saving a document the way every writing command does: write it safely, then commit
// exactly that file (when the repo's config says to).
import type { Postmortem } from '../core/model.js';
import type { Workspace } from '../workspace.js';
import { commitFiles } from './git.js';

export interface SaveResult {
  path: string;
  committed: boolean;
  text: string;
}

/**
 * `previous` is the text the command read (null for a new file): a file changed on disk
 * since is never overwritten.
 */
export async function saveDocument(
  ws: Workspace,
  file: string,
  doc: Postmortem,
  previous: string | null,
  message: string,
  eol: '\n' | '\r\n' = '\n',
): Promise<SaveResult> {
  const text = ws.store.write(file, doc, previous, eol);
  const path = ws.store.relativePath(file);
  if (!ws.config.git.commit || !ws.location.isGit || text === previous) return { path, committed: false, text };
  await commitFiles(ws.location.root, [path], message);
  return { path, committed: true, text };
}
