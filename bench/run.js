#!/usr/bin/env node
// `npm run bench`: whole-process timings of the built CLI on generated repositories,
// each judged as a ratio against a yardstick measured side by side in the same run.
//
//   node bench/run.js            1,000 and 10,000 documents
//   node bench/run.js --quick    1,000 only (the 10,000 rows are reported as skipped)
//   node bench/run.js --smoke    20 documents, one run each, no target judged
//   --json [FILE]                also write the figures (default bench/out/results.json)
//   --runs N                     override the number of measured runs of every row
//   --only GROUPS                only these groups of rows, comma-separated: startup, update,
//                                log, render, publish (the figures of a partial run)
//   --profile [ROWS]             then where the time goes: the rows that missed their target
//                                (or ROWS: "all" or row ids, comma-separated) run once more
//                                under --cpu-prof; profiles in bench/out/profiles/<row id>/
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startupRows, updateRow, logRow, renderRow } from './lib/command-rows.js';
import { HAS_GNU_TIME } from './lib/measure.js';
import { largeRows, publishRows, skippedLargeRows } from './lib/publish-rows.js';
import { GENERATOR_VERSION, OUT, WORK, documentRepo, historyRepo } from './lib/repos.js';
import { machineInfo, table } from './lib/report.js';
import { profileReport, profileRows } from './lib/profile-rows.js';
import { createRecorder, rowsForJson } from './lib/rows.js';
import { HAS_HUGO, ROOT, fmtN, snapshotApp } from './lib/tool.js';

const GROUPS = ['startup', 'update', 'log', 'render', 'publish'];

function parseArgs(argv) {
  const options = { mode: 'full', json: null, runs: null, only: null, profile: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') options.mode = 'quick';
    else if (a === '--smoke') options.mode = 'smoke';
    else if (a === '--json') {
      const next = argv[i + 1];
      options.json = next && !next.startsWith('--') ? argv[++i] : join(OUT, 'results.json');
    } else if (a === '--runs') options.runs = Number(argv[++i]);
    else if (a === '--profile') {
      const next = argv[i + 1];
      const named = next && !next.startsWith('--') ? argv[++i] : 'missed';
      options.profile = named === 'missed' || named === 'all' ? named : new Set(named.split(','));
    } else if (a === '--only') {
      options.only = new Set((argv[++i] ?? '').split(','));
      const unknown = [...options.only].filter((g) => !GROUPS.includes(g));
      if (unknown.length > 0 || options.only.size === 0) {
        process.stderr.write(`bench: --only takes some of ${GROUPS.join(',')}\n`);
        process.exit(2);
      }
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(
        `usage: node bench/run.js [--quick | --smoke] [--json [FILE]] [--runs N] [--only ${GROUPS.join(',')}] [--profile [all|ROW,...]]\n`,
      );
      process.exit(0);
    } else {
      process.stderr.write(`bench: unknown option ${a}\n`);
      process.exit(2);
    }
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const SMOKE = options.mode === 'smoke';
const SIZES = {
  full: { tiny: 20, small: 1000, large: 10000, commits: 2000, renderDocs: 200 },
  quick: { tiny: 20, small: 1000, large: null, commits: 2000, renderDocs: 200 },
  smoke: { tiny: 20, small: 20, large: 20, commits: 50, renderDocs: 20 },
}[options.mode];
const RUNS = SMOKE
  ? { startup: 1, medium: 1, heavy: 1, warmup: 0 }
  : { startup: options.mode === 'full' ? 15 : 10, medium: 5, heavy: 3, warmup: 1 };
if (options.runs) for (const k of ['startup', 'medium', 'heavy']) RUNS[k] = options.runs;

const log = (text) => process.stderr.write(`${text}\n`);

/** The commit measured, "+dirty" when src/ or templates/ have uncommitted changes. */
function headCommit() {
  const run = (args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  try {
    const dirty = run(['status', '--porcelain', '--', 'src', 'templates']) !== '';
    return `${run(['rev-parse', '--short', 'HEAD'])}${dirty ? '+dirty' : ''}`;
  } catch {
    return null;
  }
}

async function prepare(machine) {
  log(
    `postmortem bench (${options.mode}) on ${machine.cpu_model}, ${machine.cores} cores, node ${machine.node}`,
  );
  log(
    HAS_HUGO
      ? `yardstick: ${machine.hugo}`
      : 'yardstick Hugo: not installed (apt-get install hugo): the publish-vs-Hugo rows are n/a',
  );
  if (!HAS_GNU_TIME) log('peak memory: /usr/bin/time not found, sampling VmHWM from /proc instead');
  log('repositories (cached under bench/out/repos):');
  const prep = async (what, fn) => {
    const t = Date.now();
    const r = await fn();
    log(
      `  ${what}: ${r.cached ? 'cached' : `generated in ${((Date.now() - t) / 1000).toFixed(1)} s`}`,
    );
    return r;
  };
  const tiny = await prep(`${SIZES.tiny} documents`, () => documentRepo(SIZES.tiny));
  const small = await prep(`${fmtN(SIZES.small)} documents`, () => documentRepo(SIZES.small));
  const large = SIZES.large
    ? await prep(`${fmtN(SIZES.large)} documents`, () => documentRepo(SIZES.large))
    : null;
  // History over the 1,000-document archive: git log --follow walks trees of that size.
  const history = await prep(`${fmtN(SIZES.small)} documents, ${fmtN(SIZES.commits)} commits`, () =>
    historyRepo(SIZES.small, SIZES.commits),
  );
  return { tiny, small, large, history };
}

function finish(rows, started, machine) {
  const seconds = (Date.now() - started) / 1000;
  const count = (test) => rows.filter((r) => test(r.result)).length;
  const summary = {
    met: count((r) => r === 'met'),
    missed: count((r) => r === 'MISSED'),
    na: count((r) => r.startsWith('n/a')),
    failed: count((r) => r.startsWith('failed')),
    skipped: count((r) => r.startsWith('skipped')),
  };
  const out = [
    '',
    table(rows),
    '',
    `${summary.met} met, ${summary.missed} MISSED, ${summary.na} n/a, ${summary.failed} failed, ${summary.skipped} skipped.`,
    `postmortem ${machine.postmortem} (${machine.commit ?? 'unknown commit'}), ${options.mode} run, ${seconds.toFixed(0)} s, ${machine.date}: ${machine.cpu_model}, ${machine.cores} cores, ${fmtN(machine.memory_mib)} MiB, ${machine.os}, node ${machine.node}, ${machine.git}, ${machine.hugo ?? 'no hugo'}; load average at start ${machine.load_average.join(' ')}`,
    ...rows.flatMap((r) => (r.notes ?? []).map((note) => `  note: ${r.label}: ${note}`)),
    ...profileReport(rows),
    '',
  ];
  process.stdout.write(out.join('\n'));
  if (options.json) {
    const doc = {
      bench: 'postmortem',
      mode: options.mode,
      generator_version: GENERATOR_VERSION,
      sizes: SIZES,
      runs: RUNS,
      machine: { ...machine, load_average_after: machineInfo().load_average },
      seconds: Number(seconds.toFixed(1)),
      summary,
      rows: rowsForJson(rows),
    };
    mkdirSync(dirname(options.json), { recursive: true });
    writeFileSync(options.json, `${JSON.stringify(doc, null, 2)}\n`);
    log(`figures written to ${options.json}`);
  }
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'main.js'))) {
    log(
      'bench: dist/ is missing: run `npm run bench` (it builds first) or `npx tsc -p tsconfig.build.json`',
    );
    process.exit(1);
  }
  const started = Date.now();
  const version = snapshotApp();
  const machine = machineInfo({ postmortem: version, commit: headCommit() });
  const { tiny, small, large, history } = await prepare(machine);
  const rec = createRecorder({ smoke: SMOKE, warmup: RUNS.warmup, log });
  const run = (group) => options.only === null || options.only.has(group);
  if (run('startup')) await startupRows(rec, RUNS.startup, tiny);
  if (run('update')) await updateRow(rec, RUNS.startup, RUNS.warmup, tiny);
  if (run('log')) await logRow(rec, RUNS.startup, history);
  if (run('render')) await renderRow(rec, RUNS.medium, small, SIZES.renderDocs);
  if (run('publish')) {
    await publishRows(rec, {
      key: 'small',
      repo: small,
      runs: RUNS.medium,
      withPlain: true,
      smoke: SMOKE,
    });
    if (large) await largeRows(rec, { repo: large, runs: RUNS.heavy, smoke: SMOKE });
    else skippedLargeRows(rec, '--quick');
  }
  if (options.profile) await profileRows(rec.rows, options.profile, join(OUT, 'profiles'), log);
  finish(rec.rows, started, machine);
}

/** Work folders of runs that are no longer running (killed, crashed) are removed. */
function removeStaleWork() {
  const base = join(OUT, 'work');
  if (!existsSync(base)) return;
  for (const name of readdirSync(base)) {
    const pid = Number(name);
    let alive = pid === process.pid;
    try {
      if (!alive && pid > 0) alive = process.kill(pid, 0);
    } catch (error) {
      alive = error.code === 'EPERM';
    }
    if (!alive) rmSync(join(base, name), { recursive: true, force: true });
  }
}

removeStaleWork();
try {
  await main();
} finally {
  rmSync(WORK, { recursive: true, force: true });
}
