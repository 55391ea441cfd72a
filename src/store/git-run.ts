// Running git. Through child_process.execFile rather than simple-git: simple-git waits
// 50 ms after every command that prints nothing (`commit --quiet`, `add`) and its import
// costs ~20 ms more, which together doubled the wall time of a one-line `update`.
// Arguments are an array (no shell); callers put user text only after `--` or as the
// value of a `--flag=value` argument, never where git would read an option.
import { execFile } from 'node:child_process';
import { UserError } from '../errors.js';
import { gitEnv } from './early-log.js';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type GitFailureKind = 'missing' | 'locked' | 'identity' | 'dubious' | 'not-repo' | 'other';

/** A git command that failed, with what kind of failure it was. */
export class GitError extends Error {
  readonly kind: GitFailureKind;
  readonly result: GitResult | undefined;

  constructor(kind: GitFailureKind, message: string, result?: GitResult) {
    super(message);
    this.name = 'GitError';
    this.kind = kind;
    this.result = result;
  }
}

export function classifyGitFailure(stderr: string): GitFailureKind {
  if (/index\.lock': File exists|Unable to create '[^']*\.lock'/.test(stderr)) return 'locked';
  if (
    /Author identity unknown|Committer identity unknown|unable to auto-detect email address|empty ident name/.test(
      stderr,
    )
  )
    return 'identity';
  if (/detected dubious ownership/.test(stderr)) return 'dubious';
  if (/not a git repository/.test(stderr)) return 'not-repo';
  return 'other';
}

/**
 * After a commit git starts `git maintenance run --auto` and waits for it: a second
 * process on every `update` (~2 ms), and now and then an automatic gc while the user
 * waits. The user's own git commands still run it.
 */
const NO_AUTO_MAINTENANCE = ['-c', 'maintenance.auto=false', '-c', 'gc.auto=0'];

/**
 * Run git in `cwd`; resolves with the exit code whatever it is (callers decide what a
 * non-zero code means), rejects only when git cannot be started.
 */
export function runGit(
  cwd: string,
  args: string[],
  options: { input?: string } = {},
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args[0] === 'commit' ? [...NO_AUTO_MAINTENANCE, ...args] : args,
      { cwd, env: gitEnv(), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new GitError('missing', 'git is not installed or not on PATH'));
          return;
        }
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** Run git for its raw output bytes (file contents); rejects with a GitError on failure. */
export function gitBytes(cwd: string, args: string[], input: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd, env: gitEnv(), encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) resolve(stdout);
        else if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          reject(new GitError('missing', 'git is not installed or not on PATH'));
        else {
          const text = stderr.toString('utf8');
          reject(
            new GitError(classifyGitFailure(text), firstLine(text), {
              code: 1,
              stdout: '',
              stderr: text,
            }),
          );
        }
      },
    );
    child.stdin?.end(input);
  });
}

/** The first meaningful line of git's complaint, for a one-line message. */
export function firstLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('***') && !l.startsWith('hint:'));
  return (
    lines.find((l) => l.startsWith('fatal:') || l.startsWith('error:')) ?? lines[0] ?? 'git failed'
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How long to keep retrying while another process holds index.lock. */
export const INDEX_LOCK_WAITS_MS = [20, 40, 80, 160, 320, 640, 1000];

/**
 * Run git and require success. While another git process holds index.lock, wait and
 * retry a bounded number of times, then fail with the way out.
 */
export async function git(
  cwd: string,
  args: string[],
  options: { input?: string } = {},
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const result = await runGit(cwd, args, options);
    if (result.code === 0) return result.stdout;
    const kind = classifyGitFailure(result.stderr);
    const wait = INDEX_LOCK_WAITS_MS[attempt];
    if (kind === 'locked' && wait !== undefined) {
      await sleep(wait);
      continue;
    }
    throw new GitError(kind, firstLine(result.stderr), result);
  }
}

/** A failure of git as the one-line message and fix the user sees. */
export function gitUserError(error: unknown, doing: string, hint?: string): Error {
  if (!(error instanceof GitError)) return error as Error;
  switch (error.kind) {
    case 'missing':
      return new UserError('git is not installed or not on PATH', {
        hint: 'install git, then run the command again',
      });
    case 'locked': {
      const lock =
        /Unable to create '([^']*)'/.exec(error.result?.stderr ?? '')?.[1] ?? '.git/index.lock';
      return new UserError(
        `${doing}: another git process is using the repository (${lock} exists)`,
        {
          hint: `wait for it to finish and run the command again; if no git command is running, the lock is stale: remove it with \`rm ${lock}\``,
        },
      );
    }
    case 'identity':
      return new UserError(`${doing}: git does not know who you are`, {
        hint: 'run `git config --global user.name "Your Name"` and `git config --global user.email you@example.com`',
      });
    case 'dubious':
      return new UserError(`${doing}: git refuses this repository because another user owns it`, {
        hint: 'if you trust it, run `git config --global --add safe.directory <repo path>`',
      });
    case 'not-repo':
      return new UserError(`${doing}: not inside a git repository`, {
        hint: 'run `postmortem init` to create one, or pass --repo DIR',
      });
    default:
      return new UserError(`${doing}: ${error.message}`, hint === undefined ? {} : { hint });
  }
}
