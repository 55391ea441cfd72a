// Cheap checks that run before any question is asked, so nobody answers an interview
// only to be refused at the end.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UserError } from '../errors.js';

const run = promisify(execFile);

async function gitConfig(root: string, key: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['config', '--get', key], { cwd: root });
    return stdout.trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError('git is not installed or not on PATH', { hint: 'install git, then run the command again' });
    }
    return '';
  }
}

/** Stop early, with the fix, when a commit would fail later. */
export async function assertReadyToWrite(root: string): Promise<void> {
  const name = await gitConfig(root, 'user.name');
  const email = await gitConfig(root, 'user.email');
  if (name === '' || email === '') {
    throw new UserError('git does not know who you are, so postmortem cannot commit', {
      hint: 'run `git config --global user.name "Your Name"` and `git config --global user.email you@example.com`',
    });
  }
}
