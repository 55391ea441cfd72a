// The two git processes behind `postmortem log`, streamed: `git log --follow --raw` read
// record by record, and a `git cat-file --batch` that is asked for each revision's blob
// while the log is still running.
import type { ChildProcess } from 'node:child_process';
import { adoptEarlyLog, collectGit, FIELD, logArgs, RECORD, startGit } from './early-log.js';
import { classifyGitFailure, firstLine, GitError } from './git-run.js';
import { parseBatchOutput, type FileRevision } from './git.js';

const NO_OBJECT = /^0+$/;

const startFailure = (error: NodeJS.ErrnoException): Error =>
  error.code === 'ENOENT' ? new GitError('missing', 'git is not installed or not on PATH') : error;

/** Resolves with the exit code and stderr once the process has closed. */
function closed(child: ChildProcess): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => reject(startFailure(error)));
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
}

/**
 * `git log --follow --raw` of `path`, newest first. `onRevision` is called as each record
 * is complete, with the blob the revision left at its path (undefined when the record
 * names none, as for a merge; null when the revision deleted the file).
 */
export async function streamLog(
  root: string,
  path: string,
  onRevision: (revision: FileRevision, blob: string | null | undefined) => void,
): Promise<{ code: number; stderr: string }> {
  // main.ts may have started it already, before the CLI loaded.
  const git = adoptEarlyLog(root, path) ?? collectGit(root, logArgs(path));
  let current: FileRevision | undefined;
  let named = false;
  let partial = '';
  const flush = (): void => {
    if (current !== undefined && !named) onRevision(current, undefined);
    current = undefined;
  };
  const onLine = (line: string): void => {
    if (line.startsWith(RECORD)) {
      flush();
      const [commit = '', date = '', author = '', email = '', subject = ''] = line
        .slice(1)
        .split(FIELD);
      current = { commit, date, author, email, subject, path };
      named = false;
    } else if (current !== undefined && !named && line.trim() !== '') {
      // ":100644 100644 <old> <new> M\tpath", "... R100\told\tnew": the name and blob then.
      const change = line.split('\t');
      const name = change.length >= 3 ? change[2] : change[1];
      const blob = change[0]?.split(' ')[3];
      current.path = name ?? path;
      named = true;
      onRevision(current, blob === undefined ? undefined : NO_OBJECT.test(blob) ? null : blob);
    }
  };
  git.read((chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  const { code, stderr, spawnError } = await git.done;
  if (spawnError !== undefined) throw startFailure(spawnError);
  if (partial !== '') onLine(partial);
  flush();
  return { code, stderr };
}

export interface BlobReader {
  /** Ask for an object (a blob id or `commit:path`); null asks for nothing, read as absent. */
  request(name: string | null): void;
  /** The contents asked for, in order; undefined for an object that does not exist. */
  finish(): Promise<(string | undefined)[]>;
  /** Stop without reading. */
  abandon(): void;
}

/** A `git cat-file --batch` that answers while more names are still being asked. */
export function startBlobReader(root: string): BlobReader {
  let child: ChildProcess | undefined;
  let done: Promise<{ code: number; stderr: string }> | undefined;
  const chunks: Buffer[] = [];
  // null: answered without asking git.
  const asked: (boolean | null)[] = [];
  const start = (): ChildProcess => {
    if (child) return child;
    child = startGit(root, ['-c', 'core.quotePath=false', 'cat-file', '--batch'], 'pipe');
    done = closed(child);
    child.stdin?.on('error', () => undefined);
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
    return child;
  };
  return {
    request(name) {
      if (name === null) {
        asked.push(null);
        return;
      }
      if (name.includes('\n'))
        throw new Error(`object name with a newline: ${JSON.stringify(name)}`);
      asked.push(true);
      start().stdin?.write(`${name}\n`);
    },
    async finish() {
      if (!child || !done) return asked.map(() => undefined);
      child.stdin?.end();
      const { code, stderr } = await done;
      if (code !== 0)
        throw new GitError(classifyGitFailure(stderr), firstLine(stderr), {
          code,
          stdout: '',
          stderr,
        });
      return parseBatch(Buffer.concat(chunks), asked);
    },
    abandon() {
      child?.stdin?.end();
      child?.kill();
      done?.catch(() => undefined);
    },
  };
}

/** The batch's answers in request order; a request never sent (null) has none. */
function parseBatch(out: Buffer, asked: readonly (boolean | null)[]): (string | undefined)[] {
  const sent = parseBatchOutput(out, asked.filter((ask) => ask !== null).length);
  let next = 0;
  return asked.map((ask) => (ask === null ? undefined : sent[next++]));
}
