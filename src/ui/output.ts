// Where a command's words go. Data goes to stdout (exactly one JSON document with
// --json); chatter goes to stderr. Colour only on a TTY and without NO_COLOR.
import type { Writable } from 'node:stream';

export interface Output {
  readonly color: boolean;
  readonly json: boolean;
  readonly isTTY: boolean;
  /** A line of the command's result. */
  print(text: string): void;
  /** Progress and notices, never data. */
  info(text: string): void;
  /** The one JSON document of a --json run. */
  printJson(value: unknown): void;
}

export interface OutputOptions {
  stdout?: Writable & { isTTY?: boolean };
  stderr?: Writable & { isTTY?: boolean };
  env?: NodeJS.ProcessEnv;
  json?: boolean;
}

export function createOutput(options: OutputOptions = {}): Output {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  const json = options.json ?? false;
  const isTTY = stdout.isTTY === true;
  const color = isTTY && !json && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  return {
    color,
    json,
    isTTY,
    print: (text) => void stdout.write(`${text}\n`),
    info: (text) => void stderr.write(`${text}\n`),
    printJson: (value) => void stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  };
}
