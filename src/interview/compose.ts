// First drafts the author edits: a summary and an apology assembled from the answers so
// far. Pure. The apology follows the lessons in PRODUCT.md: own it in human words, say
// what happened, who is and is not affected, what to do now, what we are doing, where
// updates appear and what we give back. Never "sorry for any inconvenience".
import type { Postmortem } from '../core/model.js';
import { formatDuration, formatInZone, minutesBetween } from '../core/time.js';

export interface ApologyNotes {
  /** What customers should do now ("nothing" is an answer). */
  doNow?: string | undefined;
  /** Where updates will appear. */
  updates?: string | undefined;
  /** What we give back: credits, refunds. */
  giveBack?: string | undefined;
}

/** Phrases that pretend to apologise; refused in an apology. */
export const NON_APOLOGIES = [
  /\bany inconvenience\b/i,
  /\binconvenience (this|that) may have caused\b/i,
  /\bif anyone was (affected|offended)\b/i,
];

export function nonApology(text: string): string | undefined {
  const hit = NON_APOLOGIES.map((re) => re.exec(text)).find((m) => m !== null);
  return hit ? hit[0] : undefined;
}

function firstSentence(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const flat = text.replace(/^>.*$/gm, '').replace(/\s+/g, ' ').trim();
  if (flat === '') return undefined;
  const m = /^(.+?[.!?])(\s|$)/.exec(flat);
  return (m?.[1] ?? flat).trim();
}

function withStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function lowerFirst(text: string): string {
  // "The deploy" -> "the deploy", "A batch" -> "a batch"; "API", "I" and names stay as they are.
  return /^(?:[A-Z][a-z]|A\s)/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** "from 2026-11-24 02:00 AEDT to 05:03 (3h 3m)", or what part of it is known. */
function incidentWindow(doc: Postmortem): string | undefined {
  if (doc.started_at === '' || doc.timezone === '') return undefined;
  const start = formatInZone(doc.started_at, doc.timezone);
  const end = doc.resolved_at ?? doc.mitigated_at;
  if (end === undefined) return `since ${start}`;
  const shownEnd = formatInZone(end, doc.timezone);
  const sameDay = shownEnd.slice(0, 10) === start.slice(0, 10);
  return `from ${start} to ${sameDay ? shownEnd.slice(11) : shownEnd} (${formatDuration(minutesBetween(doc.started_at, end))})`;
}

export function summaryDraft(doc: Postmortem): string {
  const first: string[] = [];
  const window = incidentWindow(doc);
  first.push(withStop(window === undefined ? doc.title : `${doc.title}, ${window}`));
  const saw = firstSentence(doc.impact.description);
  if (saw !== undefined) first.push(saw);
  const cause = firstSentence(doc.root_cause.trigger) ?? firstSentence(doc.root_cause.description);
  if (cause !== undefined) first.push(`The cause: ${lowerFirst(cause)}`);
  const fix = firstSentence(doc.resolution);
  if (fix !== undefined) first.push(fix);
  return first.join(' ');
}

export function apologyDraft(doc: Postmortem, notes: ApologyNotes): string {
  const what = firstSentence(doc.impact.description) ?? withStop(doc.title);
  const window = incidentWindow(doc);
  const opening = [
    `We are sorry.`,
    window === undefined ? what : `${what.replace(/[.!?]$/, '')}, ${window}.`,
  ];
  const cause = firstSentence(doc.root_cause.trigger) ?? firstSentence(doc.root_cause.description);
  opening.push(
    cause === undefined
      ? 'That is our failure, not yours.'
      : `That is our failure: ${lowerFirst(cause)}`,
  );

  const who: string[] = [];
  if (doc.impact.customers_affected !== undefined)
    who.push(`This affected ${lowerFirst(String(doc.impact.customers_affected))}.`);
  const safe =
    doc.impact.not_affected
      ?.split('\n')
      .map((l) => l.replace(/^[-*]\s+/, '').trim())
      .filter((l) => l !== '') ?? [];
  if (safe.length > 0) who.push(safe.map(withStop).join(' '));

  const next: string[] = [];
  const doNow = notes.doNow?.trim();
  next.push(
    doNow === undefined || doNow === '' || /^nothing\.?$/i.test(doNow)
      ? 'You do not need to do anything.'
      : withStop(`What you should do now: ${lowerFirst(doNow)}`),
  );
  const fix = firstSentence(doc.resolution);
  if (fix !== undefined) next.push(fix);
  const updates = notes.updates?.trim();
  if (updates) next.push(withStop(`We will post updates on ${updates.replace(/^on /i, '')}`));
  const giveBack = notes.giveBack?.trim();
  if (giveBack) next.push(withStop(giveBack));

  return [opening.join(' '), who.join(' '), next.join(' ')].filter((p) => p !== '').join('\n\n');
}
