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
