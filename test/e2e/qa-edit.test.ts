// `edit` without a terminal: a missing post-mortem is named before any advice to edit it.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo } from '../helpers/repo.js';

describe('edit without a terminal', () => {
  it('says there is no such post-mortem rather than to edit its file in an editor', async () => {
    const repo = makeTempRepo({ 'README.md': 'x\n' });
    const result = await runCli(['edit', '2026-01-01-nope'], { cwd: repo.root, env: repo.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'postmortem: no post-mortem at postmortems/2026-01-01-nope.md\n  see the ids with `postmortem list`\n',
    );
  });
});
