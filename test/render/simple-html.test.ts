// The one-scan sanitizer must give sanitize-html's bytes whenever it answers, and answer
// for the pages our templates and marked make: checked on random HTML mixing simple and
// hostile pieces, on XSS payloads, on the shipped example's pages, and on option changes
// it does not reproduce (which must turn it off).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOWED } from '../../src/render/allow-list.js';
import { markdownToHtml, sanitizeBody, sanitizeWithLibrary } from '../../src/render/html.js';
import { sanitizeSimpleHtml, simpleRules } from '../../src/render/simple-html.js';
import { EXAMPLE_TEXT, exampleDoc, shippedRenderer } from './fixtures.js';

// Every allowed tag, SVG's included.
const TAGS = ALLOWED.allowedTags as string[];
// Not allowed: dropped with or without their content.
const UNKNOWN_TAGS = ['u', 'form', 'button', 'select', 'option', 'iframe', 'object', 'details'];
const VOIDS = ['br', 'hr', 'input', 'img', 'wbr', 'col', 'link', 'meta'];
const ATTRIBUTE_NAMES = [
  'viewBox',
  'CLASS',
  'Href',
  'points',
  'text-anchor',
  'cx',
  'class',
  'id',
  'href',
  'title',
  'start',
  'align',
  'datetime',
  'aria-label',
  'role',
  'lang',
  'onclick',
  'onerror',
  'style',
  'src',
  'cite',
  'scope',
  'disabled',
  'type',
  'checked',
  'colspan',
];
const VALUES = [
  '',
  'x',
  'a b',
  'left',
  '2',
  'index.html',
  '#top',
  '/path',
  'https://status.example.org/a?b=1&amp;c=2',
  'HTTPS://EXAMPLE.ORG',
  'http:x',
  'mailto:ops@example.org',
  'ftp://example.org',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java&#9;script:alert(1)',
  '\u0001javascript:alert(1)',
  'data:text/html,x',
  'vbscript:x',
  '//evil.example',
  '\\\\evil.example',
  '/\\evil.example',
  ' //evil.example',
  '&quot;quoted&quot;',
  'it&#x27;s',
  'a&#x3D;b',
  '&lt;b&gt;',
  '&amp',
  '&nbsp;',
  '&#0;',
  '&#x80;',
  "single'quote",
  'x=y',
  'a\nb',
];
const TEXTS = [
  'text',
  ' ',
  '\n',
  'a > b',
  'say "hi"',
  "it's",
  'a = b / c',
  'tab\there',
  'cr\r\nlf',
  'émoji 😀 ünïcode',
  '\u2028\u200b\u202e',
  '&amp;',
  '&lt;script&gt;',
  '&gt;',
  '&quot;',
  '&#39;',
  '&#x27;',
  '&#X3D;',
  '&#60;',
  '&#38;',
  '&#34;',
  '&#126;',
  '&#127;',
  '&#31;',
  '&#0039;',
  '&nbsp;',
  '&amp',
  '&copy;',
  '&#x;',
  '& alone',
  '&#106;avascript:',
];
// Outside the shape: the scan must step aside, or give the same bytes.
const HOSTILE = [
  '<script>alert(1)</script>',
  '<style>p{}</style>',
  '<!-- comment -->',
  '<!DOCTYPE html>',
  '<?php x ?>',
  '<![CDATA[x]]>',
  '<svg><circle r="1"/></svg>',
  '<svg><circle r="1" /></svg>',
  '<svg onload=alert(1)>',
  '<math><mi>x</mi></math>',
  '<title>a<b>c</b></title>',
  '<title>a &amp; b</title>',
  '<title>a</TITLE></title>',
  '<title>unclosed',
  '<textarea><p>x</p></textarea>',
  '<P>upper</P>',
  '<a href=x>unquoted</a>',
  "<a href='x'>single</a>",
  '<a  href="x">two spaces</a>',
  '<a href="x" >trailing</a>',
  '<a\thref="x">tab</a>',
  '<br/>',
  '<br />',
  '</br>',
  '</p>',
  '</div>',
  '</li>',
  '<p',
  '<',
  '< b',
  '<3',
  '</>',
  '</ p>',
  '\0',
  '<p a="1" a="2">dup</p>',
  '<a href="x"title="y">no space</a>',
  '<a href="<!--x-->javascript:alert(1)">c</a>',
  '<img src=x onerror=alert(1)>',
  '<input onfocus=alert(1) autofocus>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
];

// Values and texts the scan takes: no empty value, no entity it does not decode.
const NOT_TAKEN = /^$|&(?!(?:amp|lt|gt|quot|#39|#x27|#X3D|#x3D|#60|#38|#34|#126|#x6A|#106);)|\0/;
const takenValues = VALUES.filter((v) => !NOT_TAKEN.test(v));
const takenTexts = TEXTS.filter((t) => !NOT_TAKEN.test(t));

/** Balanced HTML of simple tags and text, with hostile pieces when `hostile`. */
function html(hostile: boolean): fc.Arbitrary<string> {
  const attribute = fc
    .tuple(
      fc.constantFrom(...ATTRIBUTE_NAMES),
      fc.constantFrom(...(hostile ? VALUES : takenValues)),
    )
    .map(([name, value]) => ` ${name}="${value}"`);
  const attributes = fc
    .uniqueArray(attribute, { maxLength: 3, selector: (a) => a.split('=')[0] })
    .map((a) => a.join(''));
  const text = hostile
    ? fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...TEXTS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
      )
    : fc.constantFrom(...takenTexts);
  const voidTag = fc
    .tuple(fc.constantFrom(...VOIDS), attributes)
    .map(([tag, attrs]) => `<${tag}${attrs}>`);
  const { node } = fc.letrec<{ node: string; element: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 3, arbitrary: text },
      { weight: 1, arbitrary: voidTag },
      { weight: 3, arbitrary: tie('element') },
      { weight: hostile ? 1 : 0, arbitrary: fc.constantFrom(...HOSTILE) },
    ),
    element: fc
      .tuple(
        fc.constantFrom(...TAGS, ...(hostile ? UNKNOWN_TAGS : [])),
        attributes,
        fc.array(tie('node'), { maxLength: 4 }).map((n) => n.join('')),
        // Closing tags the parser also takes: with a space, a newline, in capitals.
        fc.constantFrom(...(hostile ? ['>', ' >', '\n>', 'x>', ' x>', 'UPPER'] : ['>'])),
      )
      .map(([tag, attrs, inner, close]) =>
        close === 'UPPER'
          ? `<${tag}${attrs}>${inner}</${tag.toUpperCase()}>`
          : `<${tag}${attrs}>${inner}</${tag}${close}`,
      ),
  }));
  return fc.array(node, { minLength: 1, maxLength: 5 }).map((n) => n.join(''));
}

function expectSameOrNone(input: string): boolean {
  const scanned = sanitizeSimpleHtml(input);
  if (scanned !== undefined)
    expect(scanned, JSON.stringify(input)).toBe(sanitizeWithLibrary(input));
  expect(sanitizeBody(input)).toBe(sanitizeWithLibrary(input));
  return scanned !== undefined;
}

describe('the one-scan sanitizer', () => {
  it('reproduces the shipped allow-list (it is on)', () => {
    expect(simpleRules(ALLOWED)).not.toBeNull();
  });

  it('gives sanitize-html bytes for random simple HTML, and answers for most of it', () => {
    let answered = 0;
    let runs = 0;
    fc.assert(
      fc.property(html(false), (input) => {
        runs++;
        if (expectSameOrNone(input)) answered++;
      }),
      { numRuns: 3000 },
    );
    // Here only tags the parser would close by itself (a <p> in a <p>, a list in a
    // paragraph) and void tags not allowed step aside.
    expect(answered / runs).toBeGreaterThan(0.5);
  });

  it('gives sanitize-html bytes or steps aside for HTML with hostile pieces', () => {
    fc.assert(
      fc.property(html(true), (input) => {
        expectSameOrNone(input);
      }),
      { numRuns: 3000 },
    );
  });

  it('steps aside for every hostile construct on its own', () => {
    for (const piece of HOSTILE) {
      const input = `<p>before</p>${piece}<p>after</p>`;
      expect(sanitizeSimpleHtml(input), piece).toBeUndefined();
      expectSameOrNone(input);
    }
  });

  it('takes SVG without self-closing tags, attribute names in any case and plain titles', () => {
    for (const input of [
      '<svg class="chart" viewBox="0 0 600 180" role="img" aria-labelledby="t"><title id="t">Incidents</title><desc>12 incidents</desc><rect class="bar" x="1" y="2" width="3" height="4"></rect><polyline points="1,2 3,4"></polyline><text x="0" y="8" text-anchor="end">12</text></svg>',
      '<svg onload="alert(1)" viewBox="0 0 1 1"><circle r="1" onclick="x"></circle></svg>',
      '<p CLASS="x" Title="y">attribute case</p>',
      '<title>t</title>',
    ]) {
      const scanned = sanitizeSimpleHtml(input);
      expect(scanned, input).toBeDefined();
      expect(scanned).toBe(sanitizeWithLibrary(input));
    }
  });

  it('drops dangerous links exactly as sanitize-html does', () => {
    for (const href of VALUES.filter((v) => v !== '')) {
      const input = `<p><a href="${href}" title="t">link</a></p>`;
      expectSameOrNone(input);
    }
    const links = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '&#106;avascript:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,x',
      '//evil.example',
      '/\\evil.example',
    ];
    for (const href of links) {
      const out = sanitizeSimpleHtml(`<a href="${href}">x</a>`);
      expect(out, href).toBe('<a>x</a>');
    }
    expect(sanitizeSimpleHtml('<a href="https://x.example/?a=1&amp;b=2">x</a>')).toBe(
      '<a href="https://x.example/?a=1&amp;b=2">x</a>',
    );
  });

  it('answers for the pages of the shipped example, public and internal', () => {
    const page = `<header class="site">\n  <nav aria-label="Site"><a href="index.html">Status &amp; more</a></nav>\n</header>\n<main>\n<article>\n${markdownToHtml(EXAMPLE_TEXT)}</article>\n</main>\n<footer class="site">\n  <p>Site · SEV2 · started 2026-03-14 02:00 AEDT</p>\n</footer>`;
    expect(expectSameOrNone(page)).toBe(true);
    const renderer = shippedRenderer();
    for (const audience of ['public', 'internal'] as const) {
      const out = renderer.render(exampleDoc(), audience, 'html', 'example.md');
      const body = out.slice(out.indexOf('<body>\n') + 7, out.lastIndexOf('\n</body>'));
      // The page's body is already sanitized: sanitizing it again changes nothing.
      expect(sanitizeWithLibrary(body)).toBe(body);
      expect(sanitizeSimpleHtml(body)).toBe(body);
    }
  });

  it('turns itself off for options it does not reproduce', () => {
    expect(simpleRules({ ...ALLOWED, allowedClasses: { p: ['x'] } })).toBeNull();
    expect(simpleRules({ ...ALLOWED, transformTags: { b: 'strong' } })).toBeNull();
    expect(simpleRules({ ...ALLOWED, disallowedTagsMode: 'escape' })).toBeNull();
    expect(simpleRules({ ...ALLOWED, allowProtocolRelative: true })).toBeNull();
    expect(simpleRules({ ...ALLOWED, allowedAttributes: { '*': ['data-*'] } })).toBeNull();
    expect(simpleRules({ ...ALLOWED, allowedAttributes: { p: ['style'] } })).toBeNull();
    expect(simpleRules({ ...ALLOWED, selfClosing: ['br'] })).toBeNull();
    expect(simpleRules({ ...ALLOWED, allowedSchemesByTag: { a: ['ftp'] } })).toBeNull();
    expect(sanitizeSimpleHtml('<p>x</p>', null)).toBeUndefined();
  });
});
