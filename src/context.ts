// What every command receives: where it runs, where it writes, and what time it is.
import type { EarlyHistory } from './store/history.js';
import type { Output } from './ui/output.js';

export interface CommandContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The global --repo flag, if given. */
  repo: string | undefined;
  out: Output;
  /** The clock. Tests pin it with POSTMORTEM_NOW=<ISO time>. */
  now: () => Date;
  stdinIsTTY: boolean;
  /** `log <id>`: the history main.ts started before the command table loaded. */
  earlyHistory?: EarlyHistory | undefined;
  /** Set by the command that ran; main.ts turns it into the exit code. */
  exitCode?: number;
}

/** A command's result: the exit code (0 when it returns nothing). */
export type CommandResult = Promise<number | void>;
