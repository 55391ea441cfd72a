import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  changedSinceCommit,
  checkRevision,
  commitFiles,
  currentBranch,
  fileHistory,
  gitIdentity,
  readBlobs,
  resolveCommit,
} from '../../src/store/git.js';
import { git as runGitOk } from '../../src/store/git-run.js';
import { makeTempRepo } from '../helpers/repo.js';
import { EXAMPLE_ID, filesIn, isolateProcess, repoWithExample } from './fixture.js';

const DOC = `postmortems/${EXAMPLE_ID}.md`;

const failure = (p: Promise<unknown>): Promise<Error & { hint?: string }> =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as Error & { hint?: string },
  );

describe('commitFiles', () => {
  it('commits exactly the given file, leaving other staged and modified files as they were', async () => {
    const repo = repoWithExample({ 'notes.txt': 'one\n', 'other.txt': 'a\n' });
    repo.write('notes.txt', 'two\n');
    repo.git('add', 'notes.txt');
    repo.write('staged-new.txt', 'new\n');
    repo.git('add', 'staged-new.txt');
    repo.write('other.txt', 'b\n');
    repo.write(DOC, `${repo.git('show', `HEAD:${DOC}`)}\n`);
    const result = await commitFiles(repo.root, [DOC], 'postmortem(x): change');
    expect(result.committed).toBe(true);
    expect(result.commit).toMatch(/^[0-9a-f]{7,}$/);
    expect(repo.git('rev-parse', 'HEAD')).toContain(result.commit!);
    expect(filesIn(repo)).toEqual([DOC]);
    expect(repo.git('diff', '--cached', '--name-only').split('\n').filter(Boolean).sort()).toEqual([
      'notes.txt',
      'staged-new.txt',
    ]);
    expect(repo.git('diff', '--name-only').trim()).toBe('other.txt');
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe('postmortem(x): change');
  });

  it('adds a new file and commits only it, also as the first commit of a repo', async () => {
    const repo = makeTempRepo({}, {});
    isolateProcess(repo);
    repo.write('staged.txt', 'x\n');
    repo.git('add', 'staged.txt');
    repo.write('postmortems/a.md', 'a\n');
    const result = await commitFiles(repo.root, ['postmortems/a.md'], 'postmortem(a): create', {
      isNew: true,
    });
    expect(result.committed).toBe(true);
    expect(filesIn(repo)).toEqual(['postmortems/a.md']);
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('staged.txt');
  });

  it('adds an untracked file it was not told was new', async () => {
    const repo = repoWithExample();
    repo.write('postmortems/b.md', 'b\n');
    expect(
      (await commitFiles(repo.root, ['postmortems/b.md'], 'postmortem(b): create')).committed,
    ).toBe(true);
    expect(filesIn(repo)).toEqual(['postmortems/b.md']);
  });

  it('reports nothing committed when the file equals its committed version', async () => {
    const repo = repoWithExample();
    const head = repo.git('rev-parse', 'HEAD');
    expect(await commitFiles(repo.root, [DOC], 'postmortem(x): nothing')).toEqual({
      committed: false,
      commit: undefined,
    });
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);
  });

  it('keeps a message that looks like an option as the message', async () => {
    const repo = repoWithExample();
    repo.write(DOC, 'changed\n');
    await commitFiles(repo.root, [DOC], '--amend --upload-pack=touch /tmp/pwned');
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe(
      '--amend --upload-pack=touch /tmp/pwned',
    );
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('2');
  });

  it('waits for another process holding index.lock, then commits', async () => {
    const repo = repoWithExample();
    repo.write(DOC, 'changed\n');
    const lock = join(repo.root, '.git', 'index.lock');
    writeFileSync(lock, '');
    setTimeout(() => rmSync(lock), 150);
    const result = await commitFiles(repo.root, [DOC], 'postmortem(x): after the lock');
    expect(result.committed).toBe(true);
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe('postmortem(x): after the lock');
  });

  it('gives up on a stale index.lock with the command that removes it, keeping the file', async () => {
    const repo = repoWithExample();
    repo.write(DOC, 'changed\n');
    const lock = join(repo.root, '.git', 'index.lock');
    writeFileSync(lock, '');
    const error = await failure(commitFiles(repo.root, [DOC], 'postmortem(x): never'));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(
      /another git process is using the repository \(.*index\.lock exists\)/,
    );
    expect(error.hint).toContain(`rm ${lock}`);
    expect(existsSync(lock)).toBe(true);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
  });

  it('says who git does not know when there is no identity', async () => {
    const repo = makeTempRepo({ 'a.txt': 'a\n' }, { identity: false, commit: false });
    isolateProcess(repo);
    const error = await failure(commitFiles(repo.root, ['a.txt'], 'm', { isNew: true }));
    expect(error.message).toMatch(/git does not know who you are/);
    expect(error.hint).toMatch(/git config --global user.name/);
  });
});

describe('reading history', () => {
  it('lists a file’s commits newest first, following a rename, with the path in each', async () => {
    const repo = makeTempRepo({ 'postmortems/old-name.md': 'v1\n' });
    isolateProcess(repo);
    repo.write('postmortems/old-name.md', 'v2\n');
    repo.git('commit', '--quiet', '-am', 'second');
    repo.git('mv', 'postmortems/old-name.md', 'postmortems/new-name.md');
    repo.git('commit', '--quiet', '-m', 'rename');
    repo.write('unrelated.txt', 'u\n');
    repo.git('add', 'unrelated.txt');
    repo.git('commit', '--quiet', '-m', 'unrelated');
    const history = await fileHistory(repo.root, 'postmortems/new-name.md');
    expect(history.map((r) => [r.subject, r.path])).toEqual([
      ['rename', 'postmortems/new-name.md'],
      ['second', 'postmortems/old-name.md'],
      ['initial', 'postmortems/old-name.md'],
    ]);
    expect(history[0]).toMatchObject({ author: 'Test Author', email: 'author@example.com' });
    expect(history[0]!.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const blobs = await readBlobs(
      repo.root,
      history.map((r) => `${r.commit}:${r.path}`).concat('HEAD:missing.md'),
    );
    expect(blobs).toEqual(['v2\n', 'v2\n', 'v1\n', undefined]);
  });

  it('has no history for a file never committed, and none in a repo without commits', async () => {
    const repo = makeTempRepo({}, {});
    isolateProcess(repo);
    expect(await fileHistory(repo.root, 'postmortems/x.md')).toEqual([]);
    repo.write('a.txt', 'a');
    repo.git('add', 'a.txt');
    repo.git('commit', '-qm', 'a');
    expect(await fileHistory(repo.root, 'postmortems/x.md')).toEqual([]);
  });

  it('refuses revisions git could read as an option or that are not one token', async () => {
    for (const rev of [
      '-p',
      '--upload-pack=touch /tmp/x',
      '--output=/tmp/x',
      'HEAD:secret',
      'a b',
      '',
    ]) {
      expect(() => checkRevision(rev)).toThrow(/is not a revision postmortem accepts/);
    }
    const repo = repoWithExample();
    await expect(resolveCommit(repo.root, '--all')).rejects.toThrow(/not a revision/);
    await expect(resolveCommit(repo.root, 'no-such-branch')).rejects.toThrow(
      /unknown revision "no-such-branch"/,
    );
    expect(await resolveCommit(repo.root, 'HEAD')).toBe(repo.git('rev-parse', 'HEAD').trim());
  });
});

describe('small questions', () => {
  it('knows the branch, the identity and whether a file changed since its commit', async () => {
    const repo = repoWithExample();
    expect(currentBranch(repo.root)).toBe('main');
    expect(await gitIdentity(repo.root)).toBe('Test Author <author@example.com>');
    expect(await changedSinceCommit(repo.root, DOC)).toBe(false);
    repo.write(DOC, 'x\n');
    expect(await changedSinceCommit(repo.root, DOC)).toBe(true);
    repo.git('add', DOC);
    expect(await changedSinceCommit(repo.root, DOC)).toBe(true);
    repo.git('checkout', '--quiet', '--detach');
    expect(currentBranch(repo.root)).toBeUndefined();
  });

  it('finds the git folder of a worktree through its .git file', async () => {
    const repo = repoWithExample();
    const wt = join(repo.root, '..', 'wt');
    mkdirSync(wt);
    await runGitOk(repo.root, ['worktree', 'add', '--quiet', '-b', 'side', wt]);
    expect(currentBranch(wt)).toBe('side');
  });
});

describe('a workspace in a folder inside the repository (--repo DIR)', () => {
  it('finds the git folder from the top and commits paths relative to the folder', async () => {
    const repo = makeTempRepo({ 'ops/postmortems/a.md': 'a\n', 'staged.txt': 's\n' });
    isolateProcess(repo);
    repo.write('staged.txt', 't\n');
    repo.git('add', 'staged.txt');
    const sub = join(repo.root, 'ops');
    expect(currentBranch(sub)).toBe('main');
    const { lockPath } = await import('../../src/store/lock.js');
    expect(lockPath(sub)).toBe(join(repo.root, '.git', 'postmortem.lock'));
    writeFileSync(join(sub, 'postmortems/a.md'), 'b\n');
    expect((await commitFiles(sub, ['postmortems/a.md'], 'm')).committed).toBe(true);
    expect(filesIn(repo)).toEqual(['ops/postmortems/a.md']);
    expect(existsSync(join(sub, '.git'))).toBe(false);
  });
});
