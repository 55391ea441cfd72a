// How the bench runs the built CLI and the bare yardsticks.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { WORK } from './repos.js';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NODE = process.execPath;

/**
 * The built tool is copied once per run into this run's work folder (bin, dist, templates,
 * schema, package.json, and a link to node_modules, since BENCH_OUT may lie outside the
 * project), so a rebuild of dist/ by someone else during a long run cannot break or change
 * the figures half way.
 */
export const APP = join(WORK, 'app');
export const BIN = join(APP, 'bin', 'postmortem.js');

export function snapshotApp() {
  rmSync(APP, { recursive: true, force: true });
  mkdirSync(APP, { recursive: true });
  for (const part of ['bin', 'dist', 'templates', 'schema', 'package.json']) {
    if (existsSync(join(ROOT, part)))
      cpSync(join(ROOT, part), join(APP, part), { recursive: true });
  }
  if (existsSync(join(ROOT, 'node_modules')))
    symlinkSync(join(ROOT, 'node_modules'), join(APP, 'node_modules'), 'dir');
  return execFileSync(NODE, [BIN, '--version'], { encoding: 'utf8' }).trim();
}

/** The caller's environment without GIT_* and POSTMORTEM_* variables, colour off. */
function toolEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('GIT_') && !k.startsWith('POSTMORTEM_')) env[k] = v;
  }
  return { ...env, NO_COLOR: '1' };
}
export const ENV = toolEnv();

export const HAS_HUGO = (() => {
  try {
    execFileSync('hugo', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** `postmortem <args>` as a process spec; args may be a function of the run index. */
export function cli(args, cwd, extra = {}) {
  return {
    command: NODE,
    args: typeof args === 'function' ? (i) => [BIN, ...args(i)] : [BIN, ...args],
    cwd,
    env: ENV,
    ...extra,
  };
}

export const bareNode = { label: 'node -e 0', command: NODE, args: ['-e', '0'], env: ENV };

export const fmtN = (n) => n.toLocaleString('en-US');
