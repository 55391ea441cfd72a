// Git through simple-git. User text never reaches git in an option or ref position:
// paths come after `--`, messages travel as one `--message=` argument.
import { simpleGit, type SimpleGit } from 'simple-git';
import { UserError } from '../errors.js';

export function gitFor(root: string): SimpleGit {
  return simpleGit({ baseDir: root, maxConcurrentProcesses: 1, trimmed: false });
}

/** Stage and commit exactly `paths` (relative to root), whatever else is staged. */
export async function commitFiles(root: string, paths: string[], message: string): Promise<void> {
  const git = gitFor(root);
  try {
    await git.raw(['add', '--', ...paths]);
    await git.raw(['commit', '--quiet', '--no-verify', `--message=${message}`, '--only', '--', ...paths]);
  } catch (error) {
    throw new UserError(`git commit failed: ${(error as Error).message.trim().split('\n')[0] ?? ''}`, {
      hint: 'the file was saved; commit it yourself once git is fixed',
    });
  }
}
