// Cheap checks that run before any question is asked, so nobody answers an interview
// only to be refused at the end. Each failure is one line with the fix.
import { UserError } from '../errors.js';
import { GitError, classifyGitFailure, gitUserError, runGit } from './git-run.js';
import { findGitRoot, operationInProgress } from './repo.js';

const FINISH: Record<string, string> = {
  merge: 'finish it with `git commit`, or abandon it with `git merge --abort`',
  rebase: 'finish it with `git rebase --continue`, or abandon it with `git rebase --abort`',
  'cherry-pick':
    'finish it with `git cherry-pick --continue`, or abandon it with `git cherry-pick --abort`',
  revert: 'finish it with `git revert --continue`, or abandon it with `git revert --abort`',
  bisect: 'end it with `git bisect reset`',
};

/**
 * Stop early, with the fix, when a commit would fail later: not a git repository, git
 * missing, a merge or rebase in progress, no user.name / user.email. With `commit: false`
 * (the repo's config turns commits off) only the repository itself is required.
 * `identity`: the answer of checkIdentity when it was asked already.
 */
export async function assertReadyToWrite(
  root: string,
  options: { commit?: boolean; identity?: Promise<void> } = {},
): Promise<void> {
  const gitRoot = findGitRoot(root);
  if (gitRoot === undefined) {
    throw new UserError(`${root} is not inside a git repository`, {
      hint: 'run `postmortem init` to create one, or pass --repo DIR',
    });
  }
  if (options.commit === false) return;
  const operation = operationInProgress(gitRoot);
  if (operation !== undefined) {
    throw new UserError(
      `a ${operation} is in progress in this repository: postmortem will not commit in the middle of it`,
      {
        hint: `${FINISH[operation] ?? 'finish it'}, then run the command again`,
      },
    );
  }
  await (options.identity ?? checkIdentity(root));
}

/**
 * Whether git can name the author of a commit made in `root`. `init` asks it of a new
 * folder while `git init` runs: a repository git has just made adds nobody to the user's
 * own config.
 */
export async function checkIdentity(root: string): Promise<void> {
  let result;
  try {
    result = await runGit(root, ['var', 'GIT_AUTHOR_IDENT']);
  } catch (error) {
    throw gitUserError(error, 'git is not usable');
  }
  if (result.code !== 0) {
    const kind = classifyGitFailure(result.stderr);
    if (kind === 'identity') {
      throw new UserError('git does not know who you are, so postmortem cannot commit', {
        hint: 'run `git config --global user.name "Your Name"` and `git config --global user.email you@example.com`',
      });
    }
    throw gitUserError(
      new GitError(kind, result.stderr.trim().split('\n').pop() ?? 'git failed', result),
      'git is not usable',
    );
  }
}
