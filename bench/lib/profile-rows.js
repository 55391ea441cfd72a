// `--profile`: after the figures, the rows that missed their target (or the rows named) run
// once more under `node --cpu-prof`, every thread profiled, and the bench says where their
// time went (bench/lib/profile-summary.js). The profiles stay for a closer look in Chrome's
// DevTools or `node bench/tools/profile.js --dir <folder>`.
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { firstLine, runOnce } from './measure.js';
import { formatSummary, summarizeProfiles } from './profile-summary.js';
import { NODE, ROOT } from './tool.js';

/** Arguments of a run no measured run used (some rows make a new folder or commit a run). */
const PROFILE_RUN = 100_000;

/** 'missed', 'all', or a set of row ids. */
export function wantsProfile(which, row) {
  if (!row.subject) return false;
  if (which === 'all') return true;
  if (which === 'missed') return row.result === 'MISSED';
  return which.has(row.id);
}

export async function profileRows(rows, which, outDir, log) {
  if (which instanceof Set)
    for (const id of which)
      if (!rows.some((r) => r.id === id)) log(`bench: --profile: this run has no row "${id}"`);
  for (const row of rows.filter((r) => wantsProfile(which, r))) {
    const spec = row.subject;
    if (spec.command !== NODE) {
      row.profile = { skipped: 'not a Node process' };
      continue;
    }
    log(`- profile: ${row.label}`);
    const dir = join(outDir, row.id);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const args = typeof spec.args === 'function' ? spec.args(PROFILE_RUN) : spec.args;
    const flags = ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '500'];
    const run = await runOnce(NODE, [...flags, ...args], { ...spec, rss: false });
    if (!(spec.ok ?? [0]).includes(run.code)) {
      row.profile = { failed: `exit ${run.code}: ${firstLine(run.stderr)}` };
      continue;
    }
    const inProject = relative(ROOT, dir);
    row.profile = {
      dir: inProject.startsWith('..') ? dir : inProject,
      wall_ms: Number(run.ms.toFixed(1)),
      ...summarizeProfiles(dir, { top: 12 }),
    };
  }
}

/** The profiles as text, after the table. */
export function profileReport(rows) {
  return rows
    .filter((r) => r.profile)
    .flatMap((r) => {
      const head = `Where the time goes: ${r.label} (${r.result})`;
      if (r.profile.skipped || r.profile.failed)
        return ['', `${head}: no profile, ${r.profile.skipped ?? r.profile.failed}`];
      return [
        '',
        `${head}: one more run under --cpu-prof, ${(r.profile.wall_ms / 1000).toFixed(2)} s wall with the profiler on; profiles in ${r.profile.dir}/`,
        ...formatSummary(r.profile),
      ];
    });
}
