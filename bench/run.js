#!/usr/bin/env node
// `npm run bench`: whole-process timings of the built CLI on generated repositories,
// each judged as a ratio against a yardstick measured side by side in the same run.
//
//   node bench/run.js            1,000 and 10,000 documents
//   node bench/run.js --quick    1,000 only (10,000 rows are reported as skipped)
//   node bench/run.js --smoke    20 documents, one run each, no target judged
//   --json [FILE]                also write the figures (default bench/out/results.json)
//   --runs N                     override the number of measured runs of every row
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HAS_GNU_TIME, measureSet, stats } from './lib/measure.js';
import { GENERATOR_VERSION, OUT, documentRepo, git, hugoSite, historyRepo, scratchClone } from './lib/repos.js';
import { formatValue, machineInfo, table } from './lib/report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'postmortem.js');
const NODE = process.execPath;

function parseArgs(argv) {
  const options = { mode: 'full', json: null, runs: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') options.mode = 'quick';
    else if (a === '--smoke') options.mode = 'smoke';
    else if (a === '--json') options.json = argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : join(OUT, 'results.json');
    else if (a === '--runs') options.runs = Number(argv[++i]);
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: node bench/run.js [--quick | --smoke] [--json [FILE]] [--runs N]\n');
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
const fmtN = (n) => n.toLocaleString('en-US');

function toolEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_') && !k.startsWith('POSTMORTEM_')) env[k] = v;
  return { ...env, NO_COLOR: '1' };
}
const ENV = toolEnv();

const hasHugo = (() => {
  try {
    execFileSync('hugo', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const cli = (args, cwd, extra = {}) => ({ command: NODE, args: typeof args === 'function' ? (i) => [BIN, ...args(i)] : [BIN, ...args], cwd, env: ENV, ...extra });
const bareNode = { label: 'node -e 0', command: NODE, args: ['-e', '0'], env: ENV };

// ---- rows -----------------------------------------------------------------------------

const rows = [];

/** Turn measurements into a judged row. */
function judge(row) {
  const { target } = row;
  if (row.result) return row;
  if (SMOKE) return { ...row, result: 'ran (smoke: not judged)' };
  if (!target) return { ...row, result: 'info' };
  const measured = target.on === 'value' ? row.value : row.ratio;
  if (measured === null || measured === undefined) return { ...row, result: row.missingReason ?? 'n/a' };
  const met = target.op === '<=' ? measured <= target.value : measured >= target.value;
  return { ...row, result: met ? 'met' : 'MISSED' };
}

function outcomeResult(failure) {
  if (!failure) return null;
  return failure.outcome === 'not-implemented' ? 'n/a (not implemented)' : `failed: ${failure.message}`;
}

function summarize(times) {
  const s = stats(times);
  return { value: s.median, min: s.min, max: s.max, p25: s.p25, p75: s.p75, runs: s.runs, samples: times.map((t) => Number(t.toFixed(2))) };
}

/** Measure a subject against yardsticks; the first yardstick is the one the target uses. */
async function timed(def) {
  const { id, label, subject, yardsticks = [], runs, target, ratio = 'subject/yardstick', missingYardstick } = def;
  log(`- ${label}`);
  const m = await measureSet(subject, yardsticks, { runs, warmup: RUNS.warmup, progress: (p) => log(`    ${p}`) });
  const row = { id, label, unit: 'ms', ...summarize(m.times[0]), target, notes: [] };
  if (m.peaks[0].length) row.peak_mib = Math.max(...m.peaks[0]) / 1024;
  row.result = outcomeResult(m.failures[0]);
  row.others = yardsticks.map((y, k) => {
    const s = summarize(m.times[k + 1]);
    const other = { label: y.label, unit: 'ms', ...s, failure: m.failures[k + 1] };
    if (m.peaks[k + 1].length) other.peak_mib = Math.max(...m.peaks[k + 1]) / 1024;
    return other;
  });
  const yard = row.others[0];
  if (yard) {
    row.yardstick = yard;
    if (yard.failure) {
      row.missingReason = `n/a (yardstick failed: ${yard.failure.message})`;
      row.notes.push(`${yard.label} failed: ${yard.failure.message}`);
    }
    if (row.value !== null && yard.value !== null && !yard.failure) {
      row.ratio = ratio === 'subject/yardstick' ? row.value / yard.value : yard.value / row.value;
    }
  } else if (missingYardstick) {
    row.yardstick = { label: missingYardstick.label, value: null };
    row.missingReason = missingYardstick.reason;
  }
  return row;
}

function push(row) {
  const judged = judge(row);
  rows.push(judged);
  log(`    ${judged.result}${judged.value != null ? `  median ${formatValue(judged.value, judged.unit)}` : ''}${judged.ratio != null ? `  ratio ${judged.ratio.toFixed(2)}x` : ''}`);
  return judged;
}

function skipped(id, label, why, target) {
  rows.push({ id, label, unit: 'ms', value: null, target, result: `skipped (${why})`, notes: [] });
}

// ---- main -----------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'main.js'))) {
    log('bench: dist/ is missing: run `npm run bench` (it builds first) or `npx tsc -p tsconfig.build.json`');
    process.exit(1);
  }
  const started = Date.now();
  const machineBefore = machineInfo();
  log(`postmortem bench (${options.mode}) on ${machineBefore.cpu_model}, ${machineBefore.cores} cores, node ${machineBefore.node}`);
  log(hasHugo ? `yardstick Hugo: ${machineBefore.hugo}` : 'yardstick Hugo: not installed (apt-get install hugo): publish-vs-Hugo rows are n/a');
  if (!HAS_GNU_TIME) log('peak memory: /usr/bin/time not found, sampling VmHWM from /proc instead');

  log('preparing repositories (cached under bench/out/repos)');
  const prep = async (what, fn) => {
    const t = Date.now();
    const r = await fn();
    log(`  ${what}: ${r.cached === false ? `generated in ${((Date.now() - t) / 1000).toFixed(1)} s` : 'cached'}`);
    return r;
  };
  const tiny = await prep(`${SIZES.tiny} documents`, () => documentRepo(SIZES.tiny));
  const small = await prep(`${fmtN(SIZES.small)} documents`, () => documentRepo(SIZES.small));
  const large = SIZES.large ? await prep(`${fmtN(SIZES.large)} documents`, () => documentRepo(SIZES.large)) : null;
  const history = await prep(`history repo, ${fmtN(SIZES.commits)} commits`, () => historyRepo(SIZES.tiny, SIZES.commits));
  const id = tiny.info.ids[0];
  const tinyScratch = scratchClone(tiny.dir, 'tiny');

  // Startup: each command up to its first real work, against bare node.
  const startupTarget = { op: '<=', value: 2.2, text: '<= 2.2x node' };
  const helpTarget = { op: '<=', value: 1.35, text: '<= 1.35x node' };
  let initCount = 0;
  const startupRows = [
    ['help', 'postmortem --help', ['--help'], helpTarget],
    ['version', 'postmortem --version', ['--version'], helpTarget],
    ['show', 'show <id> (one document)', ['show', id], startupTarget],
    ['show-json', 'show <id> --json', ['show', id, '--json'], startupTarget],
    ['list-tiny', `list (${SIZES.tiny} documents)`, ['list'], startupTarget],
    ['lint-one', 'lint <id> (one document)', ['lint', id], startupTarget, [0, 1]],
    ['render-md', 'render <id> --audience public', ['render', id, '--audience', 'public'], startupTarget],
    ['render-html', 'render <id> --audience public --format html', ['render', id, '--audience', 'public', '--format', 'html'], startupTarget],
    ['templates', 'templates', ['templates'], startupTarget],
    ['diff', 'diff <id>', ['diff', id], startupTarget],
    ['log-tiny', 'log <id> (1 commit)', ['log', id], startupTarget],
    ['actions', `actions (${SIZES.tiny} documents)`, ['actions'], startupTarget],
    ['stats', `stats (${SIZES.tiny} documents)`, ['stats'], startupTarget],
    ['new-notty', 'new, no TTY (exits 2 after its checks)', ['new'], startupTarget, [2]],
    ['edit-notty', 'edit <id>, no TTY (exits 2 after its checks)', ['edit', id], startupTarget, [2]],
    [
      'init',
      'init <new folder>',
      () => {
        const dir = join(OUT, 'scratch', `init-${initCount++}`);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        return ['init', dir];
      },
      startupTarget,
    ],
  ];
  for (const [rowId, label, args, target, ok] of startupRows) {
    push(await timed({ id: rowId, label, subject: cli(args, tinyScratch, { ok: ok ?? [0] }), yardsticks: [bareNode], runs: RUNS.startup, target }));
  }

  // update: the whole process, commit included.
  const updateRepo = scratchClone(tiny.dir, 'update');
  push(
    await timed({
      id: 'update',
      label: 'update <id> "text" (commit included)',
      subject: cli((i) => ['update', id, `Bench update ${i}: we are monitoring the fix`], updateRepo),
      yardsticks: [bareNode],
      runs: RUNS.startup,
      target: { op: '<=', value: 2.6, text: '<= 2.6x node' },
    }),
  );
  const updateCommits = Number(git(updateRepo, ['rev-list', '--count', 'HEAD']).trim()) - 1;
  if (rows.at(-1).result === null) {
    rows.at(-1).notes.push(`${updateCommits} commits made by ${RUNS.startup + RUNS.warmup} runs`);
    if (updateCommits !== RUNS.startup + RUNS.warmup && !SMOKE) rows.at(-1).result = `failed: ${updateCommits} commits for ${RUNS.startup + RUNS.warmup} updates`;
  }

  // log on a long history, against bare git log --follow.
  const logFile = `postmortems/${history.info.target}.md`;
  push(
    await timed({
      id: 'log-history',
      label: `log <id> (${fmtN(SIZES.commits)} commits, ${history.info.targetCommits} on the file)`,
      subject: cli(['log', history.info.target], history.dir),
      yardsticks: [{ label: 'git log --follow', command: 'git', args: ['log', '--follow', '--', logFile], cwd: history.dir, env: ENV }],
      runs: RUNS.startup,
      target: { op: '<=', value: 1.7, text: '<= 1.7x git log' },
    }),
  );

  // Render throughput: the render command's function over N documents x 4 outputs.
  const renderRepo = small.dir;
  push(
    await timed({
      id: 'render-throughput',
      label: `render throughput, ${SIZES.renderDocs} docs x public+internal x md+html`,
      subject: { command: NODE, args: [join(ROOT, 'bench/drivers/render-all.js'), renderRepo, String(SIZES.renderDocs)], env: ENV, cwd: renderRepo },
      yardsticks: [{ label: 'plain libraries', command: NODE, args: [join(ROOT, 'bench/yardsticks/plain-pipeline.js'), 'render', renderRepo, String(SIZES.renderDocs)], env: ENV, cwd: renderRepo }],
      runs: RUNS.medium,
      ratio: 'yardstick/subject',
      target: { op: '>=', value: 1.0, text: '>= 1.0x plain libs' },
    }),
  );

  // Publish: full, from an empty output folder and a clean clone, against Hugo.
  const publishRows = {};
  const publishSet = async (key, repo, n, runs, withPlain) => {
    const scratch = scratchClone(repo.dir, `publish-${key}`);
    const outDir = join(OUT, 'publish', key, 'ours');
    const hugoOut = join(OUT, 'publish', key, 'hugo');
    const plainOut = join(OUT, 'publish', key, 'plain');
    const yardsticks = [];
    if (hasHugo) {
      const site = hugoSite(repo.dir, `${key}-${n}-g${GENERATOR_VERSION}`);
      yardsticks.push({
        label: 'hugo --quiet',
        command: 'hugo',
        args: () => {
          rmSync(hugoOut, { recursive: true, force: true });
          return ['--quiet', '--source', site, '--destination', hugoOut];
        },
        env: ENV,
        cwd: site,
        rss: true,
      });
    }
    if (withPlain) {
      yardsticks.push({
        label: 'plain libraries',
        command: NODE,
        args: () => {
          rmSync(plainOut, { recursive: true, force: true });
          return [join(ROOT, 'bench/yardsticks/plain-pipeline.js'), 'publish', scratch, plainOut];
        },
        env: ENV,
        cwd: scratch,
      });
    }
    const row = await timed({
      id: `publish-${key}`,
      label: `publish ${fmtN(n)} documents`,
      subject: cli(() => {
        rmSync(outDir, { recursive: true, force: true });
        git(scratch, ['clean', '-q', '-f', '-d', '-x']);
        return ['publish', '--out', outDir];
      }, scratch, { rss: true }),
      yardsticks: hasHugo ? yardsticks : yardsticks,
      runs,
      target: { op: '<=', value: 0.7, text: '<= 0.7x Hugo' },
      missingYardstick: hasHugo ? undefined : { label: 'hugo (not installed)', reason: 'n/a (hugo not installed)' },
    });
    if (!hasHugo && row.yardstick?.label === 'plain libraries') {
      // Without Hugo the first yardstick is the plain pipeline: keep it as info only.
      row.yardstick = { label: 'hugo (not installed)', value: null };
      row.ratio = null;
      row.missingReason = 'n/a (hugo not installed)';
    }
    const plain = row.others.find((o) => o.label === 'plain libraries');
    const hugo = row.others.find((o) => o.label === 'hugo --quiet');
    if (hugo?.peak_mib) row.notes.push(`Hugo peak RSS ${hugo.peak_mib.toFixed(0)} MiB`);
    publishRows[key] = push(row);
    if (plain && row.value !== null && plain.value !== null) {
      push({
        id: `publish-${key}-vs-plain`,
        label: `publish ${fmtN(n)} vs plain libraries (info)`,
        unit: 'ms',
        value: row.value,
        min: row.min,
        max: row.max,
        yardstick: plain,
        ratio: plain.failure ? null : row.value / plain.value,
        result: row.result ?? (SMOKE ? 'ran (smoke: not judged)' : 'info'),
        notes: plain.failure ? [`plain pipeline failed: ${plain.failure.message}`] : [],
      });
    }
    push({
      id: `publish-${key}-rate`,
      label: `publish ${fmtN(n)}: documents per second`,
      unit: 'docs/s',
      value: row.value ? n / (row.value / 1000) : null,
      target: { op: '>=', value: 400, on: 'value', text: '>= 400 docs/s' },
      result: row.result,
      notes: [],
    });
    return { row, scratch, outDir };
  };

  await publishSet('small', small, SIZES.small, RUNS.medium, true);
  if (large) {
    const { row: full, scratch, outDir } = await publishSet('large', large, SIZES.large, RUNS.heavy, false);
    push({
      id: 'publish-large-memory',
      label: `publish ${fmtN(SIZES.large)}: peak memory (max RSS)`,
      unit: 'MiB',
      value: full.peak_mib ?? null,
      yardstick: full.others.find((o) => o.label === 'hugo --quiet')?.peak_mib
        ? { label: 'hugo peak', value: full.others.find((o) => o.label === 'hugo --quiet').peak_mib, unit: 'MiB' }
        : undefined,
      target: { op: '<=', value: 150, on: 'value', text: '<= 150 MiB' },
      result: full.result,
      notes: [HAS_GNU_TIME ? 'GNU time %M (ru_maxrss)' : 'sampled VmHWM every 20 ms'],
    });

    // Publish again after one document changed (and was committed), into the same output.
    const names = large.info.ids;
    const incremental = await timed({
      id: 'publish-incremental',
      label: `publish again after changing 1 of ${fmtN(SIZES.large)}`,
      subject: cli((i) => {
        const changed = names[(i * 7919 + 13) % names.length];
        const file = join(scratch, 'postmortems', `${changed}.md`);
        const text = readFileSync(file, 'utf8');
        writeFileSync(file, text.replace(/^That took longer than it should have.*$/m, `That took longer than it should have (revision ${i}).`));
        git(scratch, ['commit', '-q', '--no-verify', '-m', `Revise ${changed}`, '--', `postmortems/${changed}.md`]);
        return ['publish', '--out', outDir];
      }, scratch),
      runs: RUNS.heavy,
      target: { op: '<=', value: 0.1, text: '<= 0.1x full publish' },
    });
    incremental.yardstick = { label: 'full publish (row above)', value: full.value };
    if (full.result) incremental.missingReason = 'n/a (no full publish to compare)';
    if (incremental.value !== null && full.value) incremental.ratio = incremental.value / full.value;
    if (!existsSync(outDir) && !incremental.result) incremental.result = 'n/a (no full publish output)';
    push(incremental);

    push(
      await timed({
        id: 'list-large',
        label: `list (${fmtN(SIZES.large)} documents)`,
        subject: cli(['list'], scratch),
        yardsticks: [bareNode],
        runs: RUNS.heavy,
        target: { op: '<=', value: 2000, on: 'value', text: '<= 2 s' },
      }),
    );
    const lint = await timed({
      id: 'lint-large',
      label: `lint (${fmtN(SIZES.large)} documents)`,
      subject: cli(['lint'], scratch, { ok: [0, 1] }),
      runs: RUNS.heavy,
      target: { op: '<=', value: 0.5, text: '<= 0.5x full publish' },
    });
    lint.yardstick = { label: 'full publish', value: full.value };
    if (lint.value !== null && full.value) lint.ratio = lint.value / full.value;
    else lint.missingReason = 'n/a (no full publish to compare)';
    push(lint);
  } else {
    const n = fmtN(10000);
    skipped('publish-large', `publish ${n} documents`, '--quick', { text: '<= 0.7x Hugo' });
    skipped('publish-large-rate', `publish ${n}: documents per second`, '--quick', { text: '>= 400 docs/s' });
    skipped('publish-large-memory', `publish ${n}: peak memory (max RSS)`, '--quick', { text: '<= 150 MiB' });
    skipped('publish-incremental', `publish again after changing 1 of ${n}`, '--quick', { text: '<= 0.1x full publish' });
    skipped('list-large', `list (${n} documents)`, '--quick', { text: '<= 2 s' });
    skipped('lint-large', `lint (${n} documents)`, '--quick', { text: '<= 0.5x full publish' });
  }

  const seconds = (Date.now() - started) / 1000;
  const output = table(rows);
  process.stdout.write(`\n${output}\n\n`);
  const missed = rows.filter((r) => r.result === 'MISSED').length;
  const met = rows.filter((r) => r.result === 'met').length;
  const na = rows.filter((r) => r.result.startsWith('n/a')).length;
  const failed = rows.filter((r) => r.result.startsWith('failed')).length;
  const summary = `${met} met, ${missed} missed, ${na} n/a, ${failed} failed; ${options.mode} run in ${seconds.toFixed(0)} s on ${machineBefore.cpu_model} (${machineBefore.cores} cores), node ${machineBefore.node}, load ${machineBefore.load_average.join(' ')}`;
  process.stdout.write(`${summary}\n`);
  for (const r of rows) for (const note of r.notes ?? []) process.stdout.write(`  note: ${r.label}: ${note}\n`);

  if (options.json) {
    const clean = rows.map(({ others, missingReason, ...r }) => ({
      ...r,
      yardstick: r.yardstick ? { label: r.yardstick.label, value: r.yardstick.value ?? null, unit: r.yardstick.unit ?? 'ms', min: r.yardstick.min ?? null, max: r.yardstick.max ?? null, runs: r.yardstick.runs ?? null, samples: r.yardstick.samples } : null,
      other_yardsticks: (others ?? []).slice(1).map((o) => ({ label: o.label, value: o.value, min: o.min, max: o.max, runs: o.runs, peak_mib: o.peak_mib ?? null })),
      ratio: r.ratio ?? null,
      value: r.value ?? null,
    }));
    const doc = {
      bench: 'postmortem',
      mode: options.mode,
      generator_version: GENERATOR_VERSION,
      sizes: SIZES,
      runs: RUNS,
      machine: { ...machineBefore, load_average_after: machineInfo().load_average },
      seconds: Number(seconds.toFixed(1)),
      summary: { met, missed, na, failed },
      rows: clean,
    };
    mkdirSync(dirname(options.json), { recursive: true });
    writeFileSync(options.json, `${JSON.stringify(doc, null, 2)}\n`);
    log(`figures written to ${options.json}`);
  }
}

await main();
