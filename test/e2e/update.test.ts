// `postmortem update` during an incident, through the built CLI on a real repo.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo, type TempRepo } from '../helpers/repo.js';

const ID = '2026-11-24-api-returning-500s';

async function incident(): Promise<{ repo: TempRepo; env: NodeJS.ProcessEnv; file: string }> {
  const repo = makeTempRepo({ 'postmortem.yml': 'timezone: Australia/Sydney\n' });
  const env = { ...repo.env, POSTMORTEM_NOW: '2026-11-24T02:05:00+11:00' };
  expect(
    (await runCli(['new', '--quick', 'API returning 500s'], { cwd: repo.root, env })).code,
  ).toBe(0);
  return { repo, env, file: join(repo.root, 'postmortems', `${ID}.md`) };
}

describe('update', () => {
  it('appends an entry at now, prints the customer-facing text, and commits one file', async () => {
    const { repo, env, file } = await incident();
    const result = await runCli(
      ['update', ID, 'We are looking into errors on the API', '--state', 'investigating'],
      { cwd: repo.root, env },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'Investigating: API returning 500s\n2026-11-24 02:05 GMT+11\n\nWe are looking into errors on the API.\n\nWe are investigating now and will post another update within 30 minutes.\n',
    );
    expect(result.stderr).toContain(`Added to the timeline of postmortems/${ID}.md and committed.`);
    expect(readFileSync(file, 'utf8')).toContain(
      '## Timeline\n\n- 2026-11-24T02:05:00+11:00 We are looking into errors on the API\n',
    );
    expect(repo.git('log', '-1', '--format=%s')).toBe(`postmortem(${ID}): add timeline entry\n`);
    expect(repo.git('show', '--name-only', '--format=', 'HEAD')).toBe(`postmortems/${ID}.md\n`);
  });

  it('sets mitigated_at on monitoring and resolved_at on resolved only when unset, with --at times', async () => {
    const { repo, env, file } = await incident();
    const later = { ...env, POSTMORTEM_NOW: '2026-11-24T05:30:00+11:00' };
    expect(
      (
        await runCli(
          ['update', ID, 'Rolled back the deploy', '--state', 'monitoring', '--at', '04:40'],
          { cwd: repo.root, env: later },
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await runCli(['update', ID, 'Still watching', '--state', 'monitoring', '--at', '+10m'], {
          cwd: repo.root,
          env: later,
        })
      ).code,
    ).toBe(0);
    const done = await runCli(
      [
        'update',
        ID,
        'All requests succeed again',
        '--state',
        'resolved',
        '--at',
        '05:03',
        '--json',
      ],
      { cwd: repo.root, env: later },
    );
    expect(done.code).toBe(0);
    const json = JSON.parse(done.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      id: ID,
      state: 'resolved',
      mitigated_at: '2026-11-24T04:40:00+11:00',
      resolved_at: '2026-11-24T05:03:00+11:00',
      committed: true,
    });
    expect(json.status_update).toMatch(/^Resolved: API returning 500s\n2026-11-24 05:03 GMT\+11\n/);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(
      'mitigated_at: 2026-11-24T04:40:00+11:00\nresolved_at: 2026-11-24T05:03:00+11:00\n',
    );
    expect(text).toContain(
      '- 2026-11-24T04:40:00+11:00 Rolled back the deploy\n- 2026-11-24T04:50:00+11:00 Still watching\n- 2026-11-24T05:03:00+11:00 All requests succeed again\n',
    );
  });

  it('keeps internal entries out of customer text', async () => {
    const { repo, env, file } = await incident();
    const result = await runCli(['update', ID, 'Paged the database team', '--internal'], {
      cwd: repo.root,
      env,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('An internal entry: no customer-facing text.');
    expect(readFileSync(file, 'utf8')).toContain(
      '- 2026-11-24T02:05:00+11:00 [internal] Paged the database team\n',
    );
  });

  it('refuses a public update naming a redact term or an e-mail address, and saves nothing', async () => {
    const { repo, env, file } = await incident();
    const before = readFileSync(file, 'utf8');
    const withRedact = before.replace('redact: []', 'redact:\n  - db-prod-3');
    repo.write(`postmortems/${ID}.md`, withRedact);
    repo.git('commit', '-qam', 'redact');
    const result = await runCli(['update', ID, 'Restarted DB-PROD-3'], { cwd: repo.root, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /mentions "db-prod-3", which must never be public: nothing was saved/,
    );
    expect(result.stderr).toMatch(/--internal/);
    expect(readFileSync(file, 'utf8')).toBe(withRedact);
  });

  it('refuses bad times and bad input with the reason, exit 2, and writes nothing', async () => {
    const { repo, env, file } = await incident();
    const before = readFileSync(file, 'utf8');
    const cases: [string[], RegExp][] = [
      [['update', ID, 'x', '--at', '25:00'], /--at 25:00: .*hours go from 00 to 23/],
      [['update', ID, 'x', '--at', '23:00'], /is in the future/],
      [['update', ID, '   '], /the update text is empty/],
      [['update', ID, 'x', '--state', 'fixed'], /invalid|Allowed choices/i],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, { cwd: repo.root, env });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
    const missing = await runCli(['update', '2026-01-01-nothing', 'x'], { cwd: repo.root, env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no post-mortem at postmortems\/2026-01-01-nothing\.md/);
  });

  it('asks which offset for --at in the repeated hour of a DST change', async () => {
    const repo = makeTempRepo({ 'postmortem.yml': 'timezone: Europe/Berlin\n' });
    const env = { ...repo.env, POSTMORTEM_NOW: '2026-10-25T02:10:00+02:00' };
    expect((await runCli(['new', '--quick', 'Billing wrong'], { cwd: repo.root, env })).code).toBe(
      0,
    );
    const later = { ...env, POSTMORTEM_NOW: '2026-10-25T04:00:00+01:00' };
    const ambiguous = await runCli(
      ['update', '2026-10-25-billing-wrong', 'Restored', '--at', '02:20'],
      { cwd: repo.root, env: later },
    );
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(
      /happened twice in Europe\/Berlin.*2026-10-25T02:20:00\+02:00 or 2026-10-25T02:20:00\+01:00/,
    );
    const exact = await runCli(
      [
        'update',
        '2026-10-25-billing-wrong',
        'Restored',
        '--at',
        '2026-10-25T02:20:00+01:00',
        '--state',
        'monitoring',
      ],
      { cwd: repo.root, env: later },
    );
    expect(exact.code).toBe(0);
    expect(
      readFileSync(join(repo.root, 'postmortems/2026-10-25-billing-wrong.md'), 'utf8'),
    ).toContain('mitigated_at: 2026-10-25T02:20:00+01:00\n');
  });
});
