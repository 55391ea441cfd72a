// The build step that makes the code cache runs the commands itself. Started from a
// terminal, it must not stop at the interview's first question; and git variables the
// build inherits (a hook sets GIT_DIR) must not send its commits to another repository.
import pty from 'node-pty';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cacheOutcome } from '../helpers/code-cache.js';
import { makeTempDir, makeTempRepo } from '../helpers/repo.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts', 'warm-code-cache.js');

/** Runs the script in a pseudo-terminal; resolves with its exit code, or 'hung'. */
function runInTerminal(target: string, env: NodeJS.ProcessEnv): Promise<number | 'hung'> {
  const term = pty.spawn(process.execPath, [SCRIPT, target], {
    name: 'xterm-256color',
    cols: 120,
    rows: 40,
    cwd: ROOT,
    env,
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      term.kill();
      resolve('hung');
    }, 60_000);
    term.onExit(({ exitCode }) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
}

describe('warm-code-cache.js', () => {
  it('finishes in a terminal, leaves git variables alone, and writes caches V8 takes', async () => {
    const other = makeTempRepo({ 'README.md': 'another repository\n' });
    const commits = (): string => other.git('rev-list', '--count', 'HEAD').trim();
    const before = commits();
    const target = makeTempDir();
    const env = {
      ...process.env,
      GIT_DIR: join(other.root, '.git'),
      GIT_WORK_TREE: other.root,
    };
    expect(await runInTerminal(target, env)).toBe(0);
    for (const command of ['new', 'edit', 'show', 'init'])
      expect(cacheOutcome(join(ROOT, 'dist'), join(target, `postmortem.${command}.cache`))).toBe(
        'taken',
      );
    expect(commits()).toBe(before);
    expect(other.git('status', '--porcelain')).toBe('');
  }, 90_000);
});
