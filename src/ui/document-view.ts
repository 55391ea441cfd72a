// A post-mortem as a person reads it in the terminal.
import type { ActionItem, Postmortem } from '../core/model.js';
import { computeMetrics } from '../core/metrics.js';
import { formatDuration, formatInZone } from '../core/time.js';
import { styler, type Style } from './style.js';

/**
 * Document text is shown with its control characters made visible: an ESC or a CR in a
 * hand-edited file must not move the cursor, recolour or rewrite the user's terminal.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it finds
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (ch) => {
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

class View {
  readonly lines: string[] = [];
  constructor(readonly c: Style) {}

  push(...lines: string[]): void {
    this.lines.push(...lines.map(terminalSafe));
  }

  heading(text: string): void {
    this.lines.push('', this.c.bold.underline(text));
  }

  prose(label: string, text: string | undefined): void {
    if (text === undefined) return;
    this.heading(label);
    this.push(text);
  }

  list(label: string, items: string[]): void {
    if (items.length === 0) return;
    this.heading(label);
    for (const item of items) this.push(`  • ${item.replace(/\n/g, '\n    ')}`);
  }
}

function keyTimes(v: View, doc: Postmortem): void {
  const m = computeMetrics(doc);
  v.heading('Key times');
  const times: [string, string | undefined, number | null][] = [
    ['Started', doc.started_at, null],
    ['Detected', doc.detected_at, m.time_to_detect],
    ['Mitigated', doc.mitigated_at, m.time_to_mitigate],
    ['Resolved', doc.resolved_at, m.time_to_resolve],
  ];
  for (const [label, at, minutes] of times) {
    const when = at === undefined ? v.c.dim('—') : formatInZone(at, doc.timezone);
    const after = minutes === null ? '' : v.c.dim(`  (+${formatDuration(minutes)})`);
    v.lines.push(`  ${label.padEnd(10)}${when}${after}`);
  }
}

function impact(v: View, doc: Postmortem): void {
  const { description, customers_affected, data_loss, not_affected } = doc.impact;
  if (
    !description &&
    !not_affected &&
    customers_affected === undefined &&
    data_loss === undefined
  ) {
    return;
  }
  v.heading('Impact');
  if (description) v.push(description);
  if (customers_affected !== undefined) v.push(`Customers affected: ${customers_affected}`);
  if (data_loss !== undefined) v.push(`Data loss: ${data_loss ? 'yes' : 'no'}`);
  if (not_affected) v.lines.push(v.c.bold('Not affected:'), terminalSafe(not_affected));
}

function timeline(v: View, doc: Postmortem): void {
  if (doc.timeline.length === 0) return;
  v.heading('Timeline');
  for (const entry of doc.timeline) {
    const marker = entry.internal ? v.c.yellow('[internal] ') : '';
    v.lines.push(
      `  ${formatInZone(entry.at, doc.timezone)}  ${marker}${terminalSafe(entry.event)}`,
    );
  }
}

const BOXES: Record<ActionItem['status'], string> = {
  open: '[ ]',
  in_progress: '[~]',
  done: '[x]',
  wont_do: '[-]',
};

function actionItems(v: View, items: ActionItem[]): void {
  if (items.length === 0) return;
  v.heading('Action items');
  for (const a of items) {
    const status = a.status !== 'open' && a.status !== 'done' ? a.status : undefined;
    const meta = [a.owner, a.due && `due ${a.due}`, a.priority, a.type, status]
      .filter(Boolean)
      .join(' · ');
    const internal = a.internal ? v.c.yellow(' [internal]') : '';
    const title = terminalSafe(`${a.id} ${a.title}`);
    v.lines.push(
      `  ${BOXES[a.status]} ${title}${internal}${meta ? v.c.dim(`  (${terminalSafe(meta)})`) : ''}`,
    );
  }
}

export function formatDocument(doc: Postmortem, path: string, color: boolean): string {
  const v = new View(styler(color));
  v.lines.push(v.c.bold(terminalSafe(doc.title)), v.c.dim(terminalSafe(`${doc.id} · ${path}`)));
  const services = doc.services.length ? ` · ${doc.services.join(', ')}` : '';
  v.lines.push(`${v.c.bold(doc.severity)} · ${doc.status}${terminalSafe(services)}`);
  if (doc.authors.length) v.push(`Authors: ${doc.authors.join(', ')}`);
  if (doc.reviewers.length) v.push(`Reviewers: ${doc.reviewers.join(', ')}`);
  keyTimes(v, doc);
  v.prose('Summary', doc.summary);
  impact(v, doc);
  timeline(v, doc);
  v.prose('Root cause', doc.root_cause.description);
  v.prose('Trigger', doc.root_cause.trigger);
  v.list('Contributing factors', doc.root_cause.contributing_factors);
  v.prose('Detection', doc.detection);
  v.prose('Resolution', doc.resolution);
  v.prose('Apology', doc.apology);
  actionItems(v, doc.action_items);
  v.list('Went well', doc.lessons.went_well);
  v.list('Went wrong', doc.lessons.went_wrong);
  v.list('Where we got lucky', doc.lessons.lucky);
  if (doc.internal_notes) v.prose(`Internal notes ${v.c.yellow('[internal]')}`, doc.internal_notes);
  return v.lines.join('\n');
}
