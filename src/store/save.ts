// Saving a document the way every writing command does: under the repository's write
// lock, write it safely, then commit exactly that file (when the repo's config says to),
// on the post-mortem's own branch when the config asks for one.
import type { Postmortem } from '../core/model.js';
import { UserError } from '../errors.js';
import type { Workspace } from '../workspace.js';
import type { StoredDocument } from './documents.js';
import {
  branchExists,
  changedSinceCommit,
  commitFiles,
  createBranchHere,
  waitForIndexLock,
  currentBranch,
} from './git.js';
import { withWriteLock } from './lock.js';

export interface SaveResult {
  path: string;
  committed: boolean;
  text: string;
  /** The commit made, when one was. */
  commit?: string;
  /** The branch the commit went to, when the config asks for a branch per post-mortem. */
  branch?: string;
  /** The file had uncommitted changes made by hand: they were kept and are in the commit. */
  handEdits?: boolean;
}

export const HAND_EDITS_NOTE = 'Includes changes made by hand to the file before this command ran.';

export function branchFor(id: string): string {
  return `postmortem/${id}`;
}

async function useDocumentBranch(ws: Workspace, id: string): Promise<string> {
  const root = ws.location.root;
  const branch = branchFor(id);
  if (currentBranch(root) === branch) return branch;
  if (await branchExists(root, branch)) {
    throw new UserError(
      `${id} has its own branch, ${branch}, and you are on another one: not saving here`,
      {
        hint: `switch to it with \`git switch ${branch}\` and run the command again, or set git.branch: false in postmortem.yml`,
      },
    );
  }
  await createBranchHere(root, branch);
  return branch;
}

/**
 * `previous` is the text the command read (null for a new file): a file changed on disk
 * since is never overwritten. The message is the commit subject, `postmortem(<id>): ...`.
 */
export async function saveDocument(
  ws: Workspace,
  file: string,
  doc: Postmortem,
  previous: string | null,
  message: string,
  eol: '\n' | '\r\n' = '\n',
): Promise<SaveResult> {
  const root = ws.location.root;
  const commit = ws.config.git.commit && ws.location.isGit;
  const write = async (): Promise<SaveResult> => {
    const path = ws.store.relativePath(file);
    if (!commit) return { path, committed: false, text: ws.store.write(file, doc, previous, eol) };
    ws.store.assertUnchanged(file, previous);
    await waitForIndexLock(root, `not saving ${path}`);
    const branch = ws.config.git.branch ? await useDocumentBranch(ws, doc.id) : undefined;
    const handEdits = previous !== null && (await changedSinceCommit(root, path));
    const text = ws.store.write(file, doc, previous, eol);
    const body = handEdits ? `\n\n${HAND_EDITS_NOTE}` : '';
    if (text === previous) return { path, committed: false, text, ...(branch ? { branch } : {}) };
    const result = await commitFiles(root, [path], message + body, { isNew: previous === null });
    return {
      path,
      committed: result.committed,
      text,
      ...(result.commit ? { commit: result.commit } : {}),
      ...(branch ? { branch } : {}),
      ...(handEdits ? { handEdits } : {}),
    };
  };
  return ws.location.isGit ? withWriteLock(root, write) : write();
}

/** What a change to a document produced: the new model and the commit subject. */
export interface DocumentChange {
  doc: Postmortem;
  message: string;
}

/**
 * Read, change and save one document while holding the write lock, so that two commands
 * changing the same post-mortem at once both land, one after the other. `change`
 * returns undefined to leave the document as it is.
 */
export async function modifyDocument(
  ws: Workspace,
  file: string,
  change: (
    stored: StoredDocument,
  ) => DocumentChange | undefined | Promise<DocumentChange | undefined>,
): Promise<
  (SaveResult & { before: StoredDocument }) | { before: StoredDocument; unchanged: true }
> {
  const run = async (): Promise<
    (SaveResult & { before: StoredDocument }) | { before: StoredDocument; unchanged: true }
  > => {
    const before = ws.store.read(file);
    const next = await change(before);
    if (next === undefined) return { before, unchanged: true };
    const saved = await saveDocument(ws, file, next.doc, before.text, next.message, before.eol);
    return { ...saved, before };
  };
  return ws.location.isGit ? withWriteLock(ws.location.root, run) : run();
}
