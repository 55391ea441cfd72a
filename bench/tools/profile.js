#!/usr/bin/env node
// Where a command's time goes: runs it under `node --cpu-prof` (every thread: main, publish
// workers) and sums the profiles' self time by part (package, our module, collection, native
// calls) and by function; see bench/lib/profile-summary.js.
//
//   node bench/tools/profile.js [--top N] [--cwd DIR] [--bin FILE] -- <postmortem args...>
//   node bench/tools/profile.js --dir FOLDER     (the .cpuprofile files of one earlier run)
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary, summarizeProfiles } from '../lib/profile-summary.js';

const argv = process.argv.slice(2);
let top = 25;
let cwd = process.cwd();
let dir = null;
let bin = fileURLToPath(new URL('../../bin/postmortem.js', import.meta.url));
while (argv.length && argv[0] !== '--') {
  const a = argv.shift();
  if (a === '--top') top = Number(argv.shift());
  else if (a === '--cwd') cwd = argv.shift();
  else if (a === '--dir') dir = resolve(argv.shift());
  else if (a === '--bin') bin = resolve(argv.shift());
  else {
    process.stderr.write(`profile: unknown option ${a}\n`);
    process.exit(2);
  }
}
argv.shift();

if (!dir) {
  dir = mkdtempSync(join(tmpdir(), 'postmortem-prof-'));
  const started = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', bin, ...argv],
    { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`exit ${r.status} in ${ms.toFixed(0)} ms (wall, profiler on)\n`);
  if (r.status !== 0)
    process.stdout.write(`${r.stderr.toString().split('\n').slice(0, 3).join('\n')}\n`);
  process.stdout.write(`profiles: ${dir}\n`);
}
process.stdout.write(`${formatSummary(summarizeProfiles(dir, { top }), '').join('\n')}\n`);
