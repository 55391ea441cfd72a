import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyPostmortem, type Postmortem } from '../../src/core/model.js';
import { parsePostmortem } from '../../src/core/parse.js';
import { serializePostmortem } from '../../src/core/serialize.js';
import { postmortem, TRICKY_FRAGMENTS } from './arbitraries.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
/** More runs on demand: FC_NUM_RUNS=20000 npx vitest run test/core/roundtrip.test.ts */
const RUNS = Number(process.env.FC_NUM_RUNS ?? 300);
const parse = (text: string) => parsePostmortem(encode(text), 'postmortems/x.md');

function roundTrip(doc: Postmortem, eol: '\n' | '\r\n'): void {
  const text = serializePostmortem(doc, { eol });
  const parsed = parse(text);
  expect(parsed.doc).toStrictEqual(doc);
  expect(parsed.eol).toBe(eol);
  expect(serializePostmortem(parsed.doc, { eol: parsed.eol })).toBe(text);
}

describe('round trip: parse(serialize(doc)) is doc, and the bytes are stable', () => {
  it('holds for generated documents with LF endings', () => {
    fc.assert(
      fc.property(postmortem, (doc) => roundTrip(doc, '\n')),
      { numRuns: RUNS },
    );
  });

  it('holds for generated documents with CRLF endings', () => {
    fc.assert(
      fc.property(postmortem, (doc) => roundTrip(doc, '\r\n')),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('keeps prose that looks like front matter, headings and markers in every section', () => {
    const prose = `${TRICKY_FRAGMENTS.join('\n')}\nend`;
    const doc: Postmortem = {
      ...emptyPostmortem({
        id: '2026-01-02-x',
        title: 'yes',
        severity: 'SEV2',
        timezone: 'UTC',
        started_at: '2026-01-02T03:04:05Z',
      }),
      summary: `---\n## Impact\n### Trigger\n\\## x\n- [ ] not a task\ntrailing spaces   \n${prose}`,
      root_cause: {
        description: '### Trigger\n### Contributing factors',
        trigger: '## Summary',
        contributing_factors: ['- [ ] x\n## Impact'],
      },
      internal_notes: '## Internal notes\n---\n',
      timeline: [
        {
          at: '2026-01-02T03:04:05Z',
          event: '[internal] looks internal but is public',
          internal: false,
        },
        { at: '2026-01-02T03:05:05Z', event: '\\[internal] escaped by hand', internal: false },
        {
          at: '2026-01-02T03:06:05Z',
          event: '[internal] internal and starts with the marker',
          internal: true,
        },
      ],
    };
    doc.internal_notes = '## Internal notes\n---';
    roundTrip(doc, '\n');
    roundTrip(doc, '\r\n');
    // The structure the parser sees: the escaped lines are prose, not sections.
    const text = serializePostmortem(doc);
    expect(text).toContain('\n\\## Impact\n');
    expect(text).toContain('\n- 2026-01-02T03:04:05Z \\[internal] looks internal but is public\n');
    expect(text).toContain('\n- 2026-01-02T03:06:05Z [internal] \\[internal] internal and starts');
  });

  it('quotes titles and authors that YAML would otherwise read as something else', () => {
    for (const title of [
      'yes',
      'NO',
      '0123',
      '12:30',
      '1e3',
      'a: b',
      '#x',
      '"q"',
      "'q'",
      '- x',
      'null',
      '~',
      '[a]',
      '{a}',
      'x #y',
      '@x',
      'a:',
    ]) {
      const doc = emptyPostmortem({
        id: 'a',
        title,
        severity: 'SEV1',
        timezone: 'UTC',
        started_at: '2026-01-01T00:00:00Z',
      });
      doc.authors = [title];
      const text = serializePostmortem(doc);
      expect(text.split('\n')[2]).not.toBe(`title: ${title}`);
      roundTrip(doc, '\n');
    }
  });

  it('keeps a 100,000-character section and an empty document byte-identical', () => {
    const doc = emptyPostmortem({
      id: 'a',
      title: 'Long',
      severity: 'SEV1',
      timezone: 'UTC',
      started_at: '2026-01-01T00:00:00Z',
    });
    roundTrip(doc, '\n');
    doc.summary = 'word '.repeat(20_000).trim();
    doc.resolution = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n');
    roundTrip(doc, '\r\n');
  });

  it('reads back every example byte-identically', () => {
    const dir = new URL('../../examples/', import.meta.url);
    const names = readdirSync(dir).filter((n) => n.endsWith('.md'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const text = readFileSync(new URL(name, dir), 'utf8');
      const parsed = parsePostmortem(encode(text), `examples/${name}`);
      expect(serializePostmortem(parsed.doc, { eol: parsed.eol })).toBe(text);
    }
  });
});
