import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Postmortem } from '../../src/core/model.js';
import { parsePostmortemText } from '../../src/core/parse.js';
import { serializePostmortem } from '../../src/core/serialize.js';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo, type TempRepo } from '../helpers/repo.js';

const ID = '2026-03-14-app-server-outage';
const NEW_ID = '2026-03-14-app-outage';
const PATH = `postmortems/${ID}.md`;
const NEW_PATH = `postmortems/${NEW_ID}.md`;
const EXAMPLE = parsePostmortemText(
  readFileSync(new URL(`../../examples/${ID}.md`, import.meta.url), 'utf8'),
  'x',
);

function draft(overrides: Partial<Postmortem> = {}): Postmortem {
  const doc: Postmortem = { ...EXAMPLE, status: 'draft', reviewers: [], ...overrides };
  delete doc.approved_at;
  delete doc.published_at;
  return doc;
}

/** Four revisions: created; moved to review by the tool; edited by hand; renamed. */
async function historyRepo(): Promise<TempRepo> {
  const repo = makeTempRepo({ [PATH]: serializePostmortem(draft()), 'README.md': 'app\n' });
  const moved = await runCli(['status', ID, 'review'], { cwd: repo.root, env: repo.env });
  expect(moved.code).toBe(0);
  const reviewed = parsePostmortemText(readFileSync(join(repo.root, PATH), 'utf8'), PATH);
  const edited: Postmortem = {
    ...reviewed,
    summary: (reviewed.summary ?? '').replace(
      'just over three hours',
      'three hours and three minutes',
    ),
    timeline: [
      ...reviewed.timeline.filter((e) => !e.event.startsWith('We emailed')),
      {
        at: '2026-03-14T10:00:00+11:00',
        event: 'Status page updated with the full story',
        internal: false,
      },
    ].map((e) =>
      e.at === '2026-03-14T04:45:00+11:00'
        ? { ...e, event: 'The on-call engineer answered the phone' }
        : e,
    ),
    action_items: reviewed.action_items.map((a) =>
      a.id === 'AI-2' ? { ...a, status: 'done', owner: 'sre' } : a,
    ),
  };
  repo.write(PATH, serializePostmortem(edited));
  repo.git('commit', '--quiet', '-am', 'Tighten the summary and timeline');
  repo.git('mv', PATH, NEW_PATH);
  repo.write(NEW_PATH, serializePostmortem({ ...edited, id: NEW_ID }));
  repo.git('commit', '--quiet', '-am', 'Rename the post-mortem');
  return repo;
}

const cli = (repo: TempRepo, ...args: string[]) => runCli(args, { cwd: repo.root, env: repo.env });

describe('postmortem diff', () => {
  it('shows per section what changed between two revisions, across the rename', async () => {
    const repo = await historyRepo();
    const result = await cli(repo, 'diff', NEW_ID, 'HEAD~2', 'HEAD', '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const diff = JSON.parse(result.stdout) as {
      from: { path: string };
      to: { path: string };
      changes: { section: string; kind: string; [k: string]: unknown }[];
    };
    expect(diff.from.path).toBe(PATH);
    expect(diff.to.path).toBe(NEW_PATH);
    expect(diff.changes.map((c) => c.section)).toEqual([
      'Front matter',
      'Summary',
      'Timeline',
      'Action items',
    ]);
    expect(diff.changes[0]).toMatchObject({ fields: [{ field: 'id', before: ID, after: NEW_ID }] });
    expect(diff.changes[1]!.words).toEqual(
      expect.arrayContaining([
        { op: 'delete', text: 'just over ' },
        { op: 'insert', text: 'three hours and ' },
      ]),
    );
    expect(diff.changes[2]).toMatchObject({
      added: [
        { at: '2026-03-14T10:00:00+11:00', event: 'Status page updated with the full story' },
      ],
      removed: [{ at: '2026-03-14T09:30:00+11:00' }],
      changed: [{ fields: ['event'], after: { event: 'The on-call engineer answered the phone' } }],
    });
    expect(diff.changes[3]).toMatchObject({
      added: [],
      removed: [],
      changed: [
        {
          id: 'AI-2',
          fields: [
            { field: 'status', before: 'in_progress', after: 'done' },
            { field: 'owner', before: 'platform', after: 'sre' },
          ],
        },
      ],
    });
  });

  it('reads as text, section by section', async () => {
    const repo = await historyRepo();
    const result = await cli(repo, 'diff', NEW_ID, 'HEAD~3', 'HEAD~2');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `${ID}: HEAD~3 (${repo.git('rev-parse', '--short=7', 'HEAD~3').trim()}) -> HEAD~2 (${repo.git('rev-parse', '--short=7', 'HEAD~2').trim()})\n\nFront matter\n  status: draft -> review\n`,
    );
    const text = (await cli(repo, 'diff', NEW_ID, 'HEAD~2', 'HEAD~1')).stdout;
    expect(text).toContain('Summary\n');
    expect(text).toContain(
      'unavailable for [-just over -]{+three hours and +}three [-hours.-]{+minutes.+} Our monitoring',
    );
    expect(text).toContain('  + 2026-03-14T10:00:00+11:00 Status page updated with the full story');
    expect(text).toContain('  ~ AI-2: status: in_progress -> done; owner: platform -> sre');
  });

  it('compares the last commit with the working tree by default', async () => {
    const repo = await historyRepo();
    expect((await cli(repo, 'diff', NEW_ID)).stdout).toMatch(/-> working tree\nNo changes\.\n$/);
    const text = readFileSync(join(repo.root, NEW_PATH), 'utf8').replace(
      'severity: SEV1',
      'severity: SEV2',
    );
    repo.write(NEW_PATH, text);
    const result = await cli(repo, 'diff', NEW_ID, '--json');
    expect(JSON.parse(result.stdout)).toMatchObject({
      to: { rev: null, path: NEW_PATH },
      changes: [
        { section: 'Front matter', fields: [{ field: 'severity', before: 'SEV1', after: 'SEV2' }] },
      ],
    });
  });

  it('refuses revisions that look like options, and unknown ones, touching nothing', async () => {
    const repo = await historyRepo();
    const out = join(repo.root, 'leaked');
    for (const rev of [`--output=${out}`, '-p', '--upload-pack=touch leaked']) {
      const result = await cli(repo, 'diff', NEW_ID, '--', rev);
      expect(result.code, rev).toBe(2);
      expect(result.stderr).toContain('is not a revision postmortem accepts');
    }
    const unknown = await cli(repo, 'diff', NEW_ID, 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown revision "nope"');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(repo.root, 'leaked'))).toBe(false);
  });
});

describe('postmortem log', () => {
  it('lists the revisions newest first with status changes, following the rename', async () => {
    const repo = await historyRepo();
    const result = await cli(repo, 'log', NEW_ID, '--json');
    expect(result.code).toBe(0);
    const log = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(log.map((r) => [r.message, r.path, r.status, r.status_change])).toEqual([
      ['Rename the post-mortem', NEW_PATH, 'review', null],
      ['Tighten the summary and timeline', PATH, 'review', null],
      [
        `postmortem(${ID}): status draft -> review`,
        PATH,
        'review',
        { from: 'draft', to: 'review' },
      ],
      ['initial', PATH, 'draft', { from: null, to: 'draft' }],
    ]);
    expect(log[0]).toMatchObject({
      author: 'Test Author',
      email: 'author@example.com',
      commit: repo.git('rev-parse', 'HEAD').trim(),
    });
    expect(log[0]!.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
  });

  it('reads as one line a revision', async () => {
    const repo = await historyRepo();
    const lines = (await cli(repo, 'log', NEW_ID)).stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^[0-9a-f]{7} {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2} .* {2}Test Author {2}Rename the post-mortem$/,
    );
    expect(
      lines.some((l) => l.endsWith(`postmortem(${ID}): status draft -> review  [draft -> review]`)),
    ).toBe(true);
    expect(lines).toContain(`         (as ${PATH})`);
  });

  it('prints the same history in every form of the command, and again from the status cache', async () => {
    const repo = await historyRepo();
    const first = await cli(repo, 'log', NEW_ID, '--json');
    expect(first.code).toBe(0);
    expect(existsSync(join(repo.root, '.git', 'postmortem', 'status-cache.json'))).toBe(true);
    for (const args of [
      ['log', NEW_ID, '--json'],
      ['log', '--json', NEW_ID],
      ['--repo', '.', 'log', NEW_ID, '--json'],
      ['log', NEW_PATH, '--json'],
    ]) {
      expect(await cli(repo, ...args), args.join(' ')).toEqual(first);
    }
  });

  it('follows the folder the config names, not the one guessed before the config is read', async () => {
    const repo = await historyRepo();
    repo.write('postmortem.yml', 'folder: incidents\n');
    repo.git('mv', 'postmortems', 'incidents');
    repo.write(NEW_PATH, serializePostmortem({ ...draft(), id: NEW_ID, title: 'Decoy' }));
    repo.git('add', '.');
    repo.git('commit', '--quiet', '-m', 'Move to incidents, leave a decoy');
    const log = JSON.parse((await cli(repo, 'log', NEW_ID, '--json')).stdout) as {
      message: string;
      path: string;
    }[];
    expect(log.map((r) => r.path)).toContain(`incidents/${NEW_ID}.md`);
    expect(log[0]?.message).toBe('Move to incidents, leave a decoy');
    expect(log.map((r) => r.message)).toContain('initial');
  });

  it('says when the post-mortem has no commits yet', async () => {
    const repo = makeTempRepo({ 'a.txt': 'a' });
    repo.write(NEW_PATH, serializePostmortem({ ...draft(), id: NEW_ID }));
    const result = await cli(repo, 'log', NEW_ID);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${NEW_PATH} has no commits yet`);
  });
});
