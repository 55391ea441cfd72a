import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertReadyToWrite } from '../../src/store/preflight.js';
import { makeTempDir, makeTempRepo } from '../helpers/repo.js';
import { isolateProcess } from './fixture.js';

const failure = (p: Promise<unknown>): Promise<Error & { hint?: string }> =>
  p.then(
    () => {
      throw new Error('expected the check to fail');
    },
    (e: unknown) => e as Error & { hint?: string },
  );

describe('assertReadyToWrite', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('passes in a repo with an identity', async () => {
    const repo = makeTempRepo({ 'a.txt': 'a' });
    isolateProcess(repo);
    await expect(assertReadyToWrite(repo.root)).resolves.toBeUndefined();
  });

  it('stops outside a git repository and suggests init', async () => {
    const dir = makeTempDir();
    const error = await failure(assertReadyToWrite(dir));
    expect(error.message).toBe(`${dir} is not inside a git repository`);
    expect(error.hint).toMatch(/postmortem init/);
  });

  it('stops without an identity, naming both settings', async () => {
    const repo = makeTempRepo({ 'a.txt': 'a' }, { identity: false, commit: false });
    isolateProcess(repo);
    const error = await failure(assertReadyToWrite(repo.root));
    expect(error.message).toBe('git does not know who you are, so postmortem cannot commit');
    expect(error.hint).toMatch(/user\.name.*user\.email/);
    await expect(assertReadyToWrite(repo.root, { commit: false })).resolves.toBeUndefined();
  });

  it('stops during a merge, with how to finish or abort it', async () => {
    const repo = makeTempRepo({ 'a.txt': 'base\n' });
    isolateProcess(repo);
    repo.git('switch', '-q', '-c', 'side');
    repo.write('a.txt', 'side\n');
    repo.git('commit', '-qam', 'side');
    repo.git('switch', '-q', 'main');
    repo.write('a.txt', 'main\n');
    repo.git('commit', '-qam', 'main');
    expect(() => repo.git('merge', 'side')).toThrow();
    const error = await failure(assertReadyToWrite(repo.root));
    expect(error.message).toBe(
      'a merge is in progress in this repository: postmortem will not commit in the middle of it',
    );
    expect(error.hint).toMatch(/git merge --abort/);
  });

  it('stops during a rebase', async () => {
    const repo = makeTempRepo({ 'a.txt': 'base\n' });
    isolateProcess(repo);
    repo.git('switch', '-q', '-c', 'side');
    repo.write('a.txt', 'side\n');
    repo.git('commit', '-qam', 'side');
    repo.git('switch', '-q', 'main');
    repo.write('a.txt', 'main\n');
    repo.git('commit', '-qam', 'main');
    expect(() => repo.git('rebase', 'side')).toThrow();
    const error = await failure(assertReadyToWrite(repo.root));
    expect(error.message).toMatch(/^a rebase is in progress/);
    expect(error.hint).toMatch(/git rebase --abort/);
  });

  it('says when git is not installed', async () => {
    const repo = makeTempRepo({ 'a.txt': 'a' });
    isolateProcess(repo);
    const empty = join(makeTempDir(), 'bin');
    mkdirSync(empty);
    process.env.PATH = empty;
    const error = await failure(assertReadyToWrite(repo.root));
    expect(error.message).toBe('git is not installed or not on PATH');
    expect(error.hint).toMatch(/install git/);
  });
});
