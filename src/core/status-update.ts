// The customer-facing text of a live update during an incident: what a status page, an
// email or a social post says. Pure, so `update` and `render --format status` agree.
import { formatInZone } from './time.js';

export const INCIDENT_STATES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export interface StatusUpdateInput {
  title: string;
  /** What the author wrote for this update. */
  text: string;
  /** ISO 8601 time of the update. */
  at: string;
  timezone: string;
  state?: IncidentState;
  services?: readonly string[];
}

const STATE_LABEL: Record<IncidentState, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

// What each state promises the reader next: they should never have to guess whether
// we are still on it or where to look.
const STATE_PROMISE: Record<IncidentState, string> = {
  investigating: 'We are investigating now and will post another update within 30 minutes.',
  identified:
    'We have found the cause and are working on a fix. We will post another update within 30 minutes.',
  monitoring:
    'A fix is in place and we are watching to make sure it holds. We will post again when this is resolved.',
  resolved:
    'This incident is resolved. We are sorry for the disruption it caused you, and we will publish a full post-mortem of what happened and what we are changing.',
};

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…:)"'»]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The update as plain text, ready to paste. */
export function buildStatusUpdate(input: StatusUpdateInput): string {
  const label = input.state === undefined ? 'Update' : STATE_LABEL[input.state];
  const lines = [`${label}: ${input.title}`, formatInZone(input.at, input.timezone)];
  if (input.services !== undefined && input.services.length > 0)
    lines.push(`Affected: ${input.services.join(', ')}`);
  lines.push('', sentence(input.text));
  if (input.state !== undefined) lines.push('', STATE_PROMISE[input.state]);
  return lines.join('\n');
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u;

/** Redact terms and e-mail addresses found in text meant for customers. */
export function publicLeaks(text: string, redact: readonly string[]): string[] {
  const lower = text.toLowerCase();
  const found = redact.filter((term) => term.trim() !== '' && lower.includes(term.toLowerCase()));
  const email = EMAIL.exec(text);
  if (email) found.push(email[0]);
  return found;
}
