// Runs one command line: the context, the command table, and the exit code from what
// the command returned or threw. The entry (main.ts) calls it, from the bundle.
import { isatty } from 'node:tty';
import type { CommandContext } from './context.js';
import { UsageError } from './errors.js';
import { earlyLogId } from './store/early-log.js';
import { createOutput } from './ui/output.js';

function clock(env: NodeJS.ProcessEnv): () => Date {
  const pinned = env.POSTMORTEM_NOW;
  if (pinned === undefined || pinned === '') return () => new Date();
  const ms = Date.parse(pinned);
  if (Number.isNaN(ms))
    throw new UsageError(
      `POSTMORTEM_NOW "${pinned}" is not a time`,
      'set it to an ISO 8601 time like 2026-11-24T02:00:00+11:00, or unset it to use the clock',
    );
  return () => new Date(ms);
}

/** Messages may quote a file's text: never let its control characters drive the terminal. */
function safeText(text: string): string {
  // Bidirectional overrides and zero-width characters would disguise what is quoted.
  const control =
    // eslint-disable-next-line no-control-regex -- control characters are what it escapes
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
  return text.replace(control, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function errorExit(error: unknown, color: boolean): number {
  const err = error as {
    name?: string;
    exitCode?: number;
    hint?: string;
    message?: string;
    code?: string;
  };
  if (err.name === 'CommanderError') {
    // Help shown because something was missing (no command, `help nope`) is a usage error.
    if (err.code === 'commander.help') return err.exitCode === 0 ? 0 : 2;
    return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 2;
  }
  if (err.name === 'ExitPromptError' || err.name === 'AbortPromptError') {
    process.stderr.write('\nCancelled.\n');
    return 130;
  }
  const red = (s: string): string => (color ? `\u001b[31m${s}\u001b[39m` : s);
  if (err.name === 'UserError' || err.name === 'UsageError' || err.name === 'DocumentError') {
    process.stderr.write(`${red('postmortem:')} ${safeText(err.message ?? '')}\n`);
    if (err.hint) process.stderr.write(`  ${safeText(err.hint)}\n`);
    return err.exitCode ?? 1;
  }
  if (err.name === 'FindingsExit') return 1;
  process.stderr.write(
    `${red('postmortem: unexpected error (a bug):')}\n${(error as Error)?.stack ?? String(error)}\n`,
  );
  process.stderr.write('Please report it with the command you ran.\n');
  return 1;
}

/**
 * `log <id>` waits mostly for git: in its plain forms (`log <id>`, `log <id> --json`) git
 * is started before commander and the command table load; runLog uses it when the id
 * names the file it guessed.
 */
async function earlyHistory(args: string[]): Promise<CommandContext['earlyHistory']> {
  const id = earlyLogId(args);
  if (id === undefined) return undefined;
  const { startHistoryEarly } = await import('./commands/log.js');
  return startHistoryEarly(process.cwd(), undefined, id);
}

/** Runs a command line: its words after the script's name. */
export async function run(args: string[]): Promise<void> {
  const early = await earlyHistory(args);
  const json = args.includes('--json');
  const out = createOutput({ json });
  let code: number;
  try {
    const ctx: CommandContext = {
      cwd: process.cwd(),
      env: process.env,
      repo: undefined,
      out,
      now: clock(process.env),
      // isatty, not process.stdin.isTTY: opening the stdin stream costs startup time.
      stdinIsTTY: isatty(0),
      earlyHistory: early,
    };
    const { buildProgram } = await import('./cli.js');
    const program = buildProgram(ctx);
    await program.parseAsync(args, { from: 'user' });
    code = ctx.exitCode ?? 0;
  } catch (error) {
    code = errorExit(
      error,
      out.color || (process.stderr.isTTY === true && process.env.NO_COLOR === undefined),
    );
  }
  process.exitCode = code;
}
