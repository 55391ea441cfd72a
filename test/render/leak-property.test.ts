// The property that matters most: whatever internal content and redact terms a document
// carries, none of it reaches any public output format. And a redact term written in a
// public field, however it is formatted, stops the render instead of being published.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForScan } from '../../src/render/markers.js';
import { PUBLIC_FORMATS, shippedRenderer } from './fixtures.js';
import { generated } from './generate.js';

describe('public outputs never carry internal content', () => {
  const renderer = shippedRenderer();

  it('for generated documents, in every public format', () => {
    fc.assert(
      fc.property(generated, ({ doc, secrets }) => {
        for (const format of PUBLIC_FORMATS) {
          const folded = foldForScan(renderer.render(doc, 'public', format, 'x.md'));
          for (const s of secrets) expect(folded).not.toContain(s);
          expect(folded).not.toMatch(/internal\]|@example\.com/);
        }
        const pair = renderer.publicPair(doc, 'x.md');
        for (const s of secrets) expect(foldForScan(pair.md + pair.html)).not.toContain(s);
      }),
      { numRuns: 150 },
    );
  });

  const formatted = fc.constantFrom(
    (t: string) => t,
    (t: string) => t.toUpperCase(),
    (t: string) => `${t.slice(0, 3)}**${t.slice(3)}**`,
    (t: string) => `${t.slice(0, 4)}\n${t.slice(4)}`,
    (t: string) => `\`${t.slice(0, 2)}\`${t.slice(2)}`,
    (t: string) => `${t.slice(0, 2)}\u200b${t.slice(2)}`,
    (t: string) => `${t.slice(0, 2)}&#${t.charCodeAt(2)};${t.slice(3)}`,
  );
  const fields = ['title', 'summary', 'apology', 'timeline', 'action', 'factor'] as const;

  it('a redact term in any public field, however formatted, stops every public format', () => {
    fc.assert(
      fc.property(generated, formatted, fc.constantFrom(...fields), ({ doc }, format, field) => {
        const term = format(doc.redact[0] ?? 'zq000000');
        if (field === 'title') doc.title = `${doc.title} ${term}`;
        else if (field === 'summary') doc.summary = `${doc.summary ?? ''}\n\nsee ${term} here`;
        else if (field === 'apology') doc.apology = `${term}`;
        else if (field === 'timeline')
          doc.timeline.push({
            at: '2026-01-02T06:00:00+01:00',
            event: `moved ${term}`,
            internal: false,
          });
        else if (field === 'action')
          doc.action_items.push({
            id: 'AI-99',
            title: `replace ${term}`,
            status: 'open',
            internal: false,
          });
        else doc.root_cause.contributing_factors.push(`a factor: ${term}`);
        for (const out of PUBLIC_FORMATS) {
          expect(() => renderer.render(doc, 'public', out, 'x.md')).toThrow(
            /would leak|cannot be made safely/,
          );
        }
        expect(() => renderer.publicPair(doc, 'x.md')).toThrow(/would leak|cannot be made safely/);
      }),
      { numRuns: 100 },
    );
  });
});
