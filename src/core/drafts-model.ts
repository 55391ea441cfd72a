// An unfinished interview: every answer given so far, and where to continue. Kept as
// JSON outside the working tree, so it is never committed and never lost.
import { emptyPostmortem, type Postmortem } from './model.js';

export const SECTION_NAMES = [
  'basics',
  'times',
  'timeline',
  'impact',
  'root-cause',
  'detection',
  'apology',
  'actions',
  'lessons',
  'summary',
  'internal',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export const SECTION_TITLES: Record<SectionName, string> = {
  basics: 'Basics',
  times: 'Key times',
  timeline: 'Timeline',
  impact: 'Impact',
  'root-cause': 'Root cause',
  detection: 'Detection and resolution',
  apology: 'Apology',
  actions: 'Action items',
  lessons: 'Lessons',
  summary: 'Summary',
  internal: 'Internal notes and redaction',
};

export interface InterviewDraft {
  version: 1;
  kind: 'new' | 'edit';
  /** The draft's name on disk: the document id once known. */
  key: string;
  /** The answers so far; required fields not answered yet are empty strings. */
  doc: Postmortem;
  /** The sections this interview asks, in order. */
  sections: SectionName[];
  /** Sections answered in full. */
  done: SectionName[];
  /** Answers that help write a section but are not part of the document (apology hints). */
  notes: Record<string, string>;
  /** For `edit`: the file's text when the interview began, to notice a change on disk. */
  base: string | null;
  /** When the interview began (ISO 8601). */
  created_at: string;
  /** An id chosen with --id, kept over the one derived from the date and title. */
  fixed_id?: string;
}

/** A document with no answers yet: the required fields are empty strings. */
function emptyAnswers(): Postmortem {
  return emptyPostmortem({ id: '', title: '', severity: '', timezone: '', started_at: '' });
}

export function newDraft(
  key: string,
  createdAt: string,
  sections: readonly SectionName[] = SECTION_NAMES,
): InterviewDraft {
  return {
    version: 1,
    kind: 'new',
    key,
    doc: emptyAnswers(),
    sections: [...sections],
    done: [],
    notes: {},
    base: null,
    created_at: createdAt,
  };
}

export function isSectionName(name: string): name is SectionName {
  return (SECTION_NAMES as readonly string[]).includes(name);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Check a draft read back from disk; a message says what is wrong. */
export function checkDraft(value: unknown): InterviewDraft | string {
  if (value === null || typeof value !== 'object') return 'not a draft';
  const d = value as Partial<InterviewDraft>;
  if (d.version !== 1) return `unknown draft version ${String(d.version)}`;
  if (d.kind !== 'new' && d.kind !== 'edit') return 'draft kind must be new or edit';
  if (typeof d.key !== 'string' || typeof d.created_at !== 'string')
    return 'draft key or date missing';
  if (!isStringArray(d.sections) || !d.sections.every(isSectionName))
    return 'draft sections are not readable';
  if (!isStringArray(d.done) || !d.done.every(isSectionName))
    return 'draft progress is not readable';
  const doc = d.doc as Partial<Postmortem> | undefined;
  if (
    !doc ||
    typeof doc !== 'object' ||
    !Array.isArray(doc.timeline) ||
    !Array.isArray(doc.action_items)
  ) {
    return 'draft answers are not readable';
  }
  const base = emptyAnswers();
  return {
    ...(d as InterviewDraft),
    notes: d.notes && typeof d.notes === 'object' ? d.notes : {},
    base: typeof d.base === 'string' ? d.base : null,
    doc: {
      ...base,
      ...doc,
      impact: { ...doc.impact },
      root_cause: { ...base.root_cause, ...doc.root_cause },
      lessons: { ...base.lessons, ...doc.lessons },
    },
  };
}
