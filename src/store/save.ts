// Saving a document the way every writing command does: under the repository's write
// lock, write it safely, then commit exactly that file (when the repo's config says to),
// on the post-mortem's own branch when the config asks for one.
import { readFileSync } from 'node:fs';
import { severityNames } from '../config/config.js';
import type { Postmortem } from '../core/model.js';
import { parsePostmortemText } from '../core/parse.js';
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
import { mergePostmortems } from './three-way.js';

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
  /** The file changed while the command worked; its change was merged into the new version. */
  merged?: boolean;
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

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * When the file changed since the command read it (another writer landed first, an
 * editor saved), merge this command's change into the new version field by field;
 * the same fact changed both ways stops the command. Otherwise leave it to the store,
 * which refuses to overwrite.
 */
function reconcile(
  ws: Workspace,
  file: string,
  doc: Postmortem,
  previous: string | null,
): { doc: Postmortem; previous: string | null; merged: boolean } {
  const current = previous === null ? null : readText(file);
  if (previous === null || current === null || current === previous)
    return { doc, previous, merged: false };
  const path = ws.store.relativePath(file);
  const options = { severities: severityNames(ws.config) };
  let base: Postmortem;
  let theirs: Postmortem;
  try {
    base = parsePostmortemText(previous, path, options);
    theirs = parsePostmortemText(current, path, options);
  } catch {
    return { doc, previous, merged: false }; // unreadable now: the store refuses with its message
  }
  const merged = mergePostmortems(base, doc, theirs);
  if (!merged.ok) {
    throw new UserError(
      `${path} changed on disk while postmortem was working, in the same place (${merged.conflicts.join(', ')}): not overwriting it`,
      { hint: 'run the command again to start from the new version' },
    );
  }
  return { doc: merged.doc, previous: current, merged: true };
}

/**
 * `previous` is the text the command read (null for a new file): a file changed on disk
 * since is never overwritten blindly: the two changes are merged, or nothing is written. The message is the commit subject, `postmortem(<id>): ...`.
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
    const { doc: target, previous: expected, merged } = reconcile(ws, file, doc, previous);
    const extra = merged ? { merged } : {};
    if (!commit)
      return {
        path,
        committed: false,
        text: ws.store.write(file, target, expected, eol),
        ...extra,
      };
    ws.store.assertUnchanged(file, expected);
    await waitForIndexLock(root, `not saving ${path}`);
    const branch = ws.config.git.branch ? await useDocumentBranch(ws, target.id) : undefined;
    const handEdits = expected !== null && (await changedSinceCommit(root, path));
    const text = ws.store.write(file, target, expected, eol);
    const body = handEdits ? `\n\n${HAND_EDITS_NOTE}` : '';
    if (text === expected)
      return { path, committed: false, text, ...(branch ? { branch } : {}), ...extra };
    const result = await commitFiles(root, [path], message + body, { isNew: expected === null });
    return {
      path,
      committed: result.committed,
      text,
      ...(result.commit ? { commit: result.commit } : {}),
      ...(branch ? { branch } : {}),
      ...(handEdits ? { handEdits } : {}),
      ...extra,
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
