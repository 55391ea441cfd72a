// Rows of the bench: measure a subject against its yardsticks, then judge it against its
// target. A command that is not implemented is n/a, a failing one is "failed", never met.
import { formatValue } from './report.js';
import { measureSet, stats } from './measure.js';

function outcomeResult(failure) {
  if (!failure) return null;
  return failure.outcome === 'not-implemented'
    ? 'n/a (not implemented)'
    : `failed: ${failure.message}`;
}

function summarize(times) {
  const s = stats(times);
  return {
    value: s.median,
    min: s.min,
    max: s.max,
    p25: s.p25,
    p75: s.p75,
    runs: s.runs,
    samples: times.map((t) => Number(t.toFixed(2))),
  };
}

const peak = (kib) => (kib.length ? Math.max(...kib) / 1024 : undefined);

export function createRecorder({ smoke, warmup, log }) {
  const rows = [];

  function judge(row) {
    const { target } = row;
    if (row.result) return row;
    if (smoke) return { ...row, result: 'ran (smoke: not judged)' };
    if (!target || target.value === undefined) return { ...row, result: 'info' };
    const measured = target.on === 'value' ? row.value : row.ratio;
    if (measured === null || measured === undefined)
      return { ...row, result: row.missingReason ?? 'n/a' };
    const met = target.op === '<=' ? measured <= target.value : measured >= target.value;
    return { ...row, result: met ? 'met' : 'MISSED' };
  }

  /** Measure a subject against yardsticks; the first yardstick is the one the target uses. */
  async function timed(def) {
    const { id, label, subject, yardsticks = [], runs, target, ratio = 'subject/yardstick' } = def;
    log(`- ${label}`);
    const m = await measureSet(subject, yardsticks, {
      runs,
      warmup,
      progress: (p) => log(`    ${p}`),
    });
    const row = { id, label, unit: 'ms', ...summarize(m.times[0]), target, notes: [] };
    // Kept for --profile, which runs the subject once more under the profiler.
    row.subject = subject;
    row.peak_mib = peak(m.peaks[0]);
    row.result = outcomeResult(m.failures[0]);
    row.others = yardsticks.map((y, k) => ({
      label: y.label,
      unit: 'ms',
      ...summarize(m.times[k + 1]),
      failure: m.failures[k + 1],
      peak_mib: peak(m.peaks[k + 1]),
    }));
    const yard = row.others[0];
    if (yard) {
      row.yardstick = yard;
      if (yard.failure) {
        row.missingReason = `n/a (yardstick failed: ${yard.failure.message})`;
        row.notes.push(`${yard.label} failed: ${yard.failure.message}`);
      } else if (row.value !== null && yard.value !== null) {
        row.ratio = ratio === 'subject/yardstick' ? row.value / yard.value : yard.value / row.value;
      }
    } else if (def.missingYardstick) {
      row.yardstick = { label: def.missingYardstick.label, value: null };
      row.missingReason = def.missingYardstick.reason;
    }
    return row;
  }

  function push(row) {
    const judged = judge(row);
    rows.push(judged);
    const median = judged.value != null ? `  median ${formatValue(judged.value, judged.unit)}` : '';
    const ratio = judged.ratio != null ? `  ratio ${judged.ratio.toFixed(2)}x` : '';
    log(`    ${judged.result}${median}${ratio}`);
    return judged;
  }

  function skipped(id, label, why, target) {
    rows.push({
      id,
      label,
      unit: 'ms',
      value: null,
      target,
      result: `skipped (${why})`,
      notes: [],
    });
  }

  return { rows, timed, push, skipped };
}

/** The rows as JSON: every figure, without the working fields. */
export function rowsForJson(rows) {
  return rows.map(({ others, subject: _subject, missingReason: _missing, ...r }) => ({
    ...r,
    value: r.value ?? null,
    ratio: r.ratio ?? null,
    yardstick: r.yardstick
      ? {
          label: r.yardstick.label,
          value: r.yardstick.value ?? null,
          unit: r.yardstick.unit ?? 'ms',
          min: r.yardstick.min ?? null,
          max: r.yardstick.max ?? null,
          runs: r.yardstick.runs ?? null,
          samples: r.yardstick.samples,
          peak_mib: r.yardstick.peak_mib ?? null,
        }
      : null,
    other_yardsticks: (others ?? []).slice(1).map((o) => ({
      label: o.label,
      value: o.value,
      min: o.min,
      max: o.max,
      runs: o.runs,
      peak_mib: o.peak_mib ?? null,
    })),
  }));
}
