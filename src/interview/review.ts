// 11. The review screen: the whole document at a glance (sections, counts, computed
// durations, anything that would stop it being saved) before it is written.
import { SECTION_TITLES, type SectionName } from '../core/drafts-model.js';
import { computeMetrics } from '../core/metrics.js';
import type { Postmortem } from '../core/model.js';
import { parsePostmortemText } from '../core/parse.js';
import { DocumentError } from '../core/problems.js';
import { serializePostmortem } from '../core/serialize.js';
import { formatDuration, formatInZone } from '../core/time.js';

function words(text: string | undefined): string {
  if (text === undefined) return '— (empty)';
  const n = text.split(/\s+/).filter(Boolean).length;
  return `${n} word${n === 1 ? '' : 's'}`;
}

function time(doc: Postmortem, iso: string | undefined): string {
  return iso === undefined || iso === '' ? '—' : formatInZone(iso, doc.timezone || 'UTC');
}

/** Problems that would make the file unreadable: empty when it can be saved. */
export function documentProblems(doc: Postmortem): string[] {
  try {
    parsePostmortemText(serializePostmortem(doc), `${doc.id || 'draft'}.md`, {
      severities: [doc.severity],
    });
    return [];
  } catch (error) {
    if (error instanceof DocumentError) return error.problems.map((p) => p.message);
    throw error;
  }
}

export function reviewText(doc: Postmortem): string {
  const m = computeMetrics(doc);
  const internalEntries = doc.timeline.filter((e) => e.internal).length;
  const closed = doc.action_items.filter(
    (a) => a.status === 'done' || a.status === 'wont_do',
  ).length;
  const unowned = doc.action_items.filter(
    (a) => a.owner === undefined || a.due === undefined,
  ).length;
  const lines = [
    `${doc.title}`,
    `  id ${doc.id} · ${doc.severity} · ${doc.status} · ${doc.timezone}`,
    `  services: ${doc.services.join(', ') || '—'} · authors: ${doc.authors.join(', ') || '—'}`,
    '',
    `  started   ${time(doc, doc.started_at)}`,
    `  detected  ${time(doc, doc.detected_at)}   time to detect   ${formatDuration(m.time_to_detect)}`,
    `  mitigated ${time(doc, doc.mitigated_at)}   time to mitigate ${formatDuration(m.time_to_mitigate)}`,
    `  resolved  ${time(doc, doc.resolved_at)}   time to resolve  ${formatDuration(m.time_to_resolve)}`,
    '',
    `  Summary           ${words(doc.summary)}`,
    `  Impact            ${words(doc.impact.description)}; affected: ${doc.impact.customers_affected ?? '—'}; not affected: ${words(doc.impact.not_affected)}; data lost: ${doc.impact.data_loss === undefined ? 'not known' : doc.impact.data_loss ? 'yes' : 'no'}`,
    `  Timeline          ${doc.timeline.length} entries (${internalEntries} internal)`,
    `  Root cause        ${words(doc.root_cause.description)}; trigger: ${words(doc.root_cause.trigger)}; ${doc.root_cause.contributing_factors.length} contributing factors`,
    `  Detection         ${words(doc.detection)}`,
    `  Resolution        ${words(doc.resolution)}`,
    `  Apology           ${words(doc.apology)}`,
    `  Action items      ${doc.action_items.length} (${closed} closed${unowned ? `, ${unowned} without an owner or due date` : ''})`,
    `  Lessons           ${doc.lessons.went_well.length} went well, ${doc.lessons.went_wrong.length} went wrong, ${doc.lessons.lucky.length} lucky`,
    `  Internal notes    ${words(doc.internal_notes)}; redact: ${doc.redact.join(', ') || '—'}`,
  ];
  return lines.join('\n');
}

export function sectionChoices(
  sections: readonly SectionName[],
): { value: SectionName; name: string }[] {
  return sections.map((s) => ({ value: s, name: SECTION_TITLES[s] }));
}
