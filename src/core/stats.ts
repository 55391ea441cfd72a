// Insight from the documents alone (no git history): incident counts, how fast incidents
// are detected and resolved, and whether action items get done. Pure: the commands read
// one document at a time and hand over only the facts below.
import { PRIORITIES, type ActionItem } from './model.js';
import { dateInZone, minutesBetween, parseIsoTime } from './time.js';

const DAY_MS = 86_400_000;

/** What overdue and follow-through need of an action item; a due date absent or null is none. */
export interface DueFacts {
  status: ActionItem['status'];
  due?: string | null | undefined;
}

/** What stats needs of one post-mortem: a few fields, so a large repo stays small in memory. */
export interface IncidentFacts {
  id: string;
  severity: string;
  timezone: string;
  started_at: string;
  /** Absent or null: not known. */
  detected_at?: string | null | undefined;
  resolved_at?: string | null | undefined;
  action_items: DueFacts[];
}

/** Today's date (YYYY-MM-DD) in a timezone: due dates are days where the team works. */
export function todayIn(now: Date, zone: string): string {
  return dateInZone(now.toISOString(), zone);
}

/** Whole days from one date to another (YYYY-MM-DD). */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** An item is overdue while it is open or in progress after its due date. */
export function daysOverdue(item: DueFacts, today: string): number | null {
  if (item.due === undefined || item.due === null) return null;
  if (item.status !== 'open' && item.status !== 'in_progress') return null;
  const days = daysFrom(item.due, today);
  return days > 0 ? days : null;
}

/** The middle value; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export interface Spread {
  /** Incidents with this time known (and not running backwards). */
  count: number;
  median: number | null;
  p90: number | null;
}

export interface SeverityTimes {
  /** A severity, or "all". */
  severity: string;
  incidents: number;
  /** Minutes from start to detection. */
  time_to_detect: Spread;
  /** Minutes from start to resolution. */
  time_to_resolve: Spread;
}

export interface FollowThrough {
  /** Items whose due date has passed, or that are done already. */
  counted: number;
  /** Of those, the ones with status done. */
  done: number;
  /** done / counted, 0..1; null when nothing is counted yet. */
  share: number | null;
  /** Past their due date and not done. */
  overdue: number;
  /** Not due yet and not done. */
  not_yet_due: number;
  no_due_date: number;
  wont_do: number;
  definition: string;
}

export interface Stats {
  since: string | null;
  incidents: number;
  by_severity: { severity: string; count: number }[];
  by_month: { month: string; count: number }[];
  times: SeverityTimes[];
  action_items: FollowThrough;
  definitions: Record<string, string>;
}

export const DEFINITIONS = {
  month: 'the calendar month of started_at in the incident timezone',
  median: 'the middle value (the mean of the two middle values for an even count), in minutes',
  p90: 'nearest rank: the smallest value with at least 90% of the values at or below it, in minutes',
  times:
    'minutes from started_at to detected_at and to resolved_at; incidents without the time, or with times that run backwards (lint reports them), are left out',
  done_by_due_date:
    'done / counted, where counted = action items whose due date is before today (in the incident timezone) plus items already done before their due date; done = status done. The files record whether an item is done, not when, so an item finished late counts as done. Items marked wont_do and items without a due date are not counted.',
};

function spread(values: (number | null)[]): Spread {
  const known = values.filter((v): v is number => v !== null && v >= 0);
  return { count: known.length, median: median(known), p90: percentile(known, 90) };
}

function severityTimes(severity: string, incidents: readonly IncidentFacts[]): SeverityTimes {
  return {
    severity,
    incidents: incidents.length,
    time_to_detect: spread(
      incidents.map((i) => minutesBetween(i.started_at, i.detected_at ?? undefined)),
    ),
    time_to_resolve: spread(
      incidents.map((i) => minutesBetween(i.started_at, i.resolved_at ?? undefined)),
    ),
  };
}

/** Every month from the first to the last, so a chart shows quiet months as zero. */
function months(keys: readonly string[]): string[] {
  const sorted = [...new Set(keys)].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return [];
  const out: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let key = first; key <= last;) {
    out.push(key);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
    key = `${year}-${String(month).padStart(2, '0')}`;
  }
  return out;
}

function followThrough(incidents: readonly IncidentFacts[], now: Date): FollowThrough {
  const result: FollowThrough = {
    counted: 0,
    done: 0,
    share: null,
    overdue: 0,
    not_yet_due: 0,
    no_due_date: 0,
    wont_do: 0,
    definition: DEFINITIONS.done_by_due_date,
  };
  for (const incident of incidents) {
    const today = todayIn(now, incident.timezone);
    for (const item of incident.action_items) {
      if (item.status === 'wont_do') result.wont_do++;
      else if (item.due === undefined || item.due === null) result.no_due_date++;
      else if (item.status === 'done') {
        result.counted++;
        result.done++;
      } else if (item.due < today) {
        result.counted++;
        result.overdue++;
      } else result.not_yet_due++;
    }
  }
  result.share = result.counted === 0 ? null : result.done / result.counted;
  return result;
}

export interface StatsOptions {
  /** Only incidents that started on or after this date (YYYY-MM-DD, in their timezone). */
  since?: string | undefined;
  now: Date;
  /** The configured severities, most severe first, for the order of rows. */
  severities: readonly string[];
}

export function computeStats(all: readonly IncidentFacts[], options: StatsOptions): Stats {
  const since = options.since;
  const incidents = all.filter(
    (i) =>
      parseIsoTime(i.started_at) !== undefined &&
      (since === undefined || dateInZone(i.started_at, i.timezone) >= since),
  );
  const order = [
    ...options.severities,
    ...new Set(incidents.map((i) => i.severity).filter((s) => !options.severities.includes(s))),
  ];
  const bySeverity = order.map((severity) => ({
    severity,
    incidents: incidents.filter((i) => i.severity === severity),
  }));
  const monthOf = (i: IncidentFacts): string => dateInZone(i.started_at, i.timezone).slice(0, 7);
  const monthKeys = incidents.map(monthOf);
  return {
    since: since ?? null,
    incidents: incidents.length,
    by_severity: bySeverity.map(({ severity, incidents: list }) => ({
      severity,
      count: list.length,
    })),
    by_month: months(monthKeys).map((month) => ({
      month,
      count: monthKeys.filter((m) => m === month).length,
    })),
    times: [
      ...bySeverity
        .filter((s) => s.incidents.length > 0)
        .map((s) => severityTimes(s.severity, s.incidents)),
      severityTimes('all', incidents),
    ],
    action_items: followThrough(incidents, options.now),
    definitions: { ...DEFINITIONS },
  };
}

const PRIORITY_RANK: Record<string, number> = Object.fromEntries(PRIORITIES.map((p, i) => [p, i]));

interface DueItem {
  due?: string | null | undefined;
  priority?: string | null | undefined;
  postmortem: { id: string };
  id: string;
}

/** Action items by due date (undated last), then priority, post-mortem and item id. */
export function compareByDue(a: DueItem, b: DueItem): number {
  const due = (a.due ?? '9999-99-99').localeCompare(b.due ?? '9999-99-99');
  if (due !== 0) return due;
  const priority = (PRIORITY_RANK[a.priority ?? ''] ?? 9) - (PRIORITY_RANK[b.priority ?? ''] ?? 9);
  if (priority !== 0) return priority;
  return (
    a.postmortem.id.localeCompare(b.postmortem.id) ||
    a.id.localeCompare(b.id, 'en', { numeric: true })
  );
}
