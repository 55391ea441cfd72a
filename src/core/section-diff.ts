// What changed between two versions of a post-mortem, section by section: front matter
// fields, timeline entries added, removed or changed, action items by id with the fields
// that changed, list items, and prose as a word diff. Pure: models in, changes out.
import {
  ACTION_FIELDS as ACTION_LINE_FIELDS,
  BODY_SECTIONS,
  FRONT_MATTER_KEYS,
  type SectionSpec,
} from './format-layout.js';
import type { ActionItem, Postmortem, TimelineEntry } from './model.js';
import { getPath } from './serialize.js';

export interface FieldChange {
  field: string;
  /** null where the field is absent. */
  before: unknown;
  after: unknown;
}

export interface WordOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface TimelineChange {
  before: TimelineEntry;
  after: TimelineEntry;
  /** Which of at, event, internal differ. */
  fields: string[];
}

export interface ActionChange {
  id: string;
  title: string;
  fields: FieldChange[];
}

export type SectionChange =
  | { section: string; kind: 'fields'; fields: FieldChange[] }
  | { section: string; kind: 'prose'; words: WordOp[] }
  | { section: string; kind: 'list'; added: string[]; removed: string[] }
  | {
      section: string;
      kind: 'timeline';
      added: TimelineEntry[];
      removed: TimelineEntry[];
      changed: TimelineChange[];
    }
  | {
      section: string;
      kind: 'actions';
      added: ActionItem[];
      removed: ActionItem[];
      changed: ActionChange[];
    };

export const FRONT_MATTER_SECTION = 'Front matter';

const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function frontMatterChanges(
  before: Postmortem | undefined,
  after: Postmortem | undefined,
): FieldChange[] {
  return FRONT_MATTER_KEYS.flatMap(({ key, path }) => {
    const a = before === undefined ? undefined : getPath(before, path);
    const b = after === undefined ? undefined : getPath(after, path);
    return same(a, b) ? [] : [{ field: key, before: a ?? null, after: b ?? null }];
  });
}

/** Items of `a` not matched one-for-one in `b`, by `key`. */
function unmatched<T>(a: readonly T[], b: readonly T[], key: (item: T) => string): T[] {
  const counts = new Map<string, number>();
  for (const item of b) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return a.filter((item) => {
    const n = counts.get(key(item)) ?? 0;
    if (n === 0) return true;
    counts.set(key(item), n - 1);
    return false;
  });
}

const entryKey = (e: TimelineEntry): string => `${e.at}\u0000${e.event}\u0000${String(e.internal)}`;

/** Pair removed and added entries that share a time, then an event text: those changed. */
export function diffTimeline(before: readonly TimelineEntry[], after: readonly TimelineEntry[]) {
  const removed = unmatched(before, after, entryKey);
  const added = unmatched(after, before, entryKey);
  const changed: TimelineChange[] = [];
  for (const sameField of ['at', 'event'] as const) {
    for (const old of [...removed]) {
      const i = added.findIndex((e) => e[sameField] === old[sameField]);
      if (i === -1) continue;
      const next = added.splice(i, 1)[0] as TimelineEntry;
      removed.splice(removed.indexOf(old), 1);
      const fields = (['at', 'event', 'internal'] as const).filter((f) => old[f] !== next[f]);
      changed.push({ before: old, after: next, fields });
    }
  }
  changed.sort((a, b) => after.indexOf(a.after) - after.indexOf(b.after));
  return { added, removed, changed };
}

/** Every field of an action item but its id: the title, then those written under it. */
const ACTION_FIELDS = ['title', ...ACTION_LINE_FIELDS] as const;

export function diffActions(before: readonly ActionItem[], after: readonly ActionItem[]) {
  const beforeIds = new Map(before.map((a) => [a.id, a]));
  const afterIds = new Set(after.map((a) => a.id));
  const added = after.filter((a) => !beforeIds.has(a.id));
  const removed = before.filter((a) => !afterIds.has(a.id));
  const changed: ActionChange[] = [];
  for (const item of after) {
    const old = beforeIds.get(item.id);
    if (old === undefined) continue;
    const fields = ACTION_FIELDS.filter((f) => !same(old[f], item[f])).map((f) => ({
      field: f,
      before: old[f] ?? null,
      after: item[f] ?? null,
    }));
    if (fields.length > 0) changed.push({ id: item.id, title: item.title, fields });
  }
  return { added, removed, changed };
}

function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

function pushOp(ops: WordOp[], op: WordOp['op'], text: string): void {
  if (text === '') return;
  const last = ops[ops.length - 1];
  if (last?.op === op) last.text += text;
  else ops.push({ op, text });
}

/** Above this many cells the middle of a prose diff is shown as replaced whole. */
const MAX_CELLS = 4_000_000;

/** A word diff: equal, deleted and inserted runs that rebuild both texts. */
export function diffWords(before: string, after: string): WordOp[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: WordOp[] = [];
  pushOp(ops, 'equal', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_CELLS) {
    pushOp(ops, 'delete', midA.join(''));
    pushOp(ops, 'insert', midB.join(''));
  } else {
    // Longest common subsequence, then walk it from the start.
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i]![j] =
          midA[i] === midB[j]
            ? lcs[i + 1]![j + 1]! + 1
            : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        pushOp(ops, 'equal', midA[i++]!);
        j++;
      } else if (j < m && (i === n || lcs[i]![j + 1]! > lcs[i + 1]![j]!)) {
        pushOp(ops, 'insert', midB[j++]!);
      } else {
        pushOp(ops, 'delete', midA[i++]!);
      }
    }
  }
  pushOp(ops, 'equal', a.slice(endA).join(''));
  return mergeNearbyChanges(ops);
}

/**
 * Changes separated only by whitespace become one deletion and one insertion, so a
 * rewritten phrase reads "[-just over-]{+three hours and+}" rather than word by word.
 */
function mergeNearbyChanges(ops: WordOp[]): WordOp[] {
  const out: WordOp[] = [];
  let i = 0;
  while (i < ops.length) {
    const op = ops[i] as WordOp;
    if (op.op === 'equal') {
      out.push({ ...op });
      i++;
      continue;
    }
    let deleted = '';
    let inserted = '';
    let j = i;
    for (; j < ops.length; j++) {
      const next = ops[j] as WordOp;
      if (next.op === 'delete') deleted += next.text;
      else if (next.op === 'insert') inserted += next.text;
      else if (/^\s+$/.test(next.text) && j + 1 < ops.length && ops[j + 1]?.op !== 'equal') {
        deleted += next.text;
        inserted += next.text;
      } else break;
    }
    pushOp(out, 'delete', deleted);
    pushOp(out, 'insert', inserted);
    i = j;
  }
  return out;
}

function sectionChange(
  name: string,
  spec: SectionSpec,
  before: Postmortem | undefined,
  after: Postmortem | undefined,
): SectionChange | undefined {
  if (spec.path === null) return undefined;
  const a = before === undefined ? undefined : getPath(before, spec.path);
  const b = after === undefined ? undefined : getPath(after, spec.path);
  if (same(a, b)) return undefined;
  switch (spec.kind) {
    case 'prose':
      return {
        section: name,
        kind: 'prose',
        words: diffWords((a as string | undefined) ?? '', (b as string | undefined) ?? ''),
      };
    case 'list': {
      const x = (a as string[] | undefined) ?? [];
      const y = (b as string[] | undefined) ?? [];
      const added = unmatched(y, x, String);
      const removed = unmatched(x, y, String);
      // Same items in another order: still a change worth showing.
      if (added.length === 0 && removed.length === 0)
        return { section: name, kind: 'list', added: y, removed: x };
      return { section: name, kind: 'list', added, removed };
    }
    case 'timeline':
      return {
        section: name,
        kind: 'timeline',
        ...diffTimeline(
          (a as TimelineEntry[] | undefined) ?? [],
          (b as TimelineEntry[] | undefined) ?? [],
        ),
      };
    case 'actions':
      return {
        section: name,
        kind: 'actions',
        ...diffActions(
          (a as ActionItem[] | undefined) ?? [],
          (b as ActionItem[] | undefined) ?? [],
        ),
      };
    default:
      return undefined;
  }
}

/**
 * The changes from `before` to `after` (undefined: the document did not exist), in the
 * order of the file: front matter first, then each section and subsection that changed.
 */
export function diffPostmortems(
  before: Postmortem | undefined,
  after: Postmortem | undefined,
): SectionChange[] {
  const changes: SectionChange[] = [];
  const fields = frontMatterChanges(before, after);
  if (fields.length > 0) changes.push({ section: FRONT_MATTER_SECTION, kind: 'fields', fields });
  for (const top of BODY_SECTIONS) {
    const own = sectionChange(top.heading, top, before, after);
    if (own) changes.push(own);
    for (const sub of top.subs ?? []) {
      const change = sectionChange(`${top.heading} / ${sub.heading}`, sub, before, after);
      if (change) changes.push(change);
    }
  }
  return changes;
}
