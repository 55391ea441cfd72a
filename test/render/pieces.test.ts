// Markdown made into HTML piece by piece, and pages sanitized piece by piece, must give
// the bytes of the whole text made and sanitized at once: for generated documents, for
// random Markdown-significant text, and for XSS payloads split across pieces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  markdownToHtml,
  newPieceCache,
  piecewiseHtml,
  plainBlockHtml,
  sanitizeBody,
  sanitizeWithLibrary,
  sanitizedPageBody,
  type PieceCache,
} from '../../src/render/html.js';
import { isNeutralPrefix, isSelfContained, splitMarkdown } from '../../src/render/pieces.js';

const BLOCKS = [
  'A paragraph with *emphasis*, `code`, [a link](https://example.org) and <https://example.org>.',
  'Two lines\nin one paragraph  \nwith a hard break.',
  'Text with <b>inline html</b> and &amp; &#0; &#x80; &lt;script&gt; entities.',
  'Lazy *emphasis that\n\ncrosses* a blank line.',
  '# Heading',
  '## Heading two',
  '### Not affected',
  'Setext heading\n===',
  'Setext two\n---',
  '- one\n- two\n- three',
  '- **Severity:** SEV2\n- **Started:** 2016-01-03 19:41 MST',
  '- 2016-01-03 19:41 MST: first *(internal)*\n- 2016-01-03 19:47 MST: second',
  '- [ ] AI-1: open item (due 2026-04-01)\n- [x] AI-2: done item',
  '- [ ] AI-3: with sub\n  - status: open\n  - owner: ops',
  '- [x] AI-4: done\n  - status: done\n  - link: <https://tracker.example.com/OPS-1>\n- [ ] AI-5: next',
  '- a\n  - b\n    - c',
  '- a\n   - three spaces',
  '- a\n  - [ ] nested task\n  - **bold** child',
  '- a\n  - # heading child\n  - > quote child',
  '- a\n  -\n  - empty child',
  '- [ ]\n- [x]  two spaces',
  '* star\n* list',
  '+ plus\n+ list',
  '1. first\n2. second',
  '3) third\n4) fourth',
  '- loose\n\n- list',
  '- item\n\n  continued paragraph',
  '- item\nlazy continuation',
  '- nested\n  - deeper\n    - deepest',
  '- ---',
  '- # heading in item',
  '- > quote in item',
  '-     code in item',
  '- <div>html in item</div>',
  '- 10. number in item',
  '- 2016. a year',
  '- trailing space ',
  '-\ttab',
  '- ',
  '-',
  '> quote\n> more',
  '> [!INTERNAL]\n> secret',
  '> quote\nlazy line',
  '>',
  '    indented code\n\n    more code',
  '```\nfenced\n\ncode\n```',
  '```js\nlet a = 1;\n```',
  '~~~\ntilde\n\nfence\n~~~',
  '```\nunclosed fence\n\n# not a heading',
  '``` a ` b\n\ntext',
  '<div>\n\n*markdown in html*\n\n</div>',
  '<div onclick="alert(1)">',
  '</div>',
  '<pre>\n\nraw\n\n</pre>',
  '<!-- comment\n\nstill comment -->',
  '<?php\n\necho 1;\n\n?>',
  '<!DOCTYPE html>',
  '<![CDATA[\n\ncdata\n\n]]>',
  '<script>\n\nalert(1)\n\n</script>',
  '<style>\n\nbody{}\n\n</style>',
  '<textarea>\n\nx\n\n</textarea>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '[click](javascript:alert(1))',
  '| a | b |\n|---|---|\n| c | d |',
  '| a |\n|---|',
  '[ref]: https://example.org "title"',
  'A [ref] and a [full][ref] reference.',
  '---',
  '***',
  '___',
  '  \n',
  '\u00a0',
  'Ünïcödé text and ［full width］',
  '2016-01-03 is a date, not a list',
  '10. ten',
  '#hashtag',
  '=== not a heading',
  '\\- escaped',
];

const SEPARATORS = ['\n', '\n\n', '\n  \n', '\n\n\n', '\n\t\n', ' \n\n'];

const blocksDoc = fc
  .array(fc.tuple(fc.constantFrom(...BLOCKS), fc.constantFrom(...SEPARATORS)), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.map(([block, sep]) => block + sep).join(''));

const fuzzDoc = fc
  .array(
    fc.constantFrom(
      ...['-', '*', '+', ' ', '\n', '\n', '\n\n', '#', '>', '`', '~', '<', '/', 'a', 'b', '1', '.'],
      ...[')', '[', ']', ':', '|', '_', '\t', '!', '(', 'div', 'pre', 'x ', '&', ';', '=', '"'],
      ...['<div', '</div>', '<a href="x">', '<b>', '</b', 'span', '>', '\n- ', '\n1. ', '\n  '],
    ),
    { maxLength: 160 },
  )
  .map((chars) => chars.join(''));

/** The shipped page's place for the content, and places where it is not plain content. */
const LAYOUTS: [string, string][] = [
  [
    '<header class="site">\n  <nav aria-label="Site"><a href="index.html">Site</a></nav>\n</header>\n<main>\n<article>\n',
    '\n</article>\n</main>\n<footer class="site">\n  <p>Site · SEV2</p>\n</footer>',
  ],
  ['', ''],
  ['<p>', '</p>'],
  ['<ul>\n', '</ul>\n'],
  ['<table><tr><td>', '</td></tr></table>'],
  ['<title>', '</title>'],
  ['<textarea>', '</textarea>'],
  ['<script>', '</script>'],
  ['<div title="', '">'],
  ['<svg><text>', '</text></svg>'],
  ['<!-- ', ' -->'],
  ['<section><div>', '</div>'],
  ['<p><em>', ''],
];

/** Did the last page of this cache get its pieces sanitized one by one (not as a whole)? */
function composed(cache: PieceCache): boolean {
  const parts = [...cache.pieces.values(), ...cache.items.values()];
  return parts.some((p) => p?.sanitized !== undefined);
}

let composedPages = 0;

function expectSameAsWhole(markdown: string, cache: PieceCache): void {
  const whole = markdownToHtml(markdown);
  expect(
    splitMarkdown(markdown)
      .map((p) => p.markdown)
      .join(''),
  ).toBe(markdown);
  expect(piecewiseHtml(markdown, cache)).toBe(whole);
  for (const [before, after] of LAYOUTS) {
    const layout = (content: string): string => `${before}${content}${after}`;
    const reference = sanitizeWithLibrary(layout(whole)).trim();
    expect(sanitizedPageBody(markdown, layout, cache)).toBe(reference);
    expect(sanitizedPageBody(markdown, layout, cache, { tryScan: false })).toBe(reference);
    expect(sanitizeBody(layout(whole)).trim()).toBe(reference);
    if (before === LAYOUTS[0]?.[0] && composed(cache)) composedPages++;
  }
}

describe('Markdown made piece by piece', () => {
  it('gives the bytes of the whole text, for documents of tricky blocks', () => {
    composedPages = 0;
    fc.assert(
      fc.property(blocksDoc, (markdown) => expectSameAsWhole(markdown, newPieceCache())),
      { numRuns: Number(process.env.PIECES_RUNS ?? 600) },
    );
    // The pieces were really sanitized one by one for many of them, not only as a whole.
    expect(composedPages).toBeGreaterThan(150);
  });

  it('gives the bytes of the whole text, for random Markdown-significant text', () => {
    fc.assert(
      fc.property(fuzzDoc, (markdown) => expectSameAsWhole(markdown, newPieceCache())),
      { numRuns: Number(process.env.PIECES_RUNS ?? 600) },
    );
  });

  it('gives the bytes of the whole text when pieces come from another text (another audience)', () => {
    fc.assert(
      fc.property(blocksDoc, blocksDoc, fc.boolean(), (a, b, share) => {
        const cache = newPieceCache();
        // The second text shares the first one's pieces, in another order and context.
        expectSameAsWhole(a, cache);
        expectSameAsWhole(share ? `${b}\n\n${a}` : `${a}\n\n${b}`, cache);
      }),
      { numRuns: 300 },
    );
  });

  it('writes list items of plain text as marked does, and near misses too', () => {
    const itemText = fc
      .array(
        fc.constantFrom(
          ...['a', 'Z', '1', ' ', ' ', ',', '.', ';', ':', '(', ')', "'", '"', '/', '?', '%'],
          ...['+', '=', '-', 'é', 'ß', '日', '²', 'http', 'HTTPS', 'www', 'WwW.', 'ftp', '://'],
          ...['mailto', '@', '*', '_', '`', '~', '&', '<', '>', '[', ']', '!', '\\', '#', '|'],
          ...['&amp;', '1.', '1)', 'x.y', '  '],
        ),
        { minLength: 1, maxLength: 30 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(itemText, itemText, (a, b) => {
        const markdown = `- A${a}\n- B${b}\n`;
        expect(piecewiseHtml(markdown)).toBe(markdownToHtml(markdown));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes plain headings and paragraphs as marked does, and steps aside for near misses', () => {
    const chunk = fc.constantFrom(
      ...['a', 'Z', '1', '12.', '3)', ' ', '  ', ',', '.', ';', ':', '(', ')', "'", '"', '/'],
      ...['?', '%', '+', '=', '===', '-', '---', 'é', 'ß', '日', '²', '\u0301', 'www.', '://'],
      ...['mailto:', '@', '*', '_', '`', '~', '&', '<', '>', '[', ']', '!', '\\', '#', '|'],
      ...['\n', '\n', '\n\n', '\t', '# ', '## ', '####### ', '> ', '- ', '    '],
    );
    const text = fc.array(chunk, { minLength: 1, maxLength: 24 }).map((parts) => parts.join(''));
    const block = fc
      .tuple(fc.constantFrom('', '', '# ', '### ', '###### '), fc.constantFrom('A', 'b', 'É', ''))
      .chain(([marks, first]) =>
        fc
          .tuple(text, fc.constantFrom('\n', '\n\n', ''))
          .map(([rest, end]) => `${marks}${first}${rest}${end}`),
      );
    let answered = 0;
    fc.assert(
      fc.property(block, (markdown) => {
        const html = plainBlockHtml(markdown);
        if (html === undefined) return;
        answered++;
        expect(html, JSON.stringify(markdown)).toBe(markdownToHtml(markdown));
      }),
      { numRuns: 4000 },
    );
    expect(answered).toBeGreaterThan(200);
    expect(plainBlockHtml('## Timeline\n\n')).toBe('<h2>Timeline</h2>\n');
    expect(plainBlockHtml('It said "no", then it\'s fine.\nNext line.\n')).toBe(
      '<p>It said &quot;no&quot;, then it&#39;s fine.\nNext line.</p>\n',
    );
    for (const near of ['Text  \nbreak\n', 'See www.example.org\n', 'Title\n===\n', '1. one\n'])
      expect(plainBlockHtml(near), near).toBeUndefined();
  });

  it('splits a rendered post-mortem into shared pieces and simple list items', () => {
    const md =
      '# Title\n\n- **Severity:** SEV2\n- **Started:** 2026-03-14 02:00 AEDT\n\n## Summary\n\nText.\n\n## Timeline\n\n- 02:00: one\n- 02:10: two *(internal)*\n';
    const pieces = splitMarkdown(md);
    expect(pieces.map((p) => p.markdown)).toEqual([
      '# Title\n\n',
      '- **Severity:** SEV2\n- **Started:** 2026-03-14 02:00 AEDT\n\n',
      '## Summary\n\n',
      'Text.\n\n',
      '## Timeline\n\n',
      '- 02:00: one\n- 02:10: two *(internal)*\n',
    ]);
    expect(pieces[5]?.items?.map((i) => i.line)).toEqual([
      '- 02:00: one',
      '- 02:10: two *(internal)*',
    ]);
    expect(pieces[3]?.items).toBeUndefined();
    const cache = newPieceCache();
    const layout = (content: string): string =>
      `<main>\n<article>\n${content}\n</article>\n</main>`;
    const page = sanitizedPageBody(md, layout, cache, { tryScan: false });
    expect(page).toBe(sanitizeWithLibrary(layout(markdownToHtml(md))).trim());
    const parts = [...cache.pieces.values(), ...cache.items.values()];
    expect(parts.every((p) => p?.sanitized !== undefined)).toBe(true);
  });

  it('keeps text whole where a split is not provably safe', () => {
    for (const md of [
      'a\n\n```\nb\n\nc\n```\n',
      'a\n\n<pre>\n\nb\n</pre>\n',
      'a\n\n<!--\n\nb -->\n',
      '[x]\n\n[x]: https://example.org\n',
      'a\r\n\r\nb\r\n',
    ]) {
      expect(splitMarkdown(md)).toEqual([{ markdown: md }]);
    }
    // A list continues across a blank line; an indented line continues an item.
    expect(splitMarkdown('- a\n\n- b\n\n  c\n\nd\n\n- e\n').map((p) => p.markdown)).toEqual([
      '- a\n\n- b\n\n  c\n\n',
      'd\n\n',
      '- e\n',
    ]);
    // An opening tag alone on its line runs past the next blank line.
    expect(splitMarkdown('a\n\n<div\n\nb\n\nc\n').map((p) => p.markdown)).toEqual([
      'a\n\n',
      '<div\n\nb\n\n',
      'c\n',
    ]);
    // A table goes on over a line of tabs.
    expect(splitMarkdown('| a |\n|---|\n\t\nb\n')).toHaveLength(1);
  });
});

describe('sanitizing piece by piece', () => {
  it('only takes balanced HTML of marked elements as self-contained', () => {
    expect(isSelfContained('<p>a <em>b</em> <a href="https://x">c</a></p>\n')).toBe(true);
    expect(
      isSelfContained('<ul>\n<li><input checked="" disabled="" type="checkbox"> x</li>\n</ul>\n'),
    ).toBe(true);
    for (const html of [
      '<div>\n',
      '</div>\n',
      '<p>a</p><script>x</script>',
      '<p>a <b>b</b></p>',
      '<p>a<!-- c --></p>',
      "<p title='x'>a</p>",
      '<p>a</em></p>',
      '<p/>',
      '<br></br>',
      '<p>a\0</p>',
      '<p>a < b</p>',
    ]) {
      expect(isSelfContained(html), html).toBe(false);
    }
  });

  it('only puts pieces in plain content inside page containers', () => {
    expect(
      isNeutralPrefix(
        '<header class="site"><nav><a href="x">y</a></nav></header>\n<main>\n<article>\n',
      ),
    ).toBe(true);
    for (const prefix of [
      '<p>',
      '<ul>',
      '<title>',
      '<textarea>',
      '<svg>',
      '<div title="',
      '<!-- ',
      '<main><script>',
      'a < b <main>',
    ]) {
      expect(isNeutralPrefix(prefix), prefix).toBe(false);
    }
  });

  it('removes XSS payloads split across pieces exactly as the whole page', () => {
    const payloads = [
      '<div onclick="alert(1)">\n\ntext\n\n</div>',
      '<a href="javascript:alert(1)">\n\nclick\n\n</a>',
      '<img src=x\n\nonerror=alert(1)>',
      '<svg>\n\n<circle onload=alert(1) />\n\n</svg>',
      '<style>\n\nbody{display:none}\n\n</style>',
      '<form action="https://evil.example">\n\n<input name=x>\n\n</form>',
      '- <b onclick=x>item\n- two</b>\n\npara',
      '<noscript><p title="\n\n</noscript><img src=x onerror=alert(1)>">',
      '[x](javascript:alert(1))\n\n[y](data:text/html,x)',
    ];
    const [before, after] = LAYOUTS[0] ?? ['', ''];
    const layout = (content: string): string => `${before}${content}${after}`;
    for (const payload of payloads) {
      const md = `# T\n\nintro\n\n${payload}\n\n## After\n\n- a\n- b\n`;
      const cache = newPieceCache();
      const reference = sanitizeWithLibrary(layout(markdownToHtml(md))).trim();
      const out = sanitizedPageBody(md, layout, cache, { tryScan: false });
      expect(out).toBe(reference);
      expect(sanitizedPageBody(md, layout, newPieceCache())).toBe(reference);
      expect(out).not.toMatch(/<(script|style|form|input|img)\b|\son\w+=|javascript:|data:/i);
    }
  });
});
