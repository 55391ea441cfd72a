// Reconciling a write with a change made to the file meanwhile (another `update` that
// landed first, an edit saved in an editor): a field-by-field three-way merge of the
// models, as git would merge lines. Timeline entries merge as sets, action items by id,
// lists item by item. Two different changes to the same fact are a conflict: the caller
// then stops rather than choose.
import type { ActionItem, Postmortem, TimelineEntry } from '../core/model.js';
import { parseIsoTime } from '../core/time.js';

export type MergeResult = { ok: true; doc: Postmortem } | { ok: false; conflicts: string[] };

const equal = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Additions and removals of both sides applied to the base, keyed by `key`. */
function mergeSet<T>(
  base: readonly T[],
  ours: readonly T[],
  theirs: readonly T[],
  key: (item: T) => string,
): T[] {
  const keys = (items: readonly T[]): Set<string> => new Set(items.map(key));
  const baseKeys = keys(base);
  const oursKeys = keys(ours);
  const theirsKeys = keys(theirs);
  const removed = new Set([...baseKeys].filter((k) => !oursKeys.has(k) || !theirsKeys.has(k)));
  const result = theirs.filter((item) => !removed.has(key(item)));
  const present = keys(result);
  for (const item of ours) {
    const k = key(item);
    if (!baseKeys.has(k) && !present.has(k)) {
      result.push(item);
      present.add(k);
    }
  }
  return result;
}

const entryKey = (e: TimelineEntry): string => JSON.stringify([e.at, e.event, e.internal]);

function byTime(entries: TimelineEntry[]): TimelineEntry[] {
  return entries
    .map((entry, i) => ({ entry, i, ms: parseIsoTime(entry.at) ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.ms - b.ms || a.i - b.i)
    .map((x) => x.entry);
}

function mergeActions(
  base: ActionItem[],
  ours: ActionItem[],
  theirs: ActionItem[],
  conflicts: string[],
): ActionItem[] {
  const find = (items: ActionItem[], id: string): ActionItem | undefined =>
    items.find((a) => a.id === id);
  const ids = mergeSet(
    base.map((a) => a.id),
    ours.map((a) => a.id),
    theirs.map((a) => a.id),
    (id) => id,
  );
  for (const b of base) {
    const o = find(ours, b.id);
    const t = find(theirs, b.id);
    // Removed on one side, changed on the other: neither wins silently.
    if (
      (o === undefined && t !== undefined && !equal(t, b)) ||
      (t === undefined && o !== undefined && !equal(o, b))
    ) {
      conflicts.push(`action item ${b.id}`);
    }
  }
  return ids.map((id) => {
    const b = find(base, id);
    const o = find(ours, id);
    const t = find(theirs, id);
    if (o === undefined) return t as ActionItem;
    if (t === undefined || b === undefined) return o;
    const merged = mergeValue(b, o, t, `action item ${id}`, conflicts);
    return merged as ActionItem;
  });
}

const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((item) => typeof item === 'string');

function mergeValue(
  base: unknown,
  ours: unknown,
  theirs: unknown,
  name: string,
  conflicts: string[],
): unknown {
  if (equal(ours, base) || equal(ours, theirs)) return theirs;
  if (equal(theirs, base)) return ours;
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isRecord(base) && isRecord(ours) && isRecord(theirs)) {
    const out: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(theirs), ...Object.keys(ours)])) {
      const value = mergeValue(base[key], ours[key], theirs[key], `${name}.${key}`, conflicts);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  if (isStrings(base) && isStrings(ours) && isStrings(theirs))
    return mergeSet(base, ours, theirs, (s) => s);
  conflicts.push(name);
  return theirs;
}

/** Merge `ours` (base + this command's change) with `theirs` (base + a change made meanwhile). */
export function mergePostmortems(
  base: Postmortem,
  ours: Postmortem,
  theirs: Postmortem,
): MergeResult {
  const conflicts: string[] = [];
  const doc: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(theirs), ...Object.keys(ours), ...Object.keys(base)]) as Set<
    keyof Postmortem
  >;
  for (const key of keys) {
    let value: unknown;
    if (equal(ours[key], base[key]) || equal(ours[key], theirs[key])) value = theirs[key];
    else if (equal(theirs[key], base[key])) value = ours[key];
    else if (key === 'timeline')
      value = byTime(mergeSet(base.timeline, ours.timeline, theirs.timeline, entryKey));
    else if (key === 'action_items')
      value = mergeActions(base.action_items, ours.action_items, theirs.action_items, conflicts);
    else value = mergeValue(base[key], ours[key], theirs[key], key, conflicts);
    if (value !== undefined) doc[key] = value;
  }
  return conflicts.length > 0
    ? { ok: false, conflicts }
    : { ok: true, doc: doc as unknown as Postmortem };
}
