// `update` during an incident: what it prints for customers passes the repo's leak
// patterns.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo } from '../helpers/repo.js';

const ID = '2026-05-01-database-down';
const CONFIG = "timezone: UTC\nleaks:\n  patterns:\n    - '\\b[a-z]+-prod-\\d+\\b'\n";

async function incident(): Promise<{ cwd: string; env: NodeJS.ProcessEnv; file: string }> {
  const repo = makeTempRepo({ 'postmortem.yml': CONFIG });
  const env = { ...repo.env, POSTMORTEM_NOW: '2026-05-01T10:00:00Z' };
  const started = await runCli(['new', '--quick', 'Database down'], { cwd: repo.root, env });
  expect(started.code).toBe(0);
  return { cwd: repo.root, env, file: join(repo.root, 'postmortems', `${ID}.md`) };
}

describe('update', () => {
  it('refuses a public update that matches a leak pattern of postmortem.yml, saving nothing', async () => {
    const { cwd, env, file } = await incident();
    const before = readFileSync(file, 'utf8');
    const result = await runCli(['update', ID, 'Restarted DB-prod-3', '--state', 'monitoring'], {
      cwd,
      env,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('the update mentions "DB-prod-3", which must never be public');
    expect(readFileSync(file, 'utf8')).toBe(before);
    const internal = await runCli(['update', ID, 'Restarted db-prod-3', '--internal'], {
      cwd,
      env,
    });
    expect(internal.code).toBe(0);
  });
});
