// Exit codes and messages at the process boundary, as a user meets them.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo } from '../helpers/repo.js';

describe('usage errors at the process boundary', () => {
  it('no command, or help for a command that does not exist, is a usage error (exit 2)', async () => {
    const repo = makeTempRepo();
    const bare = await runCli([], { cwd: repo.root, env: repo.env });
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain('Usage: postmortem');
    const unknown = await runCli(['help', 'nope'], { cwd: repo.root, env: repo.env });
    expect(unknown.code).toBe(2);
    const asked = await runCli(['help', 'update'], { cwd: repo.root, env: repo.env });
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain('Usage: postmortem update');
  });

  it('quotes bidirectional overrides and zero-width characters escaped, not raw', async () => {
    const repo = makeTempRepo();
    const result = await runCli(['show', 'a\u202eb\u200bc'], { cwd: repo.root, env: repo.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"a\\u202eb\\u200bc"');
    expect(result.stderr).not.toMatch(/[\u202e\u200b]/);
  });

  it('lint --json prints one JSON document, like --format json; with another --format it is a usage error', async () => {
    const repo = makeTempRepo();
    const json = await runCli(['lint', '--json'], { cwd: repo.root, env: repo.env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      findings: [],
      summary: { files: 0, filesWithFindings: 0, errors: 0, warnings: 0 },
    });
    const both = await runCli(['lint', '--json', '--format', 'github'], {
      cwd: repo.root,
      env: repo.env,
    });
    expect(both.code).toBe(2);
    expect(both.stdout).toBe('');
  });

  it('a POSTMORTEM_NOW that is not a time is a usage error with the fix, not a crash', async () => {
    const repo = makeTempRepo();
    const result = await runCli(['list'], {
      cwd: repo.root,
      env: { ...repo.env, POSTMORTEM_NOW: 'garbage' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'postmortem: POSTMORTEM_NOW "garbage" is not a time\n  set it to an ISO 8601 time like 2026-11-24T02:00:00+11:00, or unset it to use the clock\n',
    );
  });

  it('--repo naming a file says it is a file, not that nothing is there', async () => {
    const repo = makeTempRepo({ 'notes.md': 'x\n' });
    const result = await runCli(['--repo', 'notes.md', 'list'], { cwd: repo.root, env: repo.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'postmortem: --repo notes.md: a file, not a folder\n  pass the folder of the repository, like --repo incidents\n',
    );
  });
});
