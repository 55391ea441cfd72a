// `postmortem stats`: counts by severity and month, time to detect and to resolve, and
// action item follow-through, from the documents alone.
import { severityNames } from '../config/config.js';
import type { CommandContext, CommandResult } from '../context.js';
import { computeStats, type IncidentFacts, type Spread, type Stats } from '../core/stats.js';
import { formatDuration, isPlainDate } from '../core/time.js';
import { UsageError } from '../errors.js';
import { styler, table } from '../ui/style.js';
import { summarySource } from './cached-summaries.js';
import { readDocumentFacts } from './document-facts.js';

export interface StatsOptions {
  since?: string;
  json?: boolean;
}

const BAR_WIDTH = 30;

/** A bar of `value` against `max`: never empty for a value above zero. */
export function bar(value: number, max: number, width = BAR_WIDTH): string {
  if (max <= 0 || value <= 0) return '';
  return '█'.repeat(Math.max(1, Math.round((value / max) * width)));
}

function minutes(value: number | null): string {
  return value === null ? '—' : formatDuration(Math.round(value));
}

function spreadCells(s: Spread): string[] {
  return [minutes(s.median), minutes(s.p90), String(s.count)];
}

function chart(rows: { label: string; count: number }[]): string {
  const max = Math.max(0, ...rows.map((r) => r.count));
  return table(rows.map((r) => [`  ${r.label}`, String(r.count), bar(r.count, max)]));
}

function formatStats(stats: Stats, color: boolean): string {
  const c = styler(color);
  const out: string[] = [];
  const scope = stats.since === null ? '' : ` since ${stats.since}`;
  out.push(c.bold(`${stats.incidents} incident${stats.incidents === 1 ? '' : 's'}${scope}`), '');
  if (stats.incidents === 0) return out.join('\n').trimEnd();
  out.push(
    c.bold('By severity'),
    chart(stats.by_severity.map((s) => ({ label: s.severity, count: s.count }))),
    '',
  );
  out.push(
    c.bold('By month'),
    chart(stats.by_month.map((m) => ({ label: m.month, count: m.count }))),
    '',
  );
  out.push(c.bold('Time to detect and to resolve (from the start)'));
  const header = ['  SEVERITY', 'DETECT median', 'p90', 'n', 'RESOLVE median', 'p90', 'n'];
  const rows = stats.times.map((t) => [
    `  ${t.severity}`,
    ...spreadCells(t.time_to_detect),
    ...spreadCells(t.time_to_resolve),
  ]);
  out.push(table(rows, { header }), '');
  const a = stats.action_items;
  out.push(c.bold('Action items done by their due date'));
  if (a.share === null) out.push('  none due yet');
  else {
    const percent = Math.round(a.share * 100);
    const filled = Math.round(a.share * 20);
    out.push(
      `  ${c.green('█'.repeat(filled))}${c.dim('░'.repeat(20 - filled))}  ${percent}%  (${a.done} of ${a.counted})`,
    );
  }
  out.push(
    `  ${a.overdue} overdue, ${a.not_yet_due} not yet due, ${a.no_due_date} without a due date, ${a.wont_do} won't do`,
  );
  out.push(c.dim(`  Done by due date: ${a.definition}`));
  out.push(
    c.dim(
      `  Times: median and p90 (nearest rank) in each severity; ${stats.definitions.times ?? ''}.`,
    ),
  );
  return out.join('\n');
}

export async function runStats(ctx: CommandContext, options: StatsOptions): CommandResult {
  if (options.since !== undefined && !isPlainDate(options.since)) {
    throw new UsageError(
      `--since "${options.since}" is not a date`,
      'write it as YYYY-MM-DD, like --since 2026-01-01',
    );
  }
  const source = summarySource(ctx);
  const facts: IncidentFacts[] = [];
  const unreadable: string[] = [];
  for (const { path, doc, items } of await readDocumentFacts(source)) {
    if (doc === null) unreadable.push(path);
    else facts.push({ ...doc, action_items: items });
  }
  const stats = computeStats(facts, {
    since: options.since,
    now: ctx.now(),
    severities: severityNames(source.config),
  });
  if (options.json) ctx.out.printJson({ ...stats, unreadable });
  else ctx.out.print(formatStats(stats, ctx.out.color));
  for (const path of unreadable)
    ctx.out.info(`${path} could not be read and is not counted (run \`postmortem lint\`)`);
  return Promise.resolve(unreadable.length > 0 ? 1 : 0);
}
