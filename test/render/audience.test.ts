import fc from 'fast-check';
import { Lexer } from 'marked';
import { describe, expect, it } from 'vitest';
import {
  buildView,
  filterMarkdown,
  needsLexing,
  type FilterProblem,
} from '../../src/render/audience.js';
import { exampleDoc } from './fixtures.js';

function filter(md: string): { text: string; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  return { text: filterMarkdown(md, 'summary', problems), problems };
}

describe('filterMarkdown', () => {
  it('lexes all Markdown that could hold a quote or nest, and only skips text that is its own tokens', () => {
    const chunk = fc.constantFrom(
      ...['a', 'Text', ' ', '\t', '\n', '\n\n', '\r\n', '>', '> ', '- ', '* ', '+ ', '1. ', '2) '],
      ...[
        '# ',
        '===',
        '---',
        '***',
        '|',
        '| a | b |\n|---|---|',
        '`',
        '```',
        '~~~',
        '<div>',
        '</div>',
      ],
      ...['<!-- ', ' -->', '[x]: https://example.org', '[x]', '&amp;', '\\', '[!INTERNAL]', '    '],
    );
    const markdown = fc.array(chunk, { maxLength: 30 }).map((parts) => parts.join(''));
    let skipped = 0;
    fc.assert(
      fc.property(markdown, (md) => {
        if (needsLexing(md)) return;
        skipped++;
        const tokens = new Lexer({ gfm: true }).blockTokens(md, []);
        expect(tokens.map((t) => t.raw).join(''), JSON.stringify(md)).toBe(md);
        expect(tokens.some((t) => t.type === 'blockquote')).toBe(false);
      }),
      { numRuns: 4000 },
    );
    expect(skipped).toBeGreaterThan(100);
    for (const md of ['> q', 'a\n> q', '- a', '1. a', '  a', 'a\r\nb', 'a\n\t- b', '- - - - x'])
      expect(needsLexing(md), md).toBe(true);
  });

  it('reports Markdown nested too deep to parse, however it nests', () => {
    for (const md of ['- '.repeat(3000) + 'x', '>'.repeat(6000) + ' x']) {
      const { text, problems } = filter(md);
      expect(text).toBe('');
      expect(problems[0]?.message).toMatch(/cannot be parsed safely/);
    }
  });

  it('removes a top-level internal block and keeps the rest byte for byte', () => {
    const { text, problems } = filter('Before **x**.\n\n> [!INTERNAL]\n> secret-host\n\nAfter.');
    expect(problems).toEqual([]);
    expect(text).toBe('Before **x**.\n\nAfter.');
  });

  it.each([
    ['lower case', '> [!internal]\n> secret'],
    ['mixed case and spaces', '>  [ !Internal ]\n> secret'],
    ['a zero-width space', '> [!INTER\u200bNAL]\n> secret'],
    ['a zero-width joiner before it', '> \u200d[!INTERNAL]\n> secret'],
    ['full-width brackets', '> \uff3b!INTERNAL\uff3d\n> secret'],
    ['emphasis around it', '> **[!INTERNAL]**\n> secret'],
    ['unclosed', '> [!INTERNAL\n> secret'],
    ['a lazy continuation line', '> [!INTERNAL]\nsecret'],
  ])('treats a marker with %s as internal', (_name, block) => {
    const { text, problems } = filter(`Public.\n\n${block}\n\nMore public.`);
    expect(problems).toEqual([]);
    expect(text).not.toContain('secret');
    expect(text).toContain('More public.');
  });

  it.each([
    ['inside a list', '- item\n\n  > [!INTERNAL]\n  > secret'],
    ['inside a quote', '> quoted\n>\n> > [!INTERNAL]\n> > secret'],
    ['inside a code fence', '```\n> [!INTERNAL]\nsecret\n```'],
    ['inside an indented code block', '    > [!INTERNAL] secret'],
    ['inline in a paragraph', 'Text [!INTERNAL] secret'],
    ['in an HTML comment', '<!-- [!INTERNAL] secret -->'],
    ['entity-encoded', '&#91;!INTERNAL] secret'],
    ['as a setext heading', '[!INTERNAL] secret\n==='],
  ])('fails closed for a marker %s', (_name, md) => {
    const { problems } = filter(`Public.\n\n${md}\n`);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.field).toBe('summary');
  });

  it('reports a document too deep to parse instead of throwing', () => {
    const { problems } = filter(`${'>'.repeat(5000)} deep`);
    // Either marked copes or the filter reports; it never throws.
    expect(Array.isArray(problems)).toBe(true);
  });
});

describe('buildView', () => {
  it('leaves every internal part out of the public view', () => {
    const doc = exampleDoc();
    const { view, problems } = buildView(doc, 'public');
    expect(problems).toEqual([]);
    const json = JSON.stringify(view);
    expect(json).not.toContain('app-prod-1');
    expect(json).not.toContain('Carmen Ruiz');
    expect(json).not.toContain('sam@example.com');
    expect(json).not.toContain('tracker.example.com');
    expect(view.internal_notes).toBeNull();
    expect(view.authors).toEqual([]);
    expect(view.timeline.some((e) => e.internal)).toBe(false);
    expect(view.action_items.map((a) => a.id)).toEqual(['AI-1', 'AI-2', 'AI-3']);
  });

  it('keeps everything in the internal view', () => {
    const { view } = buildView(exampleDoc(), 'internal');
    expect(view.internal_notes).toContain('founder');
    expect(view.timeline.filter((e) => e.internal)).toHaveLength(3);
    expect(view.root_cause.description).toContain('app-prod-1');
  });

  it('names internal timeline entries and action items by their index in the document', () => {
    const doc = exampleDoc();
    const { texts } = buildView(doc, 'public');
    const firstPublic = doc.timeline.findIndex((e) => !e.internal);
    expect(texts.map((t) => t.field)).toContain(`timeline.${firstPublic}.event`);
  });
});
