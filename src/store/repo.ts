// Finding the repository a command works on: --repo, else the git repository around
// the current folder. Found by looking for .git, without spawning git (fast start).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { findGitRoot } from './early-log.js';

export interface RepoLocation {
  root: string;
  isGit: boolean;
}

export { findGitRoot };

/** The repo for a command. Read-only commands work outside git, on the folder itself. */
export function locateRepo(cwd: string, repoFlag: string | undefined): RepoLocation {
  if (repoFlag !== undefined) {
    const root = resolve(cwd, repoFlag);
    if (!existsSync(root) || !statSync(root).isDirectory()) {
      const file = existsSync(root);
      throw new UserError(
        `--repo ${repoFlag}: ${file ? 'a file, not a folder' : 'no such folder'}`,
        {
          hint: file
            ? 'pass the folder of the repository, like --repo incidents'
            : 'create it with `postmortem init DIR`',
          exitCode: 2,
        },
      );
    }
    const gitRoot = findGitRoot(root);
    return { root, isGit: gitRoot !== undefined };
  }
  const gitRoot = findGitRoot(cwd);
  return gitRoot === undefined
    ? { root: resolve(cwd), isGit: false }
    : { root: gitRoot, isGit: true };
}

/** For commands that write: stop outside a git repository. */
export function requireGitRepo(location: RepoLocation): void {
  if (!location.isGit) {
    throw new UserError(`${location.root} is not inside a git repository`, {
      hint: 'run `postmortem init` to create one, or pass --repo DIR',
    });
  }
}

/** The repository's git folder: `.git`, or where a `.git` file points (worktrees, submodules). */
export function gitDirOf(root: string): string {
  // `root` may be a folder inside the repository (--repo DIR): start from its top.
  const top = findGitRoot(root) ?? root;
  const dotGit = join(top, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
    if (pointer?.[1] !== undefined) return resolve(top, pointer[1]);
  } catch {
    // No .git here: fall through to the plain path, which callers report as missing.
  }
  return dotGit;
}

/** Where postmortem keeps a file of its own (drafts, caches) in the git folder: never committed. */
export function gitStatePath(root: string, name: string): string {
  return join(gitDirOf(root), 'postmortem', name);
}

/** `gitStatePath` when there is a git folder to keep it in, else undefined. */
export function gitStateFile(root: string, name: string): string | undefined {
  try {
    return statSync(gitDirOf(root)).isDirectory() ? gitStatePath(root, name) : undefined;
  } catch {
    return undefined;
  }
}

/** An operation git is in the middle of, which a commit by postmortem would disturb. */
export function operationInProgress(root: string): string | undefined {
  const dir = gitDirOf(root);
  if (existsSync(join(dir, 'MERGE_HEAD'))) return 'merge';
  if (existsSync(join(dir, 'rebase-merge')) || existsSync(join(dir, 'rebase-apply')))
    return 'rebase';
  if (existsSync(join(dir, 'CHERRY_PICK_HEAD'))) return 'cherry-pick';
  if (existsSync(join(dir, 'REVERT_HEAD'))) return 'revert';
  if (existsSync(join(dir, 'BISECT_LOG'))) return 'bisect';
  return undefined;
}
