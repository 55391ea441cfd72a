// 8. Remediation: action items in a loop (title, owner, due date, priority, type, link),
// each editable or removable afterwards. Follow-through needs an owner and a date.
import {
  ACTION_STATUSES,
  ACTION_TYPES,
  PRIORITIES,
  type ActionItem,
  type ActionStatus,
  type ActionType,
  type Priority,
} from '../../core/model.js';
import { dateInZone, isPlainDate } from '../../core/time.js';
import { continuing, zoneOf, type FlowContext } from '../context.js';
import { editLoop } from '../list-loop.js';
import { CLEAR, optional } from '../prompter.js';

const TYPE_HELP: Record<ActionType, string> = {
  prevent: 'stop it happening again',
  mitigate: 'make it hurt less next time',
  detect: 'notice it sooner',
  process: 'how we work: on-call, reviews, runbooks',
};

/** "2026-12-15", "+7d", "+2w" -> a date; undefined with a reason otherwise. */
export function parseDueDate(text: string, today: string): { date: string } | { reason: string } {
  const value = text.trim();
  if (isPlainDate(value)) return { date: value };
  const m = /^\+(\d{1,3})\s*([dw])$/i.exec(value);
  if (m) {
    const days = Number(m[1]) * (m[2]!.toLowerCase() === 'w' ? 7 : 1);
    const [y, mo, d] = today.split('-').map(Number) as [number, number, number];
    return { date: new Date(Date.UTC(y, mo - 1, d + days)).toISOString().slice(0, 10) };
  }
  return { reason: `"${value}" is not a date: write YYYY-MM-DD (like 2026-12-15), or +7d, +2w` };
}

function nextId(items: readonly ActionItem[]): string {
  const used = new Set(items.map((i) => i.id));
  let n = items.length + 1;
  while (used.has(`AI-${n}`)) n++;
  return `AI-${n}`;
}

function label(item: ActionItem): string {
  const facts = [
    item.owner,
    item.due,
    item.priority,
    item.type,
    item.status === 'open' ? undefined : item.status,
    item.internal ? 'internal' : undefined,
  ].filter(Boolean);
  return `${item.id}: ${item.title}${facts.length ? ` (${facts.join(', ')})` : ''}`;
}

async function askItem(
  ctx: FlowContext,
  current: ActionItem | undefined,
): Promise<ActionItem | undefined> {
  const p = ctx.prompter;
  const title = await p.text({
    id: 'action-title',
    message: current ? 'Title' : 'Action item (Enter when done)',
    default: current?.title,
    required: current !== undefined,
  });
  if (title.trim() === '') return undefined;
  const today = dateInZone(ctx.now.toISOString(), zoneOf(ctx));
  const owner = optional(
    await p.text({
      id: 'action-owner',
      message: 'Owner (a team or a person)',
      default: current?.owner,
    }),
  );
  const dueText = await p.text({
    id: 'action-due',
    message: 'Due (YYYY-MM-DD, +7d, +2w; Enter to skip)',
    default: current?.due,
    validate: (v) => {
      const r = parseDueDate(v, today);
      return v.trim() === CLEAR || 'date' in r ? true : r.reason;
    },
  });
  const due = optional(dueText);
  const priority = await p.select<Priority>({
    id: 'action-priority',
    message: 'Priority',
    choices: PRIORITIES.map((v) => ({ value: v, name: v })),
    default: current?.priority ?? 'P2',
  });
  const type = await p.select<ActionType>({
    id: 'action-type',
    message: 'Type',
    choices: ACTION_TYPES.map((v) => ({ value: v, name: `${v} — ${TYPE_HELP[v]}` })),
    default: current?.type ?? 'prevent',
  });
  const link = optional(
    await p.text({
      id: 'action-link',
      message: 'Link to the ticket (Enter to skip)',
      default: current?.link,
      validate: (v) =>
        v.trim() === CLEAR || /^https?:\/\/[^\s<>"]+$/i.test(v.trim())
          ? true
          : 'a link starts with http:// or https://',
    }),
  );
  const status: ActionStatus = current
    ? await p.select<ActionStatus>({
        id: 'action-status',
        message: 'Status',
        choices: ACTION_STATUSES.map((v) => ({ value: v, name: v })),
        default: current.status,
      })
    : 'open';
  const internal = await p.confirm({
    id: 'action-internal',
    message: 'Internal only?',
    default: current?.internal ?? false,
  });
  const item: ActionItem = {
    id: current?.id ?? nextId(ctx.doc.action_items),
    title: title.trim(),
    status,
    internal,
    priority,
    type,
  };
  if (owner !== undefined) item.owner = owner;
  if (due !== undefined) {
    const parsed = parseDueDate(due, today);
    if ('date' in parsed) item.due = parsed.date;
  }
  if (link !== undefined) item.link = link;
  return item;
}

function show(ctx: FlowContext): void {
  const items = ctx.doc.action_items;
  ctx.prompter.say(
    items.length === 0
      ? 'Action items: none yet.'
      : `Action items:\n${items.map((i) => `  ${label(i)}`).join('\n')}`,
  );
}

async function pick(ctx: FlowContext, verb: string): Promise<number> {
  const items = ctx.doc.action_items;
  return Number(
    await ctx.prompter.select({
      id: `action-${verb.toLowerCase()}`,
      message: `${verb} which one?`,
      choices: items.map((item, i) => ({ value: String(i), name: label(item) })),
    }),
  );
}

async function addItems(ctx: FlowContext): Promise<void> {
  for (;;) {
    const item = await askItem(ctx, undefined);
    if (!item) return;
    ctx.doc.action_items = [...ctx.doc.action_items, item];
    show(ctx);
  }
}

export async function actionsFlow(ctx: FlowContext): Promise<void> {
  ctx.prompter.say(
    'Action items: what we will change so this does not happen again. Each needs an owner and a due date.',
  );
  show(ctx);
  if (ctx.doc.action_items.length === 0 || continuing(ctx, 'actions')) await addItems(ctx);
  await editLoop(ctx.prompter, {
    id: 'actions-action',
    message: 'Action items',
    names: { add: 'Add more', edit: 'Edit one', delete: 'Delete one' },
    count: () => ctx.doc.action_items.length,
    add: () => addItems(ctx),
    edit: async () => {
      const i = await pick(ctx, 'Edit');
      const item = await askItem(ctx, ctx.doc.action_items[i]);
      if (item) ctx.doc.action_items = ctx.doc.action_items.map((x, j) => (j === i ? item : x));
      show(ctx);
    },
    delete: async () => {
      const i = await pick(ctx, 'Delete');
      ctx.doc.action_items = ctx.doc.action_items.filter((_, j) => j !== i);
      show(ctx);
    },
  });
}
