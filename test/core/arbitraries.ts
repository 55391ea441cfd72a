// fast-check generators of canonical post-mortems: every value is what the validator
// would hand back (trimmed one-line fields, prose as normalizeProse leaves it), so
// parse(serialize(doc)) must give exactly `doc` back.
import fc from 'fast-check';
import {
  ACTION_STATUSES,
  ACTION_TYPES,
  DEFAULT_SEVERITIES,
  PRIORITIES,
  STATUSES,
  type ActionItem,
  type Postmortem,
  type TimelineEntry,
} from '../../src/core/model.js';
import { normalizeProse } from '../../src/core/text.js';

/** Text that looks like the format's own syntax, YAML's traps, and hard Unicode. */
export const TRICKY_FRAGMENTS = [
  '---',
  '## Impact',
  '## impact ##',
  '### Trigger',
  '### Contributing factors',
  '# Summary',
  '\\## x',
  '\\\\## x',
  '[internal]',
  '[INTERNAL]',
  '\\[internal]',
  '- [ ] ',
  '- [x] AI-1: done',
  '  - owner: x',
  '> [!INTERNAL]',
  'yes',
  'NO',
  'off',
  '0123',
  '12:30',
  '1e3',
  '0x1F',
  '.5',
  '2024-03-10',
  'a: b',
  '#x',
  ' #x',
  '"q"',
  "'q'",
  '&anchor',
  '*alias',
  '!tag',
  '<<',
  '|',
  '>',
  '%YAML',
  '@',
  '`',
  '{a: 1}',
  '[1, 2]',
  '?',
  '~',
  'null',
  'true',
  '.inf',
  '...',
  '===',
  '😀',
  '👩‍💻',
  '🇦🇺',
  'שלום',
  'مرحبا',
  'e\u0301',
  '\u00e9',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2066',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u00a0',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\u001b[31m',
  '\t',
  '\\',
  ':',
  '-',
  '*',
  ' ',
  '  ',
];

const unit = fc.oneof(
  { arbitrary: fc.constantFrom(...TRICKY_FRAGMENTS), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }), weight: 3 },
  { arbitrary: fc.constantFrom('a', 'b', 'x', ' ', 'Zoë'), weight: 2 },
);

/** One line of raw text: anything but line breaks and NUL (which no file may hold). */
export const rawLine = fc
  .array(unit, { maxLength: 10 })
  .map((parts) => parts.join('').replace(/[\r\n\0]/g, ' '));

/** A required one-line field as the validator returns it: trimmed, not empty. */
export const oneLine = rawLine.map((s) => s.trim()).filter((s) => s !== '');

/** Prose as the model keeps it; sometimes very long. */
export const prose = fc
  .oneof(
    { arbitrary: fc.array(rawLine, { maxLength: 8 }), weight: 9 },
    { arbitrary: fc.array(rawLine, { minLength: 200, maxLength: 400 }), weight: 1 },
  )
  .map((lines) => normalizeProse(lines.join('\n')))
  .filter((text): text is string => text !== undefined);

const OFFSETS = [0, 60, 330, 345, 600, 660, 765, -180, -210, -300, -420, -600];

/** ISO 8601 with an offset, in the shapes people write: minutes, seconds, fractions, Z. */
export const isoTime = fc
  .record(
    {
      ms: fc.integer({ min: Date.UTC(1999, 0, 1), max: Date.UTC(2040, 11, 31) }),
      offset: fc.constantFrom(...OFFSETS),
      shape: fc.constantFrom('minutes', 'seconds', 'millis', 'zulu'),
    },
    { noNullPrototype: true },
  )
  .map(({ ms, offset, shape }) => {
    const local = new Date(ms + offset * 60_000).toISOString();
    if (shape === 'zulu') return `${new Date(ms).toISOString().slice(0, 19)}Z`;
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    const suffix = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    const end = shape === 'minutes' ? 16 : shape === 'seconds' ? 19 : 23;
    return local.slice(0, end) + suffix;
  });

export const plainDate = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2040-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

export const documentId = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,80}$/);

const timelineEntry: fc.Arbitrary<TimelineEntry> = fc.record(
  {
    at: isoTime,
    event: oneLine,
    internal: fc.boolean(),
  },
  { noNullPrototype: true },
);

const actionItem: fc.Arbitrary<ActionItem> = fc.record(
  {
    id: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,31}$/),
    title: oneLine,
    owner: oneLine,
    due: plainDate,
    priority: fc.constantFrom(...PRIORITIES),
    type: fc.constantFrom(...ACTION_TYPES),
    status: fc.constantFrom(...ACTION_STATUSES),
    link: fc
      .stringMatching(/^[A-Za-z0-9._~/%?=&#-]{0,40}$/)
      .map((path) => `https://tracker.example.com/${path}`),
    internal: fc.boolean(),
  },
  { requiredKeys: ['id', 'title', 'status', 'internal'], noNullPrototype: true },
);

const zone = fc.constantFrom(
  'UTC',
  'Australia/Sydney',
  'America/New_York',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
);

export const postmortem: fc.Arbitrary<Postmortem> = fc.record(
  {
    id: documentId,
    title: oneLine,
    status: fc.constantFrom(...STATUSES),
    severity: fc.constantFrom(...DEFAULT_SEVERITIES),
    authors: fc.array(oneLine, { maxLength: 3 }),
    reviewers: fc.array(oneLine, { maxLength: 2 }),
    services: fc.array(oneLine, { maxLength: 3 }),
    timezone: zone,
    started_at: isoTime,
    detected_at: isoTime,
    mitigated_at: isoTime,
    resolved_at: isoTime,
    approved_at: isoTime,
    published_at: isoTime,
    summary: prose,
    impact: fc.record(
      {
        description: prose,
        customers_affected: fc.oneof(fc.nat({ max: Number.MAX_SAFE_INTEGER }), oneLine),
        not_affected: prose,
        data_loss: fc.boolean(),
      },
      { requiredKeys: [], noNullPrototype: true },
    ),
    timeline: fc.array(timelineEntry, { maxLength: 6 }),
    root_cause: fc.record(
      {
        description: prose,
        trigger: prose,
        contributing_factors: fc.array(prose, { maxLength: 3 }),
      },
      { requiredKeys: ['contributing_factors'], noNullPrototype: true },
    ),
    detection: prose,
    resolution: prose,
    apology: prose,
    action_items: fc.uniqueArray(actionItem, { maxLength: 4, selector: (a) => a.id }),
    lessons: fc.record(
      {
        went_well: fc.array(prose, { maxLength: 3 }),
        went_wrong: fc.array(prose, { maxLength: 3 }),
        lucky: fc.array(prose, { maxLength: 2 }),
      },
      { noNullPrototype: true },
    ),
    internal_notes: prose,
    redact: fc.array(oneLine, { maxLength: 3 }),
  },
  {
    requiredKeys: [
      'id',
      'title',
      'status',
      'severity',
      'authors',
      'reviewers',
      'services',
      'timezone',
      'started_at',
      'impact',
      'timeline',
      'root_cause',
      'action_items',
      'lessons',
      'redact',
    ],
    noNullPrototype: true,
  },
);
