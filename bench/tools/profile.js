#!/usr/bin/env node
// Where a command's time goes: runs it under `node --cpu-prof` and sums the profile's self
// time by package (node_modules/<name>), by our own dist/ file, and by function.
//
//   node bench/tools/profile.js [--top N] [--cwd DIR] -- <postmortem args...>
//   node bench/tools/profile.js --file some.cpuprofile
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
let top = 25;
let cwd = process.cwd();
let file = null;
let bin = fileURLToPath(new URL('../../bin/postmortem.js', import.meta.url));
while (argv.length && argv[0] !== '--') {
  const a = argv.shift();
  if (a === '--top') top = Number(argv.shift());
  else if (a === '--cwd') cwd = argv.shift();
  else if (a === '--file') file = argv.shift();
  else if (a === '--bin') bin = resolve(argv.shift());
}
argv.shift();

if (!file) {
  const dir = mkdtempSync(join(tmpdir(), 'postmortem-prof-'));
  const started = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', bin, ...argv],
    {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`exit ${r.status} in ${ms.toFixed(0)} ms (wall, profiler on)\n`);
  if (r.status !== 0)
    process.stdout.write(`${r.stderr.toString().split('\n').slice(0, 3).join('\n')}\n`);
  file = join(
    dir,
    readdirSync(dir).find((n) => n.endsWith('.cpuprofile')),
  );
  process.stdout.write(`profile: ${file}\n`);
}

const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const deltas = profile.timeDeltas;
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0) / 1000));
const total = [...self.values()].reduce((a, b) => a + b, 0);

function where(url) {
  if (!url) return '(native / idle / gc)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `pkg ${pkg[1]}`;
  const dist = /\/dist\/(.*)$/.exec(url);
  if (dist) return `dist/${dist[1]}`;
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\//, '');
}

const groups = new Map();
const fns = new Map();
for (const [id, ms] of self) {
  const node = byId.get(id);
  const { url, functionName, lineNumber } = node.callFrame;
  const g = where(url);
  groups.set(g, (groups.get(g) ?? 0) + ms);
  const f = `${functionName || '(anonymous)'} ${g}:${lineNumber + 1}`;
  fns.set(f, (fns.get(f) ?? 0) + ms);
}
const print = (title, map) => {
  process.stdout.write(`\n${title} (self time, of ${total.toFixed(0)} ms sampled)\n`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(
      `${v.toFixed(1).padStart(9)} ms  ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}\n`,
    );
  }
};
print('by package / file', groups);
print('by function', fns);
