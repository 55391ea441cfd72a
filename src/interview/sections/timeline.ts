// 3. Timeline: a loop of entries (when, what, internal or public), shown sorted with the
// time elapsed since the start; entries can be edited or deleted, and key times still
// unknown can be picked from the entries.
import type { KeyTime, TimelineEntry } from '../../core/model.js';
import { shortTime } from '../../core/time-input.js';
import { sortTimeline } from '../../core/timeline.js';
import { formatDuration, minutesBetween, parseIsoTime } from '../../core/time.js';
import { askTime } from '../ask-time.js';
import { continuing, incidentDay, zoneOf, type FlowContext } from '../context.js';
import { editLoop } from '../list-loop.js';
import { previousKeyTime } from './times.js';

function elapsed(ctx: FlowContext, at: string): string {
  if (ctx.doc.started_at === '') return '';
  const minutes = minutesBetween(ctx.doc.started_at, at);
  return minutes === null
    ? ''
    : minutes < 0
      ? `-${formatDuration(-minutes)}`
      : `+${formatDuration(minutes)}`;
}

export function entryLabel(ctx: FlowContext, entry: TimelineEntry, index: number): string {
  const when = shortTime(entry.at, zoneOf(ctx), incidentDay(ctx));
  return `${index + 1}. ${when}  ${elapsed(ctx, entry.at).padEnd(8)} ${entry.internal ? '[internal] ' : ''}${entry.event}`;
}

function show(ctx: FlowContext): void {
  const entries = ctx.doc.timeline;
  if (entries.length === 0) return ctx.prompter.say('Timeline: no entries yet.');
  ctx.prompter.say(
    `Timeline (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, elapsed since the start):\n${entries.map((e, i) => `  ${entryLabel(ctx, e, i)}`).join('\n')}`,
  );
}

async function askEntry(
  ctx: FlowContext,
  current: TimelineEntry | undefined,
): Promise<TimelineEntry | undefined> {
  const last = ctx.doc.timeline[ctx.doc.timeline.length - 1];
  const reference = current
    ? undefined
    : last
      ? { at: last.at, label: 'the previous entry' }
      : ctx.doc.started_at
        ? { at: ctx.doc.started_at, label: 'the start' }
        : undefined;
  const at = await askTime(ctx.prompter, {
    id: 'timeline-at',
    message: current ? 'When?' : 'When? (Enter when the timeline is complete)',
    current: current?.at,
    required: current !== undefined,
    zone: zoneOf(ctx),
    now: ctx.now,
    day: incidentDay(ctx),
    reference: current ? { at: current.at, label: 'its time' } : reference,
  });
  if (at === undefined) return undefined;
  const event = await ctx.prompter.text({
    id: 'timeline-event',
    message: 'What happened?',
    default: current?.event,
    required: true,
    validate: (value) => (value.includes('\n') ? 'one line per entry' : true),
  });
  const internal = await ctx.prompter.confirm({
    id: 'timeline-internal',
    message: 'Internal only (names, hosts, people: never shown to customers)?',
    default: current?.internal ?? false,
  });
  return { at, event: event.trim(), internal };
}

async function pickEntry(ctx: FlowContext, id: string, message: string): Promise<number> {
  const choice = await ctx.prompter.select({
    id,
    message,
    choices: ctx.doc.timeline.map((e, i) => ({ value: String(i), name: entryLabel(ctx, e, i) })),
  });
  return Number(choice);
}

async function addEntries(ctx: FlowContext): Promise<void> {
  for (;;) {
    const entry = await askEntry(ctx, undefined);
    if (!entry) return;
    ctx.doc.timeline = sortTimeline([...ctx.doc.timeline, entry]);
    show(ctx);
  }
}

const KEY_TIME_QUESTIONS: [KeyTime, string][] = [
  ['detected_at', 'Which entry is when we noticed (detected)?'],
  ['mitigated_at', 'Which entry is when the impact stopped (mitigated)?'],
  ['resolved_at', 'Which entry is when it was resolved?'],
];

async function pickKeyTimes(ctx: FlowContext): Promise<void> {
  for (const [key, message] of KEY_TIME_QUESTIONS) {
    if (ctx.doc[key] !== undefined || ctx.doc.timeline.length === 0) continue;
    const previous = previousKeyTime(ctx.doc, key);
    const floor = previous === undefined ? -Infinity : (parseIsoTime(previous.at) ?? -Infinity);
    const choices = ctx.doc.timeline
      .map((e, i) => ({
        value: String(i),
        name: entryLabel(ctx, e, i),
        ms: parseIsoTime(e.at) ?? 0,
      }))
      .filter((c) => c.ms >= floor);
    if (choices.length === 0) continue;
    const picked = await ctx.prompter.select({
      id: `pick-${key}`,
      message: `${message} (it is not set yet)`,
      choices: [
        { value: 'none', name: 'None of these / not yet' },
        ...choices.map(({ value, name }) => ({ value, name })),
      ],
      default: 'none',
    });
    if (picked !== 'none') ctx.doc[key] = ctx.doc.timeline[Number(picked)]!.at;
  }
}

export async function timelineFlow(ctx: FlowContext): Promise<void> {
  show(ctx);
  if (ctx.doc.timeline.length === 0 || continuing(ctx, 'timeline')) await addEntries(ctx);
  await editLoop(ctx.prompter, {
    id: 'timeline-action',
    message: 'Timeline',
    names: { add: 'Add entries', edit: 'Edit an entry', delete: 'Delete an entry' },
    count: () => ctx.doc.timeline.length,
    add: () => addEntries(ctx),
    edit: async () => {
      const i = await pickEntry(ctx, 'timeline-edit', 'Edit which entry?');
      const entry = await askEntry(ctx, ctx.doc.timeline[i]);
      if (entry)
        ctx.doc.timeline = sortTimeline(ctx.doc.timeline.map((e, j) => (j === i ? entry : e)));
      show(ctx);
    },
    delete: async () => {
      const i = await pickEntry(ctx, 'timeline-delete', 'Delete which entry?');
      const sure = await ctx.prompter.confirm({
        id: 'timeline-delete-confirm',
        message: `Delete "${ctx.doc.timeline[i]!.event}"?`,
        default: false,
      });
      if (sure) ctx.doc.timeline = ctx.doc.timeline.filter((_, j) => j !== i);
      show(ctx);
    },
  });
  await pickKeyTimes(ctx);
}
