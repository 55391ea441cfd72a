import type { TimelineEntry } from './model.js';
import { parseIsoTime } from './time.js';

/** Entries in time order (as instants, so offsets are compared correctly); stable. */
export function sortTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  return entries
    .map((entry, i) => ({ entry, i, ms: parseIsoTime(entry.at) ?? 0 }))
    .sort((a, b) => a.ms - b.ms || a.i - b.i)
    .map((x) => x.entry);
}
