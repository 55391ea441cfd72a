// Generated post-mortems for property tests: public prose from a small vocabulary, and
// internal content (internal blocks in many spellings, internal entries and items, notes,
// people) carrying secret tokens "zq......" that no public word contains.
import fc from 'fast-check';
import { emptyPostmortem, type Postmortem } from '../../src/core/model.js';

const WORDS = [
  'the',
  'api',
  'was',
  'slow',
  'we',
  'restarted',
  'service',
  'customers',
  'could',
  'not',
  'log',
  'in',
  'fixed',
  'alert',
  'queue',
  'rolled',
  'back',
];
const word = fc.constantFrom(...WORDS);
export const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const inline = fc.oneof(
  sentence,
  sentence.map((s) => `**${s}**`),
  sentence.map((s) => `\`${s}\``),
  sentence.map((s) => `[${s}](https://status.example.org/x)`),
);
const paragraph = fc.array(inline, { minLength: 1, maxLength: 4 }).map((p) => `${p.join(' ')}.`);
/** Public Markdown blocks an author might write. */
export const publicBlock = fc.oneof(
  paragraph,
  fc
    .array(paragraph, { minLength: 1, maxLength: 3 })
    .map((items) => items.map((i) => `- ${i}`).join('\n')),
  paragraph.map((p) => `> ${p}`),
  paragraph.map((p) => `#### ${p}`),
);

/** Secrets: tokens no public word contains. */
export const secret = fc.stringMatching(/^[a-z0-9]{6}$/).map((s) => `zq${s}`);
const MARKERS = [
  '[!INTERNAL]',
  '[!internal]',
  '[!Internal]',
  '[!INTER\u200bNAL]',
  '**[!INTERNAL]**',
  '[ !internal ]',
  '[!INTERNAL',
];
const internalBlock = fc
  .tuple(fc.constantFrom(...MARKERS), secret, sentence, fc.boolean())
  .map(([marker, s, text, lazy]) => `> ${marker}\n> ${text} ${s}${lazy ? `\n${s} continues` : ''}`);

const prose = (secrets: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof({ weight: 3, arbitrary: publicBlock }, { weight: 1, arbitrary: secrets }), {
      minLength: 1,
      maxLength: 5,
    })
    .map((blocks) => blocks.join('\n\n'));

export interface Generated {
  doc: Postmortem;
  secrets: string[];
}

export const generated: fc.Arbitrary<Generated> = fc
  .record({
    title: sentence,
    summary: prose(internalBlock),
    impact: prose(internalBlock),
    notAffected: prose(internalBlock),
    rootCause: prose(internalBlock),
    trigger: prose(internalBlock),
    factors: fc.array(prose(internalBlock), { maxLength: 3 }),
    detection: prose(internalBlock),
    resolution: prose(internalBlock),
    apology: prose(internalBlock),
    lessons: fc.array(prose(internalBlock), { maxLength: 3 }),
    timeline: fc.array(fc.tuple(sentence, fc.boolean(), secret), { maxLength: 8 }),
    actions: fc.array(fc.tuple(sentence, fc.boolean(), secret), { maxLength: 5 }),
    notes: fc.tuple(sentence, secret),
    redact: fc.array(secret, { minLength: 1, maxLength: 4 }),
    people: fc.tuple(secret, secret),
  })
  .map((g) => {
    const doc = emptyPostmortem({
      id: '2026-01-02-generated',
      title: g.title,
      severity: 'SEV2',
      timezone: 'Europe/Berlin',
      started_at: '2026-01-02T03:00:00+01:00',
    });
    doc.status = 'published';
    doc.resolved_at = '2026-01-02T05:30:00+01:00';
    doc.summary = g.summary;
    doc.impact = {
      description: g.impact,
      not_affected: g.notAffected,
      customers_affected: 'some',
      data_loss: false,
    };
    doc.root_cause = {
      description: g.rootCause,
      trigger: g.trigger,
      contributing_factors: g.factors,
    };
    doc.detection = g.detection;
    doc.resolution = g.resolution;
    doc.apology = g.apology;
    doc.lessons = { went_well: g.lessons, went_wrong: [], lucky: g.lessons.slice(0, 1) };
    const [author, service] = g.people;
    doc.authors = [`Person ${author} <${author}@example.com>`];
    doc.services = [service];
    doc.internal_notes = `${g.notes[0]} ${g.notes[1]}`;
    doc.redact = g.redact;
    doc.timeline = g.timeline.map(([text, internal, s], i) => ({
      at: `2026-01-02T03:${String(10 + i).padStart(2, '0')}:00+01:00`,
      event: internal ? `${text} ${s} ${g.redact[0]}` : text,
      internal,
    }));
    doc.action_items = g.actions.map(([text, internal, s], i) => ({
      id: `AI-${i + 1}`,
      title: internal ? `${text} ${s}` : text,
      owner: s,
      link: `https://tracker.${s}.example.com/${i}`,
      status: 'open' as const,
      internal,
    }));
    // Every redact term also sits somewhere internal.
    doc.internal_notes += ` ${g.redact.join(' ')}`;
    const all = JSON.stringify(doc);
    const secrets = [...new Set(all.match(/zq[a-z0-9]{6}/g) ?? [])];
    return { doc, secrets };
  });
