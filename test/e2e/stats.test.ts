// `postmortem stats` on a real repository: figures checked against hand-computed values.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo } from '../helpers/repo.js';

const example = (name: string): string =>
  readFileSync(new URL(`../../examples/${name}.md`, import.meta.url), 'utf8');
const OUTAGE = '2026-03-14-app-server-outage';
const BREACH = '2026-10-17-spam-posts-after-breach';
const DST = '2026-10-25-update-without-where';
const NOW = '2026-11-10T12:00:00Z';

function repo() {
  return makeTempRepo({
    [`postmortems/${OUTAGE}.md`]: example(OUTAGE),
    [`postmortems/${BREACH}.md`]: example(BREACH),
    [`postmortems/${DST}.md`]: example(DST),
  });
}

const stats = (r: ReturnType<typeof repo>, args: string[]) =>
  runCli(['stats', ...args], { cwd: r.root, env: { ...r.env, POSTMORTEM_NOW: NOW } });

interface StatsJson {
  since: string | null;
  incidents: number;
  by_severity: { severity: string; count: number }[];
  by_month: { month: string; count: number }[];
  times: {
    severity: string;
    incidents: number;
    time_to_detect: { count: number; median: number | null; p90: number | null };
    time_to_resolve: { count: number; median: number | null; p90: number | null };
  }[];
  action_items: {
    counted: number;
    done: number;
    share: number | null;
    overdue: number;
    not_yet_due: number;
    no_due_date: number;
    wont_do: number;
    definition: string;
  };
}

describe('postmortem stats', () => {
  it('computes the figures of the examples', async () => {
    const result = await stats(repo(), ['--json']);
    expect(result.code).toBe(0);
    const s = JSON.parse(result.stdout) as StatsJson;
    expect(s.incidents).toBe(3);
    expect(s.by_severity.map((x) => [x.severity, x.count])).toEqual([
      ['SEV1', 2],
      ['SEV2', 1],
      ['SEV3', 0],
      ['SEV4', 0],
    ]);
    // March, then seven quiet months, then October.
    expect(s.by_month.map((m) => m.count)).toEqual([1, 0, 0, 0, 0, 0, 0, 2]);
    expect(s.by_month[0]?.month).toBe('2026-03');
    // SEV1: detect 4 (outage) and 22 (breach) -> median 13, p90 22.
    // Resolve 183 (02:00 -> 05:03) and 1830 (17 Oct 09:40 -> 18 Oct 16:10) -> median 1006.5, p90 1830.
    // SEV2 across the DST change: 02:10+02:00 -> 02:24+02:00 is 14; -> 04:40+01:00 is 210, not 150.
    expect(s.times).toEqual([
      {
        severity: 'SEV1',
        incidents: 2,
        time_to_detect: { count: 2, median: 13, p90: 22 },
        time_to_resolve: { count: 2, median: 1006.5, p90: 1830 },
      },
      {
        severity: 'SEV2',
        incidents: 1,
        time_to_detect: { count: 1, median: 14, p90: 14 },
        time_to_resolve: { count: 1, median: 210, p90: 210 },
      },
      {
        severity: 'all',
        incidents: 3,
        time_to_detect: { count: 3, median: 14, p90: 22 },
        time_to_resolve: { count: 3, median: 210, p90: 1830 },
      },
    ]);
    // On 10 November: 5 done items; open past due: outage AI-2, AI-3, AI-4 and breach AI-4.
    // Not yet due: breach AI-3 (13 Nov), AI-5 (4 Dec); DST AI-2 (15 Nov), AI-3 (1 Dec).
    expect({ ...s.action_items, definition: '' }).toEqual({
      counted: 9,
      done: 5,
      share: 5 / 9,
      overdue: 4,
      not_yet_due: 4,
      no_due_date: 0,
      wont_do: 0,
      definition: '',
    });
    expect(s.action_items.definition).toContain('status done');
  });

  it('--since keeps only incidents from that date on', async () => {
    const s = JSON.parse(
      (await stats(repo(), ['--since', '2026-10-18', '--json'])).stdout,
    ) as StatsJson;
    expect(s.since).toBe('2026-10-18');
    expect(s.incidents).toBe(1);
    expect(s.by_severity.find((x) => x.count > 0)?.severity).toBe('SEV2');
  });

  it('refuses a --since that is not a date, with exit 2', async () => {
    const result = await stats(repo(), ['--since', 'last week']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--since "last week" is not a date');
  });

  it('shows a readable view with bar charts and the definition of "done by due date"', async () => {
    const result = await stats(repo(), []);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out.split('\n')[0]).toBe('3 incidents');
    // The largest count gets the full 30-character bar, the others in proportion.
    expect(out).toMatch(/\n {2}SEV1\s+2\s+█{30}\n {2}SEV2\s+1\s+█{15}\n {2}SEV3\s+0\n/);
    expect(out).toMatch(/\n {2}2026-03\s+1\s+█{15}\n/);
    expect(out).toMatch(/\n {2}SEV1\s+13m\s+22m\s+2\s+16h 47m\s+1d 6h 30m\s+2\n/);
    expect(out).toMatch(/\n {2}SEV2\s+14m\s+14m\s+1\s+3h 30m\s+3h 30m\s+1\n/);
    expect(out).toContain('56%  (5 of 9)');
    expect(out).toContain("4 overdue, 4 not yet due, 0 without a due date, 0 won't do");
    expect(out).toContain('Done by due date:');
  });

  it('counts nothing in an empty repository', async () => {
    const r = makeTempRepo({ 'README.md': 'x\n' });
    const result = await runCli(['stats'], { cwd: r.root, env: r.env });
    expect(result.stdout).toBe('0 incidents\n');
    expect(result.code).toBe(0);
  });
});
