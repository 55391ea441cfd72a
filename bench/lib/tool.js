// How the bench runs the built CLI and the bare yardsticks.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'postmortem.js');
export const NODE = process.execPath;

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
