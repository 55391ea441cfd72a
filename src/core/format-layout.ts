// The layout of a post-mortem file: which Markdown section holds which model field, and
// the few textual conventions both the parser and the serializer must agree on.

export type SectionKind = 'prose' | 'list' | 'timeline' | 'actions' | 'group';

export interface SectionSpec {
  heading: string;
  /** Dotted model path of the field the section holds; null for a group of subsections. */
  path: string | null;
  kind: SectionKind;
  subs?: SectionSpec[];
}

export const BODY_SECTIONS: readonly SectionSpec[] = [
  { heading: 'Summary', path: 'summary', kind: 'prose' },
  {
    heading: 'Impact',
    path: 'impact.description',
    kind: 'prose',
    subs: [{ heading: 'Not affected', path: 'impact.not_affected', kind: 'prose' }],
  },
  { heading: 'Timeline', path: 'timeline', kind: 'timeline' },
  {
    heading: 'Root cause',
    path: 'root_cause.description',
    kind: 'prose',
    subs: [
      { heading: 'Trigger', path: 'root_cause.trigger', kind: 'prose' },
      { heading: 'Contributing factors', path: 'root_cause.contributing_factors', kind: 'list' },
    ],
  },
  { heading: 'Detection', path: 'detection', kind: 'prose' },
  { heading: 'Resolution', path: 'resolution', kind: 'prose' },
  { heading: 'Apology', path: 'apology', kind: 'prose' },
  { heading: 'Action items', path: 'action_items', kind: 'actions' },
  {
    heading: 'Lessons',
    path: null,
    kind: 'group',
    subs: [
      { heading: 'Went well', path: 'lessons.went_well', kind: 'list' },
      { heading: 'Went wrong', path: 'lessons.went_wrong', kind: 'list' },
      { heading: 'Where we got lucky', path: 'lessons.lucky', kind: 'list' },
    ],
  },
  { heading: 'Internal notes', path: 'internal_notes', kind: 'prose' },
];

/** Front matter keys in the order they are written. Keys map to model paths. */
export const FRONT_MATTER_KEYS: readonly { key: string; path: string }[] = [
  { key: 'id', path: 'id' },
  { key: 'title', path: 'title' },
  { key: 'status', path: 'status' },
  { key: 'severity', path: 'severity' },
  { key: 'authors', path: 'authors' },
  { key: 'reviewers', path: 'reviewers' },
  { key: 'services', path: 'services' },
  { key: 'timezone', path: 'timezone' },
  { key: 'started_at', path: 'started_at' },
  { key: 'detected_at', path: 'detected_at' },
  { key: 'mitigated_at', path: 'mitigated_at' },
  { key: 'resolved_at', path: 'resolved_at' },
  { key: 'approved_at', path: 'approved_at' },
  { key: 'published_at', path: 'published_at' },
  { key: 'customers_affected', path: 'impact.customers_affected' },
  { key: 'data_loss', path: 'impact.data_loss' },
  { key: 'redact', path: 'redact' },
];

/** The visible marker of an internal-only timeline entry: `- <time> [internal] text`. */
export const INTERNAL_ENTRY_MARKER = '[internal]';
export const INTERNAL_ENTRY_PATTERN = /^\\*\[internal\]/i;

/** Action item fields written one per line, in this order, under the item's checkbox. */
export const ACTION_FIELDS = [
  'status',
  'owner',
  'due',
  'priority',
  'type',
  'link',
  'internal',
] as const;

export function normalizeHeading(text: string): string {
  return text
    .replace(/\s+#+\s*$/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** `## X` or `# X`: always structure in the body. */
export const TOP_HEADING = /^(#{1,2})(?:[ \t]+(.*?))?[ \t]*$/s;
const SUB_HEADING = /^###(?:[ \t]+(.*?))?[ \t]*$/s;

export function subsectionOf(top: SectionSpec, line: string): SectionSpec | undefined {
  const m = SUB_HEADING.exec(line);
  if (!m) return undefined;
  const name = normalizeHeading(m[1] ?? '');
  return top.subs?.find((s) => s.heading.toLowerCase() === name);
}

/** Would the parser read this line as a heading of the format, inside section `top`? */
export function isStructuralLine(line: string, top: SectionSpec): boolean {
  return TOP_HEADING.test(line) || subsectionOf(top, line) !== undefined;
}

/** Prose lines that look like the format's own headings get one more leading backslash. */
export function escapeProseLine(line: string, top: SectionSpec): string {
  const bare = line.replace(/^\\+/, '');
  return isStructuralLine(bare, top) ? `\\${line}` : line;
}

export function unescapeProseLine(line: string, top: SectionSpec): string {
  if (!line.startsWith('\\')) return line;
  const bare = line.replace(/^\\+/, '');
  return isStructuralLine(bare, top) ? line.slice(1) : line;
}

/** Timeline text that starts like the internal marker is escaped the same way. */
export function escapeEventText(event: string): string {
  return INTERNAL_ENTRY_PATTERN.test(event) ? `\\${event}` : event;
}

export function unescapeEventText(text: string): string {
  return text.startsWith('\\') && INTERNAL_ENTRY_PATTERN.test(text) ? text.slice(1) : text;
}
