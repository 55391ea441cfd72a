#!/usr/bin/env node
// Which packages a command loads: runs `postmortem <args>` with NODE_DEBUG=module,esm and
// lists every node_modules package that appears, and our dist/ files. Lazy imports are
// the main lever on startup time: a command should load only what its first work needs.
//
//   node bench/tools/packages.js [--cwd DIR] [--bin FILE] -- <postmortem args...>
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
let cwd = process.cwd();
let bin = fileURLToPath(new URL('../../bin/postmortem.js', import.meta.url));
while (argv.length && argv[0] !== '--') {
  const a = argv.shift();
  if (a === '--cwd') cwd = argv.shift();
  else if (a === '--bin') bin = resolve(argv.shift());
}
argv.shift();
const r = spawnSync(process.execPath, [bin, ...argv], {
  cwd,
  env: { ...process.env, NODE_DEBUG: 'module,esm', NO_COLOR: '1' },
  stdio: ['ignore', 'ignore', 'pipe'],
  maxBuffer: 1 << 28,
});
const text = r.stderr.toString();
const packages = new Set(text.match(/node_modules\/(?:@[\w.-]+\/)?[\w.-]+/g) ?? []);
const dist = new Set(text.match(/dist\/[\w/.-]+\.js/g) ?? []);
process.stdout.write(`exit ${r.status}\n`);
process.stdout.write(
  `packages (${packages.size}): ${[...packages]
    .map((p) => p.slice(13))
    .sort()
    .join(' ')}\n`,
);
process.stdout.write(`dist files: ${dist.size}\n`);
