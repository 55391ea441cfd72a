// The table people read and the JSON machines keep.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';

export function machineInfo(extra = {}) {
  const version = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim()
        .split('\n')[0];
    } catch {
      return null;
    }
  };
  return {
    cpu_model: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memory_mib: Math.round(totalmem() / 1048576),
    os: `${platform()} ${release()}`,
    node: process.version,
    git: version('git', ['--version']),
    hugo: version('hugo', ['version']),
    load_average: loadavg().map((l) => Number(l.toFixed(2))),
    date: new Date().toISOString(),
    ...extra,
  };
}

export function formatValue(value, unit) {
  if (value === null || value === undefined) return '-';
  switch (unit) {
    case 'ms':
      return value >= 10_000
        ? `${(value / 1000).toFixed(1)} s`
        : value >= 1000
          ? `${(value / 1000).toFixed(2)} s`
          : `${value.toFixed(1)} ms`;
    case 'docs/s':
      return `${Math.round(value)} docs/s`;
    case 'MiB':
      return `${value.toFixed(0)} MiB`;
    default:
      return String(value);
  }
}

function spread(row) {
  if (row.min === null || row.min === undefined) return '-';
  if (row.unit !== 'ms') return '-';
  return `${formatValue(row.min, 'ms')}..${formatValue(row.max, 'ms')}`;
}

export function table(rows) {
  const header = [
    'row',
    'median',
    'spread (min..max)',
    'yardstick',
    'yardstick median',
    'ratio',
    'target',
    'result',
  ];
  const body = rows.map((r) => [
    r.label,
    formatValue(r.value, r.unit),
    spread(r),
    r.yardstick?.label ?? '-',
    r.yardstick ? formatValue(r.yardstick.value, r.yardstick.unit ?? 'ms') : '-',
    r.ratio === null || r.ratio === undefined ? '-' : `${r.ratio.toFixed(2)}x`,
    r.target?.text ?? '-',
    r.result,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
