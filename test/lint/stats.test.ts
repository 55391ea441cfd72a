// The pure figures behind `postmortem stats` and `postmortem actions`, checked against
// numbers worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import {
  compareByDue,
  computeStats,
  daysOverdue,
  median,
  percentile,
  todayIn,
  type IncidentFacts,
} from '../../src/core/stats.js';

const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
const NOW = new Date('2026-03-10T12:00:00Z');

function incident(
  id: string,
  severity: string,
  started: string,
  detect: number | null,
  resolve: number | null,
  items: IncidentFacts['action_items'],
  timezone = 'UTC',
): IncidentFacts {
  const at = (minutes: number | null): string | undefined => {
    if (minutes === null) return undefined;
    const offset = started.slice(19); // keep the written offset
    const ms = Date.parse(started) + minutes * 60_000;
    const local = new Date(
      ms +
        (offset === 'Z'
          ? 0
          : (offset.startsWith('-') ? -1 : 1) *
            (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) *
            60_000),
    );
    return `${local.toISOString().slice(0, 19)}${offset}`;
  };
  return {
    id,
    severity,
    timezone,
    started_at: started,
    detected_at: at(detect),
    resolved_at: at(resolve),
    action_items: items,
  };
}

const INCIDENTS: IncidentFacts[] = [
  incident('a', 'SEV1', '2026-01-05T10:00:00Z', 10, 60, [
    { status: 'done', due: '2026-01-10' },
    { status: 'open', due: '2026-01-20' },
    { status: 'wont_do', due: '2026-01-25' },
  ]),
  incident('b', 'SEV1', '2026-01-20T00:00:00Z', 30, 240, [
    { status: 'open', due: '2026-03-01' },
    { status: 'open', due: undefined },
  ]),
  // 00:30 in Berlin on 1 March is still 28 February in UTC: it counts for March.
  incident(
    'c',
    'SEV1',
    '2026-03-01T00:30:00+01:00',
    5,
    null,
    [{ status: 'done', due: '2026-03-20' }],
    'Europe/Berlin',
  ),
  incident('d', 'SEV2', '2026-02-10T08:00:00Z', 20, 100, [
    { status: 'in_progress', due: '2026-03-15' },
  ]),
  // Detected "before" it started: a chronology error, left out of time to detect.
  incident('e', 'SEV2', '2026-02-11T08:00:00Z', -5, 50, []),
];

describe('stats figures', () => {
  it('median and nearest-rank p90', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([30, 5, 10])).toBe(10);
    expect(median([5, 10, 20, 30])).toBe(15);
    expect(percentile([], 90)).toBeNull();
    expect(percentile([5, 10, 30], 90)).toBe(30); // rank ceil(2.7) = 3
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9); // rank 9
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10); // rank ceil(9.9) = 10
  });

  it('counts by severity (configured order, zeros kept) and by month in the incident timezone, gaps filled', () => {
    const stats = computeStats(INCIDENTS, { now: NOW, severities: SEVERITIES });
    expect(stats.incidents).toBe(5);
    expect(stats.by_severity).toEqual([
      { severity: 'SEV1', count: 3 },
      { severity: 'SEV2', count: 2 },
      { severity: 'SEV3', count: 0 },
      { severity: 'SEV4', count: 0 },
    ]);
    expect(stats.by_month).toEqual([
      { month: '2026-01', count: 2 },
      { month: '2026-02', count: 2 },
      { month: '2026-03', count: 1 },
    ]);
  });

  it('median and p90 time to detect and to resolve per severity and overall', () => {
    const { times } = computeStats(INCIDENTS, { now: NOW, severities: SEVERITIES });
    expect(times).toEqual([
      // detect 10, 30, 5 -> median 10, p90 30; resolve 60, 240 (c unresolved) -> median 150, p90 240
      {
        severity: 'SEV1',
        incidents: 3,
        time_to_detect: { count: 3, median: 10, p90: 30 },
        time_to_resolve: { count: 2, median: 150, p90: 240 },
      },
      // detect 20 (e's -5 left out); resolve 100, 50 -> median 75, p90 100
      {
        severity: 'SEV2',
        incidents: 2,
        time_to_detect: { count: 1, median: 20, p90: 20 },
        time_to_resolve: { count: 2, median: 75, p90: 100 },
      },
      // detect 5, 10, 20, 30 -> median 15, p90 30; resolve 50, 60, 100, 240 -> median 80, p90 240
      {
        severity: 'all',
        incidents: 5,
        time_to_detect: { count: 4, median: 15, p90: 30 },
        time_to_resolve: { count: 4, median: 80, p90: 240 },
      },
    ]);
  });

  it('the share of action items done by their due date, as defined', () => {
    const { action_items: a } = computeStats(INCIDENTS, { now: NOW, severities: SEVERITIES });
    // counted: a's done + c's done (early) + a's open (due 20 Jan) + b's open (due 1 Mar) = 4
    expect({ ...a, definition: undefined }).toEqual({
      counted: 4,
      done: 2,
      share: 0.5,
      overdue: 2,
      not_yet_due: 1,
      no_due_date: 1,
      wont_do: 1,
      definition: undefined,
    });
    expect(a.definition).toMatch(/status done/);
  });

  it('--since keeps incidents that started on or after the date where they happened', () => {
    const stats = computeStats(INCIDENTS, {
      since: '2026-03-01',
      now: NOW,
      severities: SEVERITIES,
    });
    expect(stats.since).toBe('2026-03-01');
    expect(stats.incidents).toBe(1);
    expect(stats.by_month).toEqual([{ month: '2026-03', count: 1 }]);
    expect(
      computeStats(INCIDENTS, { since: '2026-03-02', now: NOW, severities: SEVERITIES }).incidents,
    ).toBe(0);
  });

  it('no incidents: zeros and nulls, not errors', () => {
    const stats = computeStats([], { now: NOW, severities: SEVERITIES });
    expect(stats.by_month).toEqual([]);
    expect(stats.times).toEqual([
      {
        severity: 'all',
        incidents: 0,
        time_to_detect: { count: 0, median: null, p90: null },
        time_to_resolve: { count: 0, median: null, p90: null },
      },
    ]);
    expect(stats.action_items.share).toBeNull();
  });
});

describe('action item follow-through', () => {
  it('today is the date where the incident happened', () => {
    const now = new Date('2026-03-10T23:30:00Z');
    expect(todayIn(now, 'UTC')).toBe('2026-03-10');
    expect(todayIn(now, 'Australia/Sydney')).toBe('2026-03-11');
    expect(todayIn(now, 'America/Los_Angeles')).toBe('2026-03-10');
  });

  it('an open or in-progress item is overdue the day after its due date', () => {
    expect(daysOverdue({ status: 'open', due: '2026-03-10' }, '2026-03-10')).toBeNull();
    expect(daysOverdue({ status: 'open', due: '2026-03-10' }, '2026-03-11')).toBe(1);
    expect(daysOverdue({ status: 'in_progress', due: '2026-02-28' }, '2026-03-10')).toBe(10);
    expect(daysOverdue({ status: 'done', due: '2026-02-28' }, '2026-03-10')).toBeNull();
    expect(daysOverdue({ status: 'wont_do', due: '2026-02-28' }, '2026-03-10')).toBeNull();
    expect(daysOverdue({ status: 'open', due: undefined }, '2026-03-10')).toBeNull();
  });

  it('sorts by due date, undated last, then priority, post-mortem and item number', () => {
    const row = (pm: string, id: string, due?: string, priority?: string) => ({
      postmortem: { id: pm },
      id,
      due,
      priority,
    });
    const rows = [
      row('b', 'AI-10', '2026-03-01', 'P1'),
      row('a', 'AI-2'),
      row('b', 'AI-2', '2026-03-01', 'P1'),
      row('a', 'AI-1', '2026-03-01', 'P2'),
      row('z', 'AI-1', '2026-03-01', 'P0'),
      row('a', 'AI-9', '2026-01-01', 'P3'),
    ];
    expect(rows.sort(compareByDue).map((r) => `${r.postmortem.id}/${r.id}`)).toEqual([
      'a/AI-9',
      'z/AI-1',
      'b/AI-2',
      'b/AI-10',
      'a/AI-1',
      'a/AI-2',
    ]);
  });
});
