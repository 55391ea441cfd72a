// `postmortem actions` on real repositories: every item, by due date, overdue flagged.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo } from '../helpers/repo.js';

const example = (name: string): string =>
  readFileSync(new URL(`../../examples/${name}.md`, import.meta.url), 'utf8');
const OUTAGE = '2026-03-14-app-server-outage';
const BREACH = '2026-10-17-spam-posts-after-breach';
const DST = '2026-10-25-update-without-where';

interface Row {
  id: string;
  due: string | null;
  status: string;
  owner: string | null;
  overdue: boolean;
  days_overdue: number | null;
  postmortem: { id: string; path: string };
}

function repo(extra: Record<string, string> = {}) {
  return makeTempRepo({
    [`postmortems/${OUTAGE}.md`]: example(OUTAGE),
    [`postmortems/${BREACH}.md`]: example(BREACH),
    [`postmortems/${DST}.md`]: example(DST),
    ...extra,
  });
}

// Noon UTC on 10 November 2026: late evening of the 10th in Sydney, morning in Los Angeles.
const NOW = '2026-11-10T12:00:00Z';

function actions(r: ReturnType<typeof repo>, args: string[], now = NOW) {
  return runCli(['actions', ...args], { cwd: r.root, env: { ...r.env, POSTMORTEM_NOW: now } });
}

describe('postmortem actions', () => {
  it('lists every action item of every post-mortem by due date, with where it came from', async () => {
    const result = await actions(repo(), ['--json']);
    expect(result.code).toBe(0);
    const { items } = JSON.parse(result.stdout) as { items: Row[] };
    // 4 + 5 + 4 items in the examples, sorted by due date.
    expect(items.map((i) => `${i.due} ${i.postmortem.id.slice(11)}/${i.id}`)).toEqual([
      '2026-03-20 app-server-outage/AI-4',
      '2026-03-21 app-server-outage/AI-1',
      '2026-03-28 app-server-outage/AI-2',
      '2026-04-10 app-server-outage/AI-3',
      '2026-10-17 spam-posts-after-breach/AI-1',
      '2026-10-24 spam-posts-after-breach/AI-2',
      '2026-10-30 update-without-where/AI-4',
      '2026-11-01 update-without-where/AI-1',
      '2026-11-06 spam-posts-after-breach/AI-4',
      '2026-11-13 spam-posts-after-breach/AI-3',
      '2026-11-15 update-without-where/AI-2',
      '2026-12-01 update-without-where/AI-3',
      '2026-12-04 spam-posts-after-breach/AI-5',
    ]);
    expect(items[0]?.postmortem.path).toBe(`postmortems/${OUTAGE}.md`);
    // Open or in progress past the due date: 4 at the outage's AI-4 (20 Mar -> 10 Nov = 235 days), ...
    expect(items.filter((i) => i.overdue).map((i) => [i.id, i.days_overdue])).toEqual([
      ['AI-4', 235],
      ['AI-2', 227],
      ['AI-3', 214],
      ['AI-4', 4],
    ]);
    expect(items.filter((i) => i.status === 'done').every((i) => !i.overdue)).toBe(true);
  });

  it('shows a table with overdue items flagged and a summary', async () => {
    const result = await actions(repo(), []);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^DUE\s+PRI\s+STATUS\s+OWNER\s+POST-MORTEM\s+ITEM$/);
    expect(lines[1]).toMatch(
      /^2026-03-20\s+overdue 235d\s+P1\s+open\s+ops\s+2026-03-14-app-server-outage\s+AI-4: Give a second engineer access to restart app-prod-1$/,
    );
    expect(lines.filter((l) => l.includes('overdue '))).toHaveLength(4);
    expect(lines.at(-1)).toBe('13 action items: 8 open, 4 overdue');
  });

  it('filters by --overdue and --owner, and fails on overdue items only when asked', async () => {
    const r = repo();
    const overdue = await actions(r, ['--overdue', '--json']);
    expect((JSON.parse(overdue.stdout) as { items: Row[] }).items.map((i) => i.id)).toEqual([
      'AI-4',
      'AI-2',
      'AI-3',
      'AI-4',
    ]);
    expect(overdue.code).toBe(0);
    const platform = await actions(r, ['--owner', 'Platform', '--json']);
    expect(
      (JSON.parse(platform.stdout) as { items: Row[] }).items.map((i) => [i.owner, i.id]),
    ).toEqual([
      ['platform', 'AI-2'],
      ['platform', 'AI-2'],
      ['platform', 'AI-5'],
    ]);
    expect((await actions(r, ['--owner', 'ops', '--fail-on-overdue'])).code).toBe(1);
    // data-platform has nothing overdue on 10 November.
    expect((await actions(r, ['--owner', 'data-platform', '--fail-on-overdue'])).code).toBe(0);
  });

  it('decides "overdue" by the date where the incident happened', async () => {
    // At 07:30 UTC on 7 November it is still 23:30 on the 6th in Los Angeles: the breach's
    // AI-4, due 6 November, is not overdue there yet; an hour later it is.
    const r = repo();
    const result = await actions(r, ['--overdue', '--json'], '2026-11-07T07:30:00Z');
    const items = (JSON.parse(result.stdout) as { items: Row[] }).items;
    expect(items.some((i) => i.postmortem.id === BREACH && i.id === 'AI-4')).toBe(false);
    const later = await actions(r, ['--overdue', '--json'], '2026-11-07T08:30:00Z');
    expect(
      (JSON.parse(later.stdout) as { items: Row[] }).items.some(
        (i) => i.postmortem.id === BREACH && i.id === 'AI-4',
      ),
    ).toBe(true);
  });

  it('names a post-mortem it cannot read and exits 1, still listing the rest', async () => {
    const r = repo({ 'postmortems/2026-01-01-broken.md': '---\nid: 2026-01-01-broken\n' });
    const result = await actions(r, ['--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      items: Row[];
      unreadable: { path: string; error: string }[];
    };
    expect(report.items).toHaveLength(13);
    expect(report.unreadable.map((u) => u.path)).toEqual(['postmortems/2026-01-01-broken.md']);
    expect(result.stderr).toContain('postmortems/2026-01-01-broken.md could not be read');
  });

  it('says so when there are no action items', async () => {
    const empty = makeTempRepo({ 'README.md': 'x\n' });
    const result = await runCli(['actions'], { cwd: empty.root, env: empty.env });
    expect(result.stdout).toBe('No action items yet.\n');
    expect(result.code).toBe(0);
  });
});
