// The git questions and actions postmortem needs, one small function each. User text
// never reaches git in an option or ref position: paths come after `--`, messages travel
// as one `--message=` argument, revisions are checked and passed after --end-of-options.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { INDEX_LOCK_WAITS_MS, git, gitBytes, gitUserError, runGit, GitError } from './git-run.js';
import { gitDirOf } from './repo.js';

export interface CommitResult {
  committed: boolean;
  /** The new commit, when one was made. */
  commit: string | undefined;
}

const NOT_TRACKED = /did not match any file\(s\) known to git/;
const NOTHING_TO_COMMIT = /nothing to commit|no changes added to commit|nothing added to commit/;

/**
 * Commit exactly `paths` (relative to root) as they are in the working tree, whatever
 * else is staged or modified: `git commit --only`, which leaves the rest of the index
 * as it was. New files are added first (a partial commit only takes tracked paths).
 */
export async function commitFiles(
  root: string,
  paths: string[],
  message: string,
  options: { isNew?: boolean } = {},
): Promise<CommitResult> {
  // Not --quiet: the summary line names the new commit, which saves a rev-parse.
  const commit = ['commit', '--no-edit', `--message=${message}`, '--only', '--', ...paths];
  try {
    if (options.isNew === true) await git(root, ['add', '--', ...paths]);
    let stdout: string;
    try {
      stdout = await git(root, commit);
    } catch (error) {
      const stderr =
        error instanceof GitError
          ? (error.result?.stderr ?? '') + (error.result?.stdout ?? '')
          : '';
      if (NOTHING_TO_COMMIT.test(stderr)) return { committed: false, commit: undefined };
      if (!NOT_TRACKED.test(stderr)) throw error;
      await git(root, ['add', '--', ...paths]);
      stdout = await git(root, commit);
    }
    // "[main (root-commit) 1a2b3c4] subject"
    return { committed: true, commit: /^\[[^\n]*?([0-9a-f]{7,64})\]/.exec(stdout)?.[1] };
  } catch (error) {
    throw gitUserError(
      error,
      'saved, but git could not commit it',
      'the file was saved; commit it yourself once git is fixed',
    );
  }
}

/**
 * Wait (bounded) while another git process holds index.lock, so a command fails before
 * it writes anything rather than after, leaving a saved but uncommitted file.
 */
export async function waitForIndexLock(root: string, doing: string): Promise<void> {
  const lock = join(gitDirOf(root), 'index.lock');
  for (const wait of [...INDEX_LOCK_WAITS_MS, undefined]) {
    if (!existsSync(lock)) return;
    if (wait === undefined) break;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const stderr = `fatal: Unable to create '${lock}': File exists.`;
  throw gitUserError(new GitError('locked', stderr, { code: 128, stdout: '', stderr }), doing);
}

/** The branch HEAD points at (also before the first commit), or undefined when detached. */
export function currentBranch(root: string): string | undefined {
  try {
    const head = readFileSync(join(gitDirOf(root), 'HEAD'), 'utf8');
    const m = /^ref: refs\/heads\/(.+?)\s*$/.exec(head);
    return m?.[1];
  } catch {
    return undefined;
  }
}

export async function branchExists(root: string, branch: string): Promise<boolean> {
  const result = await runGit(root, ['show-ref', '--verify', '--quiet', `refs/heads/${branch}`]);
  return result.code === 0;
}

/** Create `branch` at HEAD and switch to it, carrying the working tree over untouched. */
export async function createBranchHere(root: string, branch: string): Promise<void> {
  try {
    await git(root, ['switch', '--quiet', '--create', branch]);
  } catch (error) {
    throw gitUserError(error, `could not create the branch ${branch}`);
  }
}

/** Does the file differ from its committed version (staged or not)? A new repo: no. */
export async function changedSinceCommit(root: string, path: string): Promise<boolean> {
  const result = await runGit(root, ['diff', '--quiet', 'HEAD', '--', path]);
  return result.code === 1;
}

/** "Name <email>" as git would record the author, or undefined when git does not know. */
export async function gitIdentity(root: string): Promise<string | undefined> {
  const result = await runGit(root, ['var', 'GIT_AUTHOR_IDENT']);
  if (result.code !== 0) return undefined;
  const m = /^(.*<[^>]*>)/.exec(result.stdout.trim());
  return m?.[1]?.trim();
}

/**
 * A revision as the user typed it, refused when git could read it as an option or it is
 * not a single plain token.
 */
export function checkRevision(rev: string): string {
  if (rev === '' || rev.startsWith('-') || /[\s\0:]/.test(rev) || rev.length > 200) {
    throw new UsageError(
      `"${rev}" is not a revision postmortem accepts`,
      'give a commit, branch or tag such as HEAD~1, main or a1b2c3d',
    );
  }
  return rev;
}

/** The commit a revision names. */
export async function resolveCommit(root: string, rev: string): Promise<string> {
  checkRevision(rev);
  const result = await runGit(root, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${rev}^{commit}`,
  ]);
  if (result.code !== 0) {
    if (result.code !== 1)
      throw gitUserError(
        new GitError('other', result.stderr.trim()),
        `could not read revision ${rev}`,
      );
    throw new UsageError(
      `unknown revision "${rev}"`,
      'see the revisions of the post-mortem with `postmortem log <id>`',
    );
  }
  return result.stdout.trim();
}

/**
 * The contents of several `commit:path` objects in one git process; undefined for an
 * object that does not exist.
 */
export async function readBlobs(root: string, specs: string[]): Promise<(string | undefined)[]> {
  if (specs.length === 0) return [];
  for (const spec of specs)
    if (spec.includes('\n')) throw new Error(`object name with a newline: ${JSON.stringify(spec)}`);
  let out: Buffer;
  try {
    out = await gitBytes(
      root,
      ['-c', 'core.quotePath=false', 'cat-file', '--batch'],
      specs.map((s) => `${s}\n`).join(''),
    );
  } catch (error) {
    throw gitUserError(error, 'could not read the history');
  }
  return parseBatchOutput(out, specs.length);
}

/**
 * `cat-file --batch` output, "<id> blob <size>\n<bytes>\n" or "<name> missing\n" for
 * each of `count` requests: the blobs' text, undefined for a missing object or a non-blob.
 */
export function parseBatchOutput(out: Buffer, count: number): (string | undefined)[] {
  const results: (string | undefined)[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const end = out.indexOf(10, offset);
    const header = out.subarray(offset, end).toString('utf8');
    offset = end + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      results.push(undefined);
      continue;
    }
    const size = Number(m[2]);
    results.push(
      m[1] === 'blob' ? out.subarray(offset, offset + size).toString('utf8') : undefined,
    );
    offset += size + 1;
  }
  return results;
}

export interface FileRevision {
  commit: string;
  /** Author date, ISO 8601 with the author's offset. */
  date: string;
  author: string;
  email: string;
  subject: string;
  /** The file's path in this revision (it may have been renamed since). */
  path: string;
}

const FIELD = '\x1f';
const RECORD = '\x1e';

/** The commits that touched a file, newest first, following renames. */
export async function fileHistory(root: string, path: string): Promise<FileRevision[]> {
  let stdout: string;
  try {
    stdout = await git(root, [
      '-c',
      'core.quotePath=false',
      'log',
      '--follow',
      '--no-color',
      '--name-status',
      `--format=${RECORD}%H${FIELD}%aI${FIELD}%an${FIELD}%ae${FIELD}%s`,
      '--',
      path,
    ]);
  } catch (error) {
    if (
      error instanceof GitError &&
      /does not have any commits yet|bad default revision/.test(error.result?.stderr ?? '')
    )
      return [];
    throw gitUserError(error, 'could not read the history');
  }
  const revisions: FileRevision[] = [];
  for (const record of stdout.split(RECORD).slice(1)) {
    const [head = '', ...rest] = record.split('\n');
    const [commit = '', date = '', author = '', email = '', subject = ''] = head.split(FIELD);
    const change = rest.find((l) => l.trim() !== '')?.split('\t') ?? [];
    // "M\tpath", "A\tpath", "D\tpath", "R100\told\tnew": the file's name in this commit.
    const name = change.length >= 3 ? change[2] : change[1];
    revisions.push({ commit, date, author, email, subject, path: name ?? path });
  }
  return revisions;
}
