// Colour through chalk, switched off as a whole when the output is not for a person.
// chalk is loaded only when colour is on (loadColour, before a command runs): without
// colour every style is the identity, as chalk's own level 0 is.
import type { ChalkInstance } from 'chalk';

/** The styles our output uses; a chalk instance has them all. */
export interface Style {
  (...text: unknown[]): string;
  readonly bold: Style;
  readonly dim: Style;
  readonly underline: Style;
  readonly red: Style;
  readonly green: Style;
  readonly yellow: Style;
}

/** chalk at level 0: its arguments joined with spaces, and any chain of styles is the same. */
const plain: Style = (() => {
  const style = ((...text: unknown[]): string =>
    text.length === 1 ? String(text[0]) : text.join(' ')) as Style;
  for (const name of ['bold', 'dim', 'underline', 'red', 'green', 'yellow'])
    Object.defineProperty(style, name, { value: style });
  return style;
})();

let chalk: typeof import('chalk') | undefined;

/** Loads chalk when colour is on; styler(true) needs it loaded. */
export async function loadColour(color: boolean): Promise<void> {
  if (color) chalk ??= await import('chalk');
}

export function styler(color: boolean): Style {
  if (!color) return plain;
  if (chalk === undefined) throw new Error('styler(true) called before loadColour(true)');
  const instance: ChalkInstance = new chalk.Chalk({ level: 1 });
  return instance;
}

// eslint-disable-next-line no-control-regex -- colour codes are what it strips
const ANSI = /\u001b\[[0-9;]*m/g;

// Cells that need more than their length to measure: colour codes, surrogate pairs.
// eslint-disable-next-line no-control-regex -- colour codes are what it looks for
const NOT_PLAIN = /[\u001b\ud800-\udfff]/;

/** How wide a cell looks: colour codes take no room, a character outside the BMP one column. */
function visibleWidth(cell: string): number {
  return NOT_PLAIN.test(cell) ? [...cell.replace(ANSI, '')].length : cell.length;
}

/** A plain-text table with columns padded to their widest cell. */
export function table(rows: string[][], options: { header?: string[] } = {}): string {
  const all = options.header ? [options.header, ...rows] : rows;
  const cellWidths = all.map((row) => row.map(visibleWidth));
  const widths: number[] = [];
  for (const row of cellWidths) row.forEach((w, i) => (widths[i] = Math.max(widths[i] ?? 0, w)));
  return all
    .map((row, r) =>
      row
        .map((cell, i) =>
          i === row.length - 1
            ? cell
            : cell + ' '.repeat((widths[i] ?? 0) - (cellWidths[r]?.[i] ?? 0)),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
