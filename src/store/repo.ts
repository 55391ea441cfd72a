// Finding the repository a command works on: --repo, else the git repository around
// the current folder. Found by looking for .git, without spawning git (fast start).
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';

export interface RepoLocation {
  root: string;
  isGit: boolean;
}

export function findGitRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The repo for a command. Read-only commands work outside git, on the folder itself. */
export function locateRepo(cwd: string, repoFlag: string | undefined): RepoLocation {
  if (repoFlag !== undefined) {
    const root = resolve(cwd, repoFlag);
    if (!existsSync(root) || !statSync(root).isDirectory()) {
      throw new UserError(`--repo ${repoFlag}: no such folder`, { hint: 'create it with `postmortem init DIR`', exitCode: 2 });
    }
    const gitRoot = findGitRoot(root);
    return { root, isGit: gitRoot !== undefined };
  }
  const gitRoot = findGitRoot(cwd);
  return gitRoot === undefined ? { root: resolve(cwd), isGit: false } : { root: gitRoot, isGit: true };
}

/** For commands that write: stop outside a git repository. */
export function requireGitRepo(location: RepoLocation): void {
  if (!location.isGit) {
    throw new UserError(`${location.root} is not inside a git repository`, {
      hint: 'run `postmortem init` to create one, or pass --repo DIR',
    });
  }
}
