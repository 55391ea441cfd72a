// Real temporary git repositories, built from an object literal of files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Environment for git and the CLI that ignores the developer's own git config. */
export function isolatedEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GIT_') && key !== 'NO_COLOR' && key !== 'FORCE_COLOR') env[key] = value;
  }
  return { ...env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', TZ: 'UTC', ...extra };
}

export interface TempRepo {
  root: string;
  home: string;
  env: NodeJS.ProcessEnv;
  git(...args: string[]): string;
  write(path: string, text: string): void;
}

export function makeTempDir(prefix = 'postmortem-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/**
 * A fresh repo with an identity, the given files committed (unless `commit: false`).
 * `git: false` makes a plain folder instead.
 */
export function makeTempRepo(
  files: Record<string, string> = {},
  options: { git?: boolean; commit?: boolean; identity?: boolean } = {},
): TempRepo {
  const base = makeTempDir();
  const root = join(base, 'repo');
  const home = join(base, 'home');
  mkdirSync(root);
  mkdirSync(home);
  const env = isolatedEnv(home);
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: root,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  if (options.git !== false) {
    git('init', '--quiet', '--initial-branch=main');
    if (options.identity !== false) {
      git('config', 'user.name', 'Test Author');
      git('config', 'user.email', 'author@example.com');
    }
    git('config', 'commit.gpgsign', 'false');
  }
  for (const [path, text] of Object.entries(files)) write(path, text);
  if (options.git !== false && options.commit !== false && Object.keys(files).length > 0) {
    git('add', '--all');
    git('commit', '--quiet', '--message=initial');
  }
  return { root, home, env, git, write };
}

/** Every file of a folder (not its subfolders) by name, sorted: a folder to compare whole. */
export function readFolder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = readFileSync(join(dir, name), 'utf8');
  return out;
}
