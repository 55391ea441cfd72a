// git faults as a user meets them: one line and the fix, never a stack trace.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempDir, makeTempRepo } from '../helpers/repo.js';

const ID = '2026-03-14-app-server-outage';
const EXAMPLE = readFileSync(new URL(`../../examples/${ID}.md`, import.meta.url), 'utf8');

describe('git missing from PATH', () => {
  it('diff says git is missing and how to fix it (exit 1, no stack)', async () => {
    const repo = makeTempRepo({ [`postmortems/${ID}.md`]: EXAMPLE });
    const env = { ...repo.env, PATH: makeTempDir() };
    for (const args of [
      ['diff', ID],
      ['diff', ID, 'HEAD', 'HEAD'],
    ]) {
      const result = await runCli(args, { cwd: repo.root, env });
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toBe(
        'postmortem: git is not installed or not on PATH\n  install git, then run the command again\n',
      );
    }
  });
});
