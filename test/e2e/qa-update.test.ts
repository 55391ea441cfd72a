// `update` during an incident: what it prints for customers passes the repo's leak
// patterns and carries no internal marker, and the key times it sets keep their order.
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

  it('refuses --state monitoring or resolved at a time before the start (usage, exit 2)', async () => {
    const { cwd, env, file } = await incident();
    const before = readFileSync(file, 'utf8');
    const later = { ...env, POSTMORTEM_NOW: '2026-05-01T12:00:00Z' };
    for (const state of ['monitoring', 'resolved']) {
      const result = await runCli(['update', ID, 'Fixed', '--state', state, '--at', '09:30'], {
        cwd,
        env: later,
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'before started_at 2026-05-01T10:00:00+00:00\n  give a time after 2026-05-01T10:00:00+00:00 with --at',
      );
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
    const leadUp = await runCli(['update', ID, 'Deploy went out', '--at', '09:30'], {
      cwd,
      env: later,
    });
    expect(leadUp.code).toBe(0);
    const fixed = await runCli(['update', ID, 'Fixed', '--state', 'resolved', '--at', '11:00'], {
      cwd,
      env: later,
    });
    expect(fixed.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(
      'mitigated_at: 2026-05-01T11:00:00+00:00\nresolved_at: 2026-05-01T11:00:00+00:00\n',
    );
  });

  it('refuses a public update that carries an internal marker; with --internal the marker is not doubled', async () => {
    const { cwd, env, file } = await incident();
    const before = readFileSync(file, 'utf8');
    for (const text of ['[internal] Paged the database team', 'Note [!INTERNAL] here']) {
      const result = await runCli(['update', ID, text], { cwd, env });
      expect(result.code, text).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('pass --internal to add it as an internal entry');
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
    const internal = await runCli(
      ['update', ID, '[INTERNAL] Paged the database team', '--internal'],
      {
        cwd,
        env,
      },
    );
    expect(internal.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(
      '- 2026-05-01T10:00:00+00:00 [internal] Paged the database team\n',
    );
  });
});
