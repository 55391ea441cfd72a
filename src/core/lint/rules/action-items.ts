// Follow-through starts in the document: every action item needs someone who owns it, a
// date, a priority and a type, urgent items a near date, and finished items the link
// that shows the work.
import type { ActionItem, Postmortem } from '../../model.js';
import { dateInZone } from '../../time.js';
import type { LintRule, RuleFinding, RuleInput } from '../types.js';

const DAY_MS = 86_400_000;

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetweenDates(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const FIELD_HINTS = {
  owner: 'add "  - owner: <team or person>" under the item: an item nobody owns does not get done',
  due: 'add "  - due: YYYY-MM-DD" under the item',
  priority: 'add "  - priority: P0|P1|P2|P3" under the item',
  type: 'add "  - type: prevent|mitigate|detect|process" under the item',
} as const;

function missingFields(item: ActionItem, line: number): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const key of ['owner', 'due', 'priority', 'type'] as const) {
    if (key === 'due' && item.status === 'wont_do') continue;
    if (item[key] === undefined)
      findings.push({
        line,
        message: `action item ${item.id} has no ${key}`,
        hint: FIELD_HINTS[key],
      });
  }
  return findings;
}

function dueWindow(
  doc: Postmortem,
  item: ActionItem,
  line: number,
  days: number | undefined,
): RuleFinding[] {
  if (item.due === undefined || item.priority === undefined || days === undefined) return [];
  if (item.status === 'done' || item.status === 'wont_do') return [];
  const start = dateInZone(doc.started_at, doc.timezone);
  const after = daysBetweenDates(start, item.due);
  if (after < 0) {
    return [
      {
        line,
        message: `action item ${item.id} is due ${item.due}, before the incident started (${start})`,
        hint: 'correct the due date',
      },
    ];
  }
  if (after <= days) return [];
  return [
    {
      line,
      message: `${item.priority} action item ${item.id} is due ${item.due}, ${after} days after the incident; ${item.priority} items must be due within ${days} days`,
      hint: `bring the due date forward to ${addDays(start, days)} or earlier, or lower the priority if it is not that urgent`,
    },
  ];
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function check({ doc, lines, settings }: RuleInput): RuleFinding[] {
  return doc.action_items.flatMap((item, i) => {
    const path = `action_items.${i}`;
    const line = lines.get(path) ?? 1;
    const findings = missingFields(item, line);
    const days = item.priority === undefined ? undefined : settings.dueWithinDays[item.priority];
    findings.push(...dueWindow(doc, item, lines.get(`${path}.due`) ?? line, days));
    if (item.status === 'done' && item.link === undefined) {
      findings.push({
        line,
        message: `action item ${item.id} is done but has no link to the work`,
        hint: 'add "  - link: https://..." pointing at the ticket or change that did it, so readers can check',
      });
    }
    return findings;
  });
}

export const actionItems: LintRule = {
  name: 'action-items',
  defaultLevel: 'error',
  description:
    'owner, due date, priority and type on every item; urgent items due soon; done items keep their link',
  check,
};
