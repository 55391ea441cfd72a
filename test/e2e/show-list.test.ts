// The built CLI's `show` and `list` on real temp git repositories.
import { existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo, type TempRepo } from '../helpers/repo.js';

const EXAMPLE_ID = '2026-03-14-app-server-outage';
const EXAMPLE = readFileSync(new URL(`../../examples/${EXAMPLE_ID}.md`, import.meta.url), 'utf8');

/** Starts before Sydney's DST ends (03:00 AEDT -> 02:00 AEST), ends after it. */
const DST_ID = '2026-04-05-dst-night';
const DST_DOC = `---
id: ${DST_ID}
title: Queue stalled over the DST change
severity: SEV3
timezone: Australia/Sydney
started_at: 2026-04-05T01:50:00+11:00
detected_at: 2026-04-05T02:10:00+10:00
resolved_at: 2026-04-05T02:40:00+10:00
customers_affected: 0123
---

## Summary

The queue stalled at 01:50 AEDT.

## Timeline

- 2026-04-05T01:50:00+11:00 The queue stopped
- 2026-04-05T02:10:00+10:00 [internal] Alert on q-prod-2
`;

const BROKEN_ID = '2026-02-01-broken';
const MARKER = 'pwned-by-front-matter';
const BROKEN_DOC = `---js
require('fs').writeFileSync('${MARKER}', 'x'); globalThis.pwned = true; module.exports = {}
---

## Summary

x
`;

function repoWith(files: Record<string, string>): TempRepo {
  return makeTempRepo(files);
}

/** Every file of the repo outside .git, with its bytes: to prove nothing was written. */
function snapshot(repo: TempRepo): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(repo.root, dir), { withFileTypes: true })) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (path === '.git') continue;
      if (entry.isDirectory()) walk(path);
      else
        out.set(
          path,
          entry.isSymbolicLink() ? `-> link` : readFileSync(join(repo.root, path), 'latin1'),
        );
    }
  };
  walk('');
  return out;
}

const run = (repo: TempRepo, args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli(args, { cwd: repo.root, env: { ...repo.env, ...env } });

const ESC = '\u001b';

describe('postmortem show', () => {
  it('--json prints every contract key, the path, and metrics in whole minutes', async () => {
    const repo = repoWith({ [`postmortems/${EXAMPLE_ID}.md`]: EXAMPLE });
    const result = await run(repo, ['show', EXAMPLE_ID, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toStrictEqual([
      'id',
      'title',
      'status',
      'severity',
      'authors',
      'reviewers',
      'services',
      'timezone',
      'started_at',
      'detected_at',
      'mitigated_at',
      'resolved_at',
      'approved_at',
      'published_at',
      'summary',
      'impact',
      'timeline',
      'root_cause',
      'detection',
      'resolution',
      'apology',
      'action_items',
      'lessons',
      'internal_notes',
      'redact',
      'path',
      'metrics',
    ]);
    expect(Object.keys(json.impact as object)).toStrictEqual([
      'description',
      'customers_affected',
      'not_affected',
      'data_loss',
    ]);
    expect(Object.keys(json.root_cause as object)).toStrictEqual([
      'description',
      'trigger',
      'contributing_factors',
    ]);
    expect(Object.keys(json.lessons as object)).toStrictEqual(['went_well', 'went_wrong', 'lucky']);
    expect(json.path).toBe(`postmortems/${EXAMPLE_ID}.md`);
    expect(json.started_at).toBe('2026-03-14T02:00:00+11:00');
    expect(json.metrics).toStrictEqual({
      time_to_detect: 4,
      time_to_mitigate: 178,
      time_to_resolve: 183,
    });
    expect((json.action_items as Record<string, unknown>[])[0]).toStrictEqual({
      id: 'AI-1',
      title: 'Page a second on-call engineer automatically after 10 minutes',
      owner: 'ops',
      due: '2026-03-21',
      priority: 'P0',
      type: 'process',
      status: 'done',
      link: 'https://tracker.example.com/OPS-12',
      internal: false,
    });
  });

  it('--json: null where a time is missing, exact across DST, strings kept as written', async () => {
    const repo = repoWith({ [`postmortems/${DST_ID}.md`]: DST_DOC });
    const result = await run(repo, ['show', `postmortems/${DST_ID}.md`, '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    // Wall clocks say 20 and 50 minutes; the real durations are an hour longer.
    expect(json.metrics).toStrictEqual({
      time_to_detect: 80,
      time_to_mitigate: null,
      time_to_resolve: 110,
    });
    expect(json.mitigated_at).toBeNull();
    expect(json.approved_at).toBeNull();
    expect(json.detection).toBeNull();
    expect(json.impact).toStrictEqual({
      description: null,
      customers_affected: '0123',
      not_affected: null,
      data_loss: null,
    });
    expect(json.timeline).toStrictEqual([
      { at: '2026-04-05T01:50:00+11:00', event: 'The queue stopped', internal: false },
      { at: '2026-04-05T02:10:00+10:00', event: 'Alert on q-prod-2', internal: true },
    ]);
  });

  it('prints the document for a person, times in its timezone, without escape codes off a TTY', async () => {
    const repo = repoWith({
      [`postmortems/${DST_ID}.md`]: DST_DOC.replace('stalled at', `stalled ${ESC}[2J at`),
    });
    for (const env of [{}, { NO_COLOR: '1' }, { FORCE_COLOR: '3' }]) {
      const result = await run(repo, ['show', DST_ID], env);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain(ESC);
      expect(result.stderr).toBe('');
      const lines = result.stdout.split('\n');
      expect(lines.slice(0, 3)).toStrictEqual([
        'Queue stalled over the DST change',
        `${DST_ID} · postmortems/${DST_ID}.md`,
        'SEV3 · draft',
      ]);
      expect(result.stdout).toContain('  Started   2026-04-05 01:50 GMT+11\n');
      expect(result.stdout).toContain('  Detected  2026-04-05 02:10 GMT+10  (+1h 20m)\n');
      expect(result.stdout).toContain('  Mitigated —\n');
      expect(result.stdout).toContain('  Resolved  2026-04-05 02:40 GMT+10  (+1h 50m)\n');
      expect(result.stdout).toContain('  2026-04-05 02:10 GMT+10  [internal] Alert on q-prod-2\n');
      // A control character in the file is shown, not sent to the terminal.
      expect(result.stdout).toContain('The queue stalled \\u001b[2J at 01:50 AEDT.');
    }
  });

  it('refuses a broken document with its exact message and exit 1, running and writing nothing', async () => {
    const repo = repoWith({ [`postmortems/${BROKEN_ID}.md`]: BROKEN_DOC });
    const before = snapshot(repo);
    for (const args of [
      ['show', BROKEN_ID],
      ['show', BROKEN_ID, '--json'],
      ['show', `postmortems/${BROKEN_ID}.md`],
    ]) {
      const result = await run(repo, args);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `postmortem: postmortems/${BROKEN_ID}.md:1: front matter must open with a line of exactly "---", found "---js": only plain YAML front matter is read, never code\n`,
      );
    }
    expect(existsSync(join(repo.root, MARKER))).toBe(false);
    expect(snapshot(repo)).toStrictEqual(before);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('reports every problem of a document at once', async () => {
    const bad = EXAMPLE.replace('severity: SEV1', 'severity: SEV9').replace(
      'data_loss: false',
      'data_loss: no',
    );
    const repo = repoWith({ [`postmortems/${EXAMPLE_ID}.md`]: bad });
    const result = await run(repo, ['show', EXAMPLE_ID]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        `postmortem: postmortems/${EXAMPLE_ID}.md:5: severity "SEV9" is not one of SEV1, SEV2, SEV3, SEV4 (did you mean "SEV1"?)`,
        `postmortems/${EXAMPLE_ID}.md:21: data_loss "no" is not a boolean: write true or false`,
        '',
      ].join('\n'),
    );
  });

  it('refuses a symlinked document', async () => {
    const repo = repoWith({ [`postmortems/${EXAMPLE_ID}.md`]: EXAMPLE });
    symlinkSync(`${EXAMPLE_ID}.md`, join(repo.root, 'postmortems', '2026-03-15-link.md'));
    const result = await run(repo, ['show', '2026-03-15-link']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'postmortem: postmortems/2026-03-15-link.md is a symbolic link: postmortem does not follow links\n  replace the link with the real file\n',
    );
  });

  it('refuses a document whose id does not match its file name', async () => {
    const repo = repoWith({ 'postmortems/2026-03-16-copy.md': EXAMPLE });
    const result = await run(repo, ['show', '2026-03-16-copy', '--json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `postmortem: postmortems/2026-03-16-copy.md:2: id "${EXAMPLE_ID}" does not match the file name: rename the file to ${EXAMPLE_ID}.md or change the id\n`,
    );
  });

  it('refuses ids that are not ids, as usage errors', async () => {
    const repo = repoWith({ [`postmortems/${EXAMPLE_ID}.md`]: EXAMPLE });
    const result = await run(repo, ['show', 'CON']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'postmortem: "CON" is not a valid post-mortem id: lowercase letters, digits and dashes',
    );
    const missing = await run(repo, ['show', '2026-01-01-nothing']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'postmortem: no post-mortem at postmortems/2026-01-01-nothing.md\n  see the ids with `postmortem list`\n',
    );
  });

  it('--repo points at another folder; --repo at a file is a usage error', async () => {
    const repo = repoWith({ [`postmortems/${EXAMPLE_ID}.md`]: EXAMPLE });
    const elsewhere = makeTempRepo({}, { git: false });
    const result = await runCli(['--repo', repo.root, 'show', EXAMPLE_ID, '--json'], {
      cwd: elsewhere.root,
      env: repo.env,
    });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { path: string }).path).toBe(
      `postmortems/${EXAMPLE_ID}.md`,
    );
    const onFile = await runCli(
      ['--repo', join(repo.root, 'postmortems', `${EXAMPLE_ID}.md`), 'list'],
      {
        cwd: elsewhere.root,
        env: repo.env,
      },
    );
    expect(onFile.code).toBe(2);
    expect(onFile.stdout).toBe('');
    expect(onFile.stderr).toMatch(/^postmortem: --repo .*\.md: /);
  });
});

describe('postmortem list', () => {
  it('lists every document, a broken one with its error, and exits 1', async () => {
    const repo = repoWith({
      [`postmortems/${EXAMPLE_ID}.md`]: EXAMPLE,
      [`postmortems/${DST_ID}.md`]: DST_DOC,
      [`postmortems/${BROKEN_ID}.md`]: BROKEN_DOC,
    });
    const before = snapshot(repo);
    const result = await run(repo, ['list']);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain(ESC);
    expect(result.stdout.split('\n')).toStrictEqual([
      'ID                            STATUS     SEV   STARTED                  DURATION  TITLE',
      `${BROKEN_ID.padEnd(30)}${'error'.padEnd(11)}${' '.repeat(6 + 25 + 10)}postmortems/${BROKEN_ID}.md:1: front matter must open with a line of exactly "---", found "---js": only plain YAML front matter is read, never code`,
      `${EXAMPLE_ID}  published  SEV1  2026-03-14 02:00 GMT+11  3h 3m     App unavailable for three hours after the main server crashed at 2 a.m.`,
      `${DST_ID}          draft      SEV3  2026-04-05 01:50 GMT+11  1h 50m    Queue stalled over the DST change`,
      '',
    ]);
    expect(result.stderr).toBe(
      '1 of 3 post-mortems could not be read: run `postmortem show <id>` for every problem\n',
    );
    expect(existsSync(join(repo.root, MARKER))).toBe(false);
    expect(snapshot(repo)).toStrictEqual(before);
  });

  it('--json: one JSON document, the broken file listed with its error, exit 1', async () => {
    const repo = repoWith({
      [`postmortems/${DST_ID}.md`]: DST_DOC,
      [`postmortems/${BROKEN_ID}.md`]: BROKEN_DOC,
    });
    symlinkSync(`${DST_ID}.md`, join(repo.root, 'postmortems', '2026-04-06-link.md'));
    const result = await run(repo, ['list', '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toStrictEqual([
      {
        id: BROKEN_ID,
        path: `postmortems/${BROKEN_ID}.md`,
        title: null,
        status: null,
        severity: null,
        started_at: null,
        timezone: null,
        duration: null,
        error: `postmortems/${BROKEN_ID}.md:1: front matter must open with a line of exactly "---", found "---js": only plain YAML front matter is read, never code`,
      },
      {
        id: DST_ID,
        path: `postmortems/${DST_ID}.md`,
        title: 'Queue stalled over the DST change',
        status: 'draft',
        severity: 'SEV3',
        started_at: '2026-04-05T01:50:00+11:00',
        timezone: 'Australia/Sydney',
        duration: 110,
        error: null,
      },
      {
        id: '2026-04-06-link',
        path: 'postmortems/2026-04-06-link.md',
        title: null,
        status: null,
        severity: null,
        started_at: null,
        timezone: null,
        duration: null,
        error:
          'postmortems/2026-04-06-link.md is a symbolic link: postmortem does not follow links',
      },
    ]);
  });

  it('exits 0 when every document reads, and says so when there are none', async () => {
    const repo = repoWith({ [`postmortems/${EXAMPLE_ID}.md`]: EXAMPLE });
    const ok = await run(repo, ['list', '--json']);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as unknown[]).length).toBe(1);
    const empty = makeTempRepo({ 'README.md': '# x\n' });
    const none = await run(empty, ['list']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe(
      'No post-mortems in postmortems/ yet: start one with `postmortem new`.\n',
    );
    const noneJson = await run(empty, ['list', '--json']);
    expect(noneJson.stdout).toBe('[]\n');
  });

  it('lists the three examples of the package without error', async () => {
    const dir = new URL('../../examples/', import.meta.url);
    const files: Record<string, string> = {};
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
      files[`postmortems/${name}`] = readFileSync(new URL(name, dir), 'utf8');
    }
    const repo = repoWith(files);
    const result = await run(repo, ['list', '--json']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as { error: string | null }[];
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.error === null)).toBe(true);
    writeFileSync(join(repo.root, 'postmortems', 'notes.txt'), 'not a post-mortem');
    expect((await run(repo, ['list', '--json'])).code).toBe(0);
  });
});
