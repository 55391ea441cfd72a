// The review workflow: which status moves are allowed and what each status requires.
// Pure: the `status` command and the `required-sections` lint rule both build on it.
import { DEFAULT_SEVERITIES, STATUSES, type Postmortem, type Status } from './model.js';

/** Forward moves, one step at a time; any status may also go back to draft. */
const FORWARD: Record<Status, Status | undefined> = {
  draft: 'review',
  review: 'approved',
  approved: 'published',
  published: undefined,
};

/**
 * A repo's levels are listed most severe first: the two most severe owe customers an
 * apology before approval (of the default levels when the repo lists none).
 */
export function apologySeveritiesOf(levels: readonly string[]): readonly string[] {
  return (levels.length > 0 ? levels : DEFAULT_SEVERITIES).slice(0, 2);
}

/** The statuses a document in `from` may move to. */
export function allowedMoves(from: Status): Status[] {
  const next = FORWARD[from];
  const moves: Status[] = [];
  if (next !== undefined) moves.push(next);
  if (from !== 'draft') moves.push('draft');
  return moves;
}

export function canMove(from: Status, to: Status): boolean {
  return allowedMoves(from).includes(to);
}

const hasText = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';

/** A section of the document and the test that says it has been written. */
interface Requirement {
  section: string;
  present: (doc: Postmortem) => boolean;
  /** The first status that requires it. */
  from: 'review' | 'approved';
  /** Only for some documents (the apology: the two most severe levels). */
  appliesTo?: (doc: Postmortem, apologySeverities: readonly string[]) => boolean;
}

// In the order the sections appear in the file, so messages read top to bottom.
const REQUIREMENTS: readonly Requirement[] = [
  { section: 'Summary', present: (d) => hasText(d.summary), from: 'review' },
  { section: 'Impact', present: (d) => hasText(d.impact.description), from: 'review' },
  { section: 'Timeline', present: (d) => d.timeline.length > 0, from: 'review' },
  { section: 'Root cause', present: (d) => hasText(d.root_cause.description), from: 'review' },
  { section: 'Detection', present: (d) => hasText(d.detection), from: 'review' },
  { section: 'Resolution', present: (d) => hasText(d.resolution), from: 'review' },
  {
    section: 'Apology',
    present: (d) => hasText(d.apology),
    from: 'approved',
    appliesTo: (d, apologySeverities) => apologySeverities.includes(d.severity),
  },
  { section: 'Action items', present: (d) => d.action_items.length > 0, from: 'review' },
  {
    section: 'Lessons',
    present: (d) =>
      d.lessons.went_well.length + d.lessons.went_wrong.length + d.lessons.lucky.length > 0,
    from: 'approved',
  },
];

/**
 * The sections (by heading, in file order) that `doc` still lacks to be in status
 * `target`. Empty when nothing is missing; a draft requires nothing.
 */
export function requiredForStatus(
  doc: Postmortem,
  target: Status,
  apologySeverities: readonly string[] = apologySeveritiesOf(DEFAULT_SEVERITIES),
): string[] {
  return REQUIREMENTS.filter(
    (r) =>
      STATUSES.indexOf(target) >= STATUSES.indexOf(r.from) &&
      (r.appliesTo?.(doc, apologySeverities) ?? true) &&
      !r.present(doc),
  ).map((r) => r.section);
}
