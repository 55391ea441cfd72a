// `postmortem actions`: every action item in the repository by due date, with the
// post-mortem it came from, overdue ones flagged. Follow-through is the point.
import type { CommandContext, CommandResult } from '../context.js';
import { compareByDue, daysOverdue, todayIn } from '../core/stats.js';
import { styler, table } from '../ui/style.js';
import { summarySource } from './cached-summaries.js';
import { readDocumentFacts, type ItemFacts } from './document-facts.js';

export interface ActionsOptions {
  overdue?: boolean;
  owner?: string;
  failOnOverdue?: boolean;
  json?: boolean;
}

export interface ActionRow extends ItemFacts {
  overdue: boolean;
  /** Days past the due date while not done; null when not overdue. */
  days_overdue: number | null;
  postmortem: { id: string; title: string; severity: string; status: string; path: string };
}

interface Unreadable {
  path: string;
  error: string;
}

async function readRows(
  ctx: CommandContext,
): Promise<{ rows: ActionRow[]; unreadable: Unreadable[] }> {
  const now = ctx.now();
  const rows: ActionRow[] = [];
  const unreadable: Unreadable[] = [];
  for (const { path, error, doc, items } of await readDocumentFacts(summarySource(ctx))) {
    if (doc === null) {
      unreadable.push({ path, error: error ?? '' });
      continue;
    }
    const today = todayIn(now, doc.timezone);
    for (const item of items) {
      const days = daysOverdue(item, today);
      rows.push({
        ...item,
        overdue: days !== null,
        days_overdue: days,
        postmortem: {
          id: doc.id,
          title: doc.title,
          severity: doc.severity,
          status: doc.status,
          path,
        },
      });
    }
  }
  return { rows: rows.sort(compareByDue), unreadable };
}

function printTable(ctx: CommandContext, rows: ActionRow[], total: number): void {
  const c = styler(ctx.out.color);
  if (rows.length === 0) {
    ctx.out.print(total === 0 ? 'No action items yet.' : 'No action items match.');
    return;
  }
  const body = rows.map((r) => [
    r.due ?? '—',
    r.overdue ? c.red(`overdue ${r.days_overdue}d`) : '',
    r.priority ?? '',
    r.status === 'done' ? c.green('done') : r.status,
    r.owner ?? c.red('no owner'),
    r.postmortem.id,
    `${r.id}: ${r.title}`,
  ]);
  ctx.out.print(
    table(body, {
      header: ['DUE', '', 'PRI', 'STATUS', 'OWNER', 'POST-MORTEM', 'ITEM'].map((h) => c.bold(h)),
    }),
  );
  const open = rows.filter((r) => r.status === 'open' || r.status === 'in_progress').length;
  const overdue = rows.filter((r) => r.overdue).length;
  const summary = `${rows.length} action item${rows.length === 1 ? '' : 's'}: ${open} open, ${overdue} overdue`;
  ctx.out.print(overdue > 0 ? c.red(summary) : summary);
}

export async function runActions(ctx: CommandContext, options: ActionsOptions): CommandResult {
  const { rows, unreadable } = await readRows(ctx);
  const owner = options.owner?.trim().toLowerCase();
  const shown = rows.filter(
    (r) =>
      (!options.overdue || r.overdue) &&
      (owner === undefined || (r.owner ?? '').toLowerCase() === owner),
  );
  if (options.json) ctx.out.printJson({ items: shown, unreadable });
  else printTable(ctx, shown, rows.length);
  for (const u of unreadable)
    ctx.out.info(
      `${u.path} could not be read, so its action items are missing: ${u.error} (run \`postmortem lint\`)`,
    );
  const failed =
    unreadable.length > 0 || (options.failOnOverdue === true && shown.some((r) => r.overdue));
  return Promise.resolve(failed ? 1 : 0);
}
