// Hostile Markdown and HTML in every text field: the HTML page runs no code, has no
// event handler, no style or form from the document, and links only to http(s).
import { describe, expect, it } from 'vitest';
import type { Postmortem } from '../../src/core/model.js';
import { exampleDoc, shippedRenderer } from './fixtures.js';

const HOSTILE = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<a href="javascript:alert(1)">a</a>',
  '<a href="JaVaScRiPt:alert(1)">b</a>',
  '<a href="&#106;avascript:alert(1)">c</a>',
  '<a href="java\tscript:alert(1)">d</a>',
  '[e](javascript:alert(1))',
  '[f](JAVASCRIPT:alert(1))',
  '[g](&#x6A;avascript&#58;alert(1))',
  '[h](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<a href="data:text/html,<script>alert(1)</script>">i</a>',
  '[j](vbscript:msgbox(1))',
  '<style>body{display:none}</style>',
  '<form action="https://evil.example"><input name=x><button>go</button></form>',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="x"></object><embed src="x">',
  '<div style="background:url(https://evil.example/x)">s</div>',
  '<p onclick="alert(1)" onmouseover=alert(2)>p</p>',
  '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '![img](https://evil.example/track.png)',
  '<!-- comment --><noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<a href="//evil.example/x">protocol-relative</a>',
];

function everywhere(payload: string): Postmortem {
  const doc = exampleDoc();
  doc.redact = [];
  doc.title = `Title ${payload}`;
  doc.summary = payload;
  doc.impact = {
    description: payload,
    not_affected: payload,
    customers_affected: payload,
    data_loss: false,
  };
  doc.root_cause = { description: payload, trigger: payload, contributing_factors: [payload] };
  doc.detection = payload;
  doc.resolution = payload;
  doc.apology = payload;
  doc.timeline = [{ at: '2026-03-14T02:00:00+11:00', event: payload, internal: false }];
  doc.action_items = [{ id: 'AI-1', title: payload, status: 'open', internal: false }];
  doc.lessons = { went_well: [payload], went_wrong: [payload], lucky: [payload] };
  return doc;
}

/** The page's body after our own head: that is where the document's text lands. */
function body(html: string): string {
  return html.slice(html.indexOf('<body>'));
}

function assertInert(html: string): void {
  const b = body(html);
  expect(b).not.toMatch(
    /<\s*(script|style|form|input|button|iframe|object|embed|base|meta|link|img|math|noscript)\b/i,
  );
  expect(b).not.toMatch(/\son[a-z]+\s*=/i);
  expect(b).not.toMatch(/\sstyle\s*=/i);
  for (const m of b.matchAll(/\s(?:href|src|action|xlink:href)\s*=\s*"([^"]*)"/gi)) {
    expect(m[1]).toMatch(/^(https?:\/\/|[a-z0-9-]+\.html$|#)/i);
  }
  // Our head: one inline stylesheet, no script, a policy that forbids every request.
  expect(html.match(/<script/gi)).toBeNull();
  expect(html).toContain("default-src 'none'");
}

describe('hostile Markdown and HTML in every field', () => {
  const renderer = shippedRenderer();
  it.each(HOSTILE)('public and internal HTML stay inert: %s', (payload) => {
    const doc = everywhere(payload);
    assertInert(renderer.render(doc, 'public', 'html', 'x.md'));
    assertInert(renderer.render(doc, 'internal', 'html', 'x.md'));
  });

  it('keeps the text of an ordinary link and https targets', () => {
    const doc = exampleDoc();
    doc.summary = 'See [the status page](https://status.example.org/incident) for more.';
    const html = renderer.render(doc, 'public', 'html', 'x.md');
    expect(html).toContain('<a href="https://status.example.org/incident">the status page</a>');
  });
});
