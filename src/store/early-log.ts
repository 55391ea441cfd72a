// `postmortem log <id>` waits mostly for `git log --follow`. main.ts starts that git before
// the CLI's bundle loads (~30 ms sooner), from this module, which loads nothing else; the
// bundle's streamLog then adopts the running process instead of starting its own. The two
// copies of this module (main.ts's and the bundle's) meet through a global.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where `log <id>` looks for the document first. */
export const DEFAULT_FOLDER = 'postmortems';

export const FIELD = '\x1f';
export const RECORD = '\x1e';

/** git's environment: the user's, with messages in English (so they can be recognised), never a prompt. */
export function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_TERMINAL_PROMPT: '0' };
}

export function startGit(cwd: string, args: string[], stdin: 'ignore' | 'pipe'): ChildProcess {
  return spawn('git', args, {
    cwd,
    env: gitEnv(),
    stdio: [stdin, 'pipe', 'pipe'],
    windowsHide: true,
  });
}

/** The folder holding `.git`, from `start` up; undefined outside a repository. */
export function findGitRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The arguments of the `git log` behind `log`, for a path from the repository's root. */
export function logArgs(path: string): string[] {
  return [
    '-c',
    'core.quotePath=false',
    'log',
    '--follow',
    '--no-color',
    '--raw',
    '--no-abbrev',
    `--format=${RECORD}%H${FIELD}%aI${FIELD}%an${FIELD}%ae${FIELD}%s`,
    '--',
    path,
  ];
}

/** The id of `log <id>` and `log <id> --json`, the forms whose git starts early. */
export function earlyLogId(args: readonly string[]): string | undefined {
  const [command, ...rest] = args;
  const ids = rest.filter((a) => a !== '--json');
  if (command !== 'log' || ids.length !== 1 || rest.length > 2) return undefined;
  const id = ids[0] as string;
  return guessedLogPath(id) === undefined ? undefined : id;
}

/** The file `log <id>` guesses first, from the repository's root; none for an odd id. */
export function guessedLogPath(id: string): string | undefined {
  return /^[a-z0-9][a-z0-9-]*$/.test(id) ? `${DEFAULT_FOLDER}/${id}.md` : undefined;
}

/** What a git process ended with; `spawnError` when it could not be started. */
export interface GitEnd {
  code: number;
  stderr: string;
  spawnError?: NodeJS.ErrnoException;
}

/** A git whose output is taken from its first byte, whoever reads it and whenever. */
export interface CollectedGit {
  /** stdout as text from the start: what came so far at once, then as it comes. */
  read(onChunk: (chunk: string) => void): void;
  /** Settles once the process has closed (after the last chunk); never rejects. */
  done: Promise<GitEnd>;
  kill(): void;
}

/** Starts git and holds its output until someone reads it: no event can be missed. */
export function collectGit(cwd: string, args: string[]): CollectedGit {
  const child = startGit(cwd, args, 'ignore');
  const held: string[] = [];
  let reader: ((chunk: string) => void) | undefined;
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => (reader ? reader(chunk) : held.push(chunk)));
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<GitEnd>((resolve) => {
    child.on('error', (spawnError) => resolve({ code: 1, stderr, spawnError }));
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
  return {
    read(onChunk) {
      for (const chunk of held.splice(0)) onChunk(chunk);
      reader = onChunk;
    },
    done,
    kill: () => child.kill(),
  };
}

interface EarlyLog {
  root: string;
  path: string;
  git: CollectedGit;
}

const KEY = Symbol.for('postmortem.earlyLog');
const slot = globalThis as typeof globalThis & { [KEY]?: EarlyLog };

/** Starts the git log of the document `id` names, for streamLog to adopt. */
export function startEarlyLog(cwd: string, id: string): void {
  const path = guessedLogPath(id);
  const root = path === undefined ? undefined : findGitRoot(cwd);
  if (root === undefined || path === undefined) return;
  slot[KEY] = { root, path, git: collectGit(root, logArgs(path)) };
}

/** The git log started early for this root and path, if there is one; taken once. */
export function adoptEarlyLog(root: string, path: string): CollectedGit | undefined {
  const early = slot[KEY];
  if (early === undefined || early.root !== root || early.path !== path) return undefined;
  delete slot[KEY];
  return early.git;
}

/** An early git log nobody adopted is stopped, so that it does not keep the process. */
export function abandonEarlyLog(): void {
  const early = slot[KEY];
  if (early === undefined) return;
  delete slot[KEY];
  early.git.kill();
}
