// The help main.ts prints without commander must be what commander prints for the command
// table in src/cli.ts, so the fast path can never go stale.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import type { CommandContext } from '../../src/context.js';
import { TOP_HELP, TOP_HELP_WIDTH } from '../../src/ui/help-text.js';

async function commanderHelp(
  args: string[],
): Promise<{ out: string; err: string; exitCode: number }> {
  const ctx = { cwd: process.cwd(), env: {}, repo: undefined } as unknown as CommandContext;
  const program = buildProgram(ctx);
  let out = '';
  let err = '';
  program.configureOutput({
    writeOut: (s) => (out += s),
    writeErr: (s) => (err += s),
    getOutHelpWidth: () => TOP_HELP_WIDTH,
    getErrHelpWidth: () => TOP_HELP_WIDTH,
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  });
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    return { out, err, exitCode: (error as { exitCode: number }).exitCode };
  }
  throw new Error(`commander did not stop for ${JSON.stringify(args)}`);
}

describe('the top-level help kept as text', () => {
  it.each([['--help'], ['-h'], ['help']])(
    '`%s` is byte for byte what commander prints (update src/ui/help-text.ts if not)',
    async (flag) => {
      const { out, err, exitCode } = await commanderHelp([flag]);
      expect(err).toBe('');
      expect(exitCode).toBe(0);
      expect(TOP_HELP).toBe(out);
    },
  );

  it('no arguments: the same text, on stderr', async () => {
    const { out, err, exitCode } = await commanderHelp([]);
    expect(out).toBe('');
    expect(exitCode).not.toBe(0);
    expect(err).toBe(TOP_HELP);
  });
});
