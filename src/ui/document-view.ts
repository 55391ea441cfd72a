// A post-mortem as a person reads it in the terminal.
import type { Postmortem } from '../core/model.js';
import { computeMetrics } from '../core/metrics.js';
import { formatDuration, formatInZone } from '../core/time.js';
import { styler } from './style.js';

export function formatDocument(doc: Postmortem, path: string, color: boolean): string {
  const c = styler(color);
  const zone = doc.timezone;
  const m = computeMetrics(doc);
  const out: string[] = [];
  const heading = (text: string): void => void out.push('', c.bold.underline(text));
  const prose = (label: string, text: string | undefined): void => {
    if (text === undefined) return;
    heading(label);
    out.push(text);
  };
  const list = (label: string, items: string[]): void => {
    if (items.length === 0) return;
    heading(label);
    for (const item of items) out.push(`  • ${item.replace(/\n/g, '\n    ')}`);
  };
  out.push(c.bold(doc.title), c.dim(`${doc.id} · ${path}`));
  out.push(`${c.bold(doc.severity)} · ${doc.status}${doc.services.length ? ` · ${doc.services.join(', ')}` : ''}`);
  if (doc.authors.length) out.push(`Authors: ${doc.authors.join(', ')}`);
  if (doc.reviewers.length) out.push(`Reviewers: ${doc.reviewers.join(', ')}`);
  heading('Key times');
  const times: [string, string | undefined, number | null][] = [
    ['Started', doc.started_at, null],
    ['Detected', doc.detected_at, m.time_to_detect],
    ['Mitigated', doc.mitigated_at, m.time_to_mitigate],
    ['Resolved', doc.resolved_at, m.time_to_resolve],
  ];
  for (const [label, at, minutes] of times) {
    const when = at === undefined ? c.dim('—') : formatInZone(at, zone);
    out.push(`  ${label.padEnd(10)}${when}${minutes === null ? '' : c.dim(`  (+${formatDuration(minutes)})`)}`);
  }
  prose('Summary', doc.summary);
  if (doc.impact.description || doc.impact.not_affected || doc.impact.customers_affected !== undefined) {
    heading('Impact');
    if (doc.impact.description) out.push(doc.impact.description);
    if (doc.impact.customers_affected !== undefined) out.push(`Customers affected: ${doc.impact.customers_affected}`);
    if (doc.impact.data_loss !== undefined) out.push(`Data loss: ${doc.impact.data_loss ? 'yes' : 'no'}`);
    if (doc.impact.not_affected) out.push(c.bold('Not affected:'), doc.impact.not_affected);
  }
  if (doc.timeline.length) {
    heading('Timeline');
    for (const entry of doc.timeline) {
      out.push(`  ${formatInZone(entry.at, zone)}  ${entry.internal ? c.yellow('[internal] ') : ''}${entry.event}`);
    }
  }
  prose('Root cause', doc.root_cause.description);
  prose('Trigger', doc.root_cause.trigger);
  list('Contributing factors', doc.root_cause.contributing_factors);
  prose('Detection', doc.detection);
  prose('Resolution', doc.resolution);
  prose('Apology', doc.apology);
  if (doc.action_items.length) {
    heading('Action items');
    for (const a of doc.action_items) {
      const box = a.status === 'done' ? '[x]' : a.status === 'wont_do' ? '[-]' : a.status === 'in_progress' ? '[~]' : '[ ]';
      const meta = [a.owner, a.due && `due ${a.due}`, a.priority, a.type, a.status !== 'open' && a.status !== 'done' ? a.status : undefined]
        .filter(Boolean)
        .join(' · ');
      out.push(`  ${box} ${a.id} ${a.title}${a.internal ? c.yellow(' [internal]') : ''}${meta ? c.dim(`  (${meta})`) : ''}`);
    }
  }
  list('Went well', doc.lessons.went_well);
  list('Went wrong', doc.lessons.went_wrong);
  list('Where we got lucky', doc.lessons.lucky);
  if (doc.internal_notes) prose(`Internal notes ${c.yellow('[internal]')}`, doc.internal_notes);
  return out.join('\n');
}
