// publish against Hugo (and the plain libraries), its rate, its peak memory, publish
// again after one change, and list/lint of the whole archive.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { WORK, git, hugoSite, scratchClone } from './repos.js';
import { HAS_GNU_TIME } from './measure.js';
import { ENV, HAS_HUGO, NODE, ROOT, cli, fmtN } from './tool.js';

function yardsticksFor(key, repo, scratch, n, withPlain) {
  const yardsticks = [];
  if (HAS_HUGO) {
    const site = hugoSite(repo.dir, basename(repo.dir));
    const out = join(WORK, 'publish', key, 'hugo');
    yardsticks.push({
      label: 'hugo --quiet',
      command: 'hugo',
      args: () => {
        rmSync(out, { recursive: true, force: true });
        return ['--quiet', '--source', site, '--destination', out];
      },
      env: ENV,
      cwd: site,
      rss: true,
    });
  }
  if (withPlain) {
    const out = join(WORK, 'publish', key, 'plain');
    yardsticks.push({
      label: 'plain libraries',
      command: NODE,
      args: () => {
        rmSync(out, { recursive: true, force: true });
        return [join(ROOT, 'bench/yardsticks/plain-pipeline.js'), 'publish', scratch, out];
      },
      env: ENV,
      cwd: scratch,
    });
  }
  return yardsticks;
}

/** A full publish: an empty output folder and a clean clone (no cache) before every run. */
export async function publishRows(rec, { key, repo, runs, withPlain, smoke }) {
  const n = repo.info.n;
  const scratch = scratchClone(repo.dir, `publish-${key}`);
  const outDir = join(WORK, 'publish', key, 'ours');
  const row = await rec.timed({
    id: `publish-${key}`,
    label: `publish ${fmtN(n)} documents`,
    subject: cli(
      () => {
        rmSync(outDir, { recursive: true, force: true });
        git(scratch, ['clean', '-q', '-f', '-d', '-x']);
        return ['publish', '--out', outDir];
      },
      scratch,
      { rss: true },
    ),
    yardsticks: yardsticksFor(key, repo, scratch, n, withPlain),
    runs,
    target: { op: '<=', value: 0.7, text: '<= 0.7x Hugo' },
  });
  if (!HAS_HUGO) {
    // Without Hugo the plain pipeline is only information; the Hugo target is n/a.
    row.yardstick = { label: 'hugo (not installed)', value: null };
    row.ratio = null;
    row.missingReason = 'n/a (hugo not installed)';
  }
  const hugo = row.others.find((o) => o.label === 'hugo --quiet');
  const plain = row.others.find((o) => o.label === 'plain libraries');
  if (hugo?.peak_mib) row.notes.push(`Hugo peak RSS ${hugo.peak_mib.toFixed(0)} MiB`);
  if (row.peak_mib) row.notes.push(`peak RSS ${row.peak_mib.toFixed(0)} MiB`);
  rec.push(row);
  if (withPlain) {
    const usable = plain && !plain.failure && plain.value !== null && row.value !== null;
    rec.push({
      id: `publish-${key}-vs-plain`,
      label: `publish ${fmtN(n)} vs plain libraries (info)`,
      unit: 'ms',
      value: row.value,
      min: row.min,
      max: row.max,
      yardstick: plain ?? null,
      ratio: usable ? row.value / plain.value : null,
      result: row.result ?? (smoke ? 'ran (smoke: not judged)' : 'info'),
      notes: plain?.failure ? [`plain pipeline failed: ${plain.failure.message}`] : [],
    });
  }
  rec.push({
    id: `publish-${key}-rate`,
    label: `publish ${fmtN(n)}: documents per second`,
    unit: 'docs/s',
    value: row.value ? n / (row.value / 1000) : null,
    target: { op: '>=', value: 400, on: 'value', text: '>= 400 docs/s' },
    result: row.result,
    notes: [],
  });
  return { full: row, scratch, outDir, hugo };
}

function compareTo(row, full, label) {
  row.yardstick = { label, value: full.value };
  if (full.result || !full.value) row.missingReason = 'n/a (no full publish to compare)';
  else if (row.value !== null) row.ratio = row.value / full.value;
  return row;
}

/** The rows on the large archive, after its full publish. */
export async function largeRows(rec, { repo, runs, smoke }) {
  const { full, scratch, outDir, hugo } = await publishRows(rec, {
    key: 'large',
    repo,
    runs,
    withPlain: false,
    smoke,
  });
  const n = repo.info.n;
  rec.push({
    id: 'publish-large-memory',
    label: `publish ${fmtN(n)}: peak memory (max RSS)`,
    unit: 'MiB',
    value: full.peak_mib ?? null,
    yardstick: hugo?.peak_mib
      ? { label: 'hugo peak RSS', value: hugo.peak_mib, unit: 'MiB' }
      : null,
    target: { op: '<=', value: 150, on: 'value', text: '<= 150 MiB' },
    result: full.result,
    notes: [HAS_GNU_TIME ? 'max RSS from GNU time %M' : 'max RSS sampled from VmHWM every 20 ms'],
  });

  // Publish again into the same output after one document changed and was committed.
  const ids = repo.info.ids;
  const changeOne = (i) => {
    const id = ids[(i * 7919 + 13) % ids.length];
    const file = join(scratch, 'postmortems', `${id}.md`);
    const text = readFileSync(file, 'utf8');
    const revised = `That took longer than it should have (revision ${i}).`;
    writeFileSync(file, text.replace(/^That took longer than it should have.*$/m, revised));
    git(scratch, [
      'commit',
      '-q',
      '--no-verify',
      '-m',
      `Revise ${id}`,
      '--',
      `postmortems/${id}.md`,
    ]);
    return ['publish', '--out', outDir];
  };
  const again = await rec.timed({
    id: 'publish-incremental',
    label: `publish again after changing 1 of ${fmtN(n)}`,
    subject: cli(changeOne, scratch),
    runs,
    target: { op: '<=', value: 0.1, text: '<= 0.1x full publish' },
  });
  if (!again.result && !existsSync(outDir)) again.result = 'n/a (no full publish output)';
  rec.push(compareTo(again, full, 'full publish (above)'));

  rec.push(
    await rec.timed({
      id: 'list-large',
      label: `list (${fmtN(n)} documents)`,
      subject: cli(['list'], scratch),
      runs,
      target: { op: '<=', value: 2000, on: 'value', text: '<= 2 s' },
    }),
  );
  const lint = await rec.timed({
    id: 'lint-large',
    label: `lint (${fmtN(n)} documents)`,
    subject: cli(['lint'], scratch, { ok: [0, 1] }),
    runs,
    target: { op: '<=', value: 0.5, text: '<= 0.5x full publish' },
  });
  rec.push(compareTo(lint, full, 'full publish (above)'));
}

export function skippedLargeRows(rec, why) {
  const n = fmtN(10000);
  rec.skipped('publish-large', `publish ${n} documents`, why, { text: '<= 0.7x Hugo' });
  rec.skipped('publish-large-rate', `publish ${n}: documents per second`, why, {
    text: '>= 400 docs/s',
  });
  rec.skipped('publish-large-memory', `publish ${n}: peak memory (max RSS)`, why, {
    text: '<= 150 MiB',
  });
  rec.skipped('publish-incremental', `publish again after changing 1 of ${n}`, why, {
    text: '<= 0.1x full publish',
  });
  rec.skipped('list-large', `list (${n} documents)`, why, { text: '<= 2 s' });
  rec.skipped('lint-large', `lint (${n} documents)`, why, { text: '<= 0.5x full publish' });
}
