import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  abandonEarlyLog,
  adoptEarlyLog,
  collectGit,
  startEarlyLog,
} from '../../src/store/early-log.js';
import { fileHistory, readBlobs } from '../../src/store/git.js';
import { documentHistory, statusOf } from '../../src/store/history.js';
import { makeTempRepo, type TempRepo } from '../helpers/repo.js';

const doc = (status: string, body = 'Body.'): string =>
  `---\nid: x\nstatus: ${status}\n---\n\n${body}\n`;

/** The history as it was read before streaming: the log, then every `commit:path` at once. */
async function slowHistory(root: string, path: string): Promise<(string | null)[]> {
  const revisions = await fileHistory(root, path);
  const texts = await readBlobs(
    root,
    revisions.map((r) => `${r.commit}:${r.path}`),
  );
  return texts.map((t) => (t === undefined ? null : statusOf(t)));
}

/** Renamed, edited on a branch and merged, deleted and brought back. */
function busyRepo(): TempRepo {
  const repo = makeTempRepo({ 'postmortems/a.md': doc('draft'), 'README.md': 'x\n' });
  repo.write('postmortems/a.md', doc('review'));
  repo.git('commit', '--quiet', '-am', 'to review');
  repo.git('switch', '--quiet', '-c', 'side');
  repo.write('postmortems/a.md', doc('review', 'Side body.'));
  repo.git('commit', '--quiet', '-am', 'side edit');
  repo.git('switch', '--quiet', 'main');
  repo.write('README.md', 'y\n');
  repo.git('commit', '--quiet', '-am', 'readme');
  repo.git('merge', '--quiet', '--no-ff', '-m', 'merge side', 'side');
  repo.git('mv', 'postmortems/a.md', 'postmortems/b.md');
  repo.write('postmortems/b.md', doc('approved', 'Side body.'));
  repo.git('commit', '--quiet', '-am', 'rename and approve');
  repo.git('rm', '--quiet', 'postmortems/b.md');
  repo.git('commit', '--quiet', '-m', 'delete');
  repo.write('postmortems/b.md', doc('published', 'Side body.'));
  repo.git('add', 'postmortems/b.md');
  repo.git('commit', '--quiet', '-m', 'restore');
  return repo;
}

describe('documentHistory', () => {
  it('reads the same names and statuses as the log-then-cat-file reading', async () => {
    const repo = busyRepo();
    const history = await documentHistory(repo.root, 'postmortems/b.md');
    const revisions = await fileHistory(repo.root, 'postmortems/b.md');
    expect(history.map((h) => [h.commit, h.path, h.subject])).toEqual(
      revisions.map((r) => [r.commit, r.path, r.subject]),
    );
    expect(history.map((h) => h.status)).toEqual(await slowHistory(repo.root, 'postmortems/b.md'));
    expect(history.map((h) => h.subject)).toContain('delete');
    expect(history.find((h) => h.subject === 'delete')?.statusChange).toEqual({
      from: 'approved',
      to: null,
    });
    expect(history.find((h) => h.subject === 'rename and approve')?.path).toBe('postmortems/b.md');
    expect(history.find((h) => h.subject === 'to review')?.path).toBe('postmortems/a.md');
  });

  it('is empty for a file with no commits and for a repository with none', async () => {
    const repo = makeTempRepo({ 'README.md': 'x\n' });
    expect(await documentHistory(repo.root, 'postmortems/none.md')).toEqual([]);
    const empty = makeTempRepo({});
    expect(await documentHistory(empty.root, 'postmortems/none.md')).toEqual([]);
  });

  it('reports a folder that is not a repository as a user error', async () => {
    const plain = makeTempRepo({ 'a.md': 'x' }, { git: false });
    await expect(documentHistory(plain.root, 'a.md')).rejects.toThrow(/could not read the history/);
  });
});

describe('the statuses remembered by blob id', () => {
  const cacheFile = (repo: TempRepo): string =>
    join(repo.root, '.git', 'postmortem', 'status-cache.json');
  const read = (repo: TempRepo): { build: string; statuses: Record<string, string | null> } =>
    JSON.parse(readFileSync(cacheFile(repo), 'utf8')) as {
      build: string;
      statuses: Record<string, string | null>;
    };

  it('a second reading gives the same history, and takes each status from the cache', async () => {
    const repo = busyRepo();
    const first = await documentHistory(repo.root, 'postmortems/b.md');
    const cache = read(repo);
    const blob = repo.git('rev-parse', 'HEAD:postmortems/b.md').trim();
    expect(cache.statuses[blob]).toBe('published');
    expect(await documentHistory(repo.root, 'postmortems/b.md')).toEqual(first);
    // Proof that the cache is read: a status only it knows shows up.
    writeFileSync(
      cacheFile(repo),
      JSON.stringify({ ...cache, statuses: { ...cache.statuses, [blob]: 'remembered' } }),
    );
    const again = await documentHistory(repo.root, 'postmortems/b.md');
    expect(again[0]?.status).toBe('remembered');
  });

  it('a cache of another build, or one that cannot be read, is read as empty', async () => {
    const repo = busyRepo();
    const truth = await documentHistory(repo.root, 'postmortems/b.md');
    const blob = repo.git('rev-parse', 'HEAD:postmortems/b.md').trim();
    const cache = read(repo);
    for (const text of [
      JSON.stringify({ build: 'another', statuses: { [blob]: 'stale' } }),
      JSON.stringify({ ...cache, statuses: [] }),
      JSON.stringify({ ...cache, statuses: { [blob]: 42 } }),
      '{"build":',
    ]) {
      writeFileSync(cacheFile(repo), text);
      expect(await documentHistory(repo.root, 'postmortems/b.md'), text).toEqual(truth);
    }
    expect(read(repo).statuses[blob]).toBe('published');
  });
});

describe('the git log started before the CLI loads (early-log.ts)', () => {
  it('gives the same history when adopted long after git has finished', async () => {
    const repo = busyRepo();
    const expected = await documentHistory(repo.root, 'postmortems/b.md');
    startEarlyLog(repo.root, 'b');
    // Long enough for git to exit and every stream to close before anyone reads.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await documentHistory(repo.root, 'postmortems/b.md')).toEqual(expected);
    // Taken once: the next reading starts its own git.
    expect(adoptEarlyLog(repo.root, 'postmortems/b.md')).toBeUndefined();
  });

  it('is adopted only for its own repository and path, and stopped when nobody takes it', async () => {
    const repo = busyRepo();
    startEarlyLog(repo.root, 'b');
    expect(adoptEarlyLog(repo.root, 'postmortems/a.md')).toBeUndefined();
    expect(adoptEarlyLog(join(repo.root, 'postmortems'), 'postmortems/b.md')).toBeUndefined();
    const early = adoptEarlyLog(repo.root, 'postmortems/b.md');
    expect(early).toBeDefined();
    let text = '';
    early?.read((chunk) => (text += chunk));
    expect((await early?.done)?.code).toBe(0);
    expect(text).toContain('rename and approve');

    startEarlyLog(repo.root, 'b');
    abandonEarlyLog();
    expect(adoptEarlyLog(repo.root, 'postmortems/b.md')).toBeUndefined();
  });

  it('reports a git that cannot start instead of failing the process', async () => {
    const repo = busyRepo();
    const git = collectGit(join(repo.root, 'no-such-folder'), ['log']);
    const end = await git.done;
    expect(end.spawnError?.code).toBe('ENOENT');
  });
});
