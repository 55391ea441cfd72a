// Colour through chalk, switched off as a whole when the output is not for a person.
import { Chalk, type ChalkInstance } from 'chalk';

export function styler(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

// eslint-disable-next-line no-control-regex -- colour codes are what it strips
const ANSI = /\u001b\[[0-9;]*m/g;

/** How wide a cell looks: colour codes take no room. */
function visibleWidth(cell: string): number {
  return [...cell.replace(ANSI, '')].length;
}

/** A plain-text table with columns padded to their widest cell. */
export function table(rows: string[][], options: { header?: string[] } = {}): string {
  const all = options.header ? [options.header, ...rows] : rows;
  const widths: number[] = [];
  for (const row of all)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleWidth(cell))));
  const pad = (cell: string, i: number): string =>
    cell + ' '.repeat((widths[i] ?? 0) - visibleWidth(cell));
  return all
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : pad(cell, i)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
