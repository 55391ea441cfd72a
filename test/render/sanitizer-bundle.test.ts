// The built sanitize-html bundle (scripts/bundle-sanitizer.js) sanitizes exactly as the
// package does, and loads without postcss, which it still reaches when asked to parse styles.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { markdownToHtml } from '../../src/render/html.js';
import { EXAMPLE_TEXT } from './fixtures.js';

type Sanitize = (html: string, options?: Record<string, unknown>) => string;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Inside the project, so the bundle finds sanitize-html (and its postcss) as dist/ does.
const cache = join(ROOT, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'sanitizer-bundle-'));
const bundleFile = join(dir, 'sanitize-html.cjs');
execFileSync(process.execPath, [join(ROOT, 'scripts/bundle-sanitizer.js'), bundleFile]);
const require = createRequire(import.meta.url);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const INPUTS = [
  '<p onclick="alert(1)">p<script>alert(2)</script></p>',
  '<a href="JaVaScRiPt:alert(1)">a</a><a href="&#106;avascript:alert(1)">b</a>',
  '<img src=x onerror=alert(1)><svg onload=alert(1)><circle r=1 /></svg>',
  '<style>body{display:none}</style><form action="https://evil.example"><input></form>',
  '<div style="color:red;background:url(https://evil.example/x)">s</div>',
  '<a href="data:text/html,<script>alert(1)</script>">i</a><!-- comment --><iframe src=x>',
  '<table><tr><td align="left" onmouseover=x>&amp;&lt;&#x41;&nbsp;&hellip;</td></tr></table>',
  markdownToHtml(EXAMPLE_TEXT),
];

const STRICT = {
  allowedTags: ['p', 'a', 'div', 'table', 'tbody', 'tr', 'td', 'svg', 'h1', 'h2', 'ul', 'li'],
  allowedAttributes: { a: ['href'], td: ['align'] },
  allowedSchemes: ['http', 'https'],
  allowProtocolRelative: false,
  allowedStyles: {},
  parseStyleAttributes: false,
};

const STYLES = {
  allowedAttributes: { div: ['style'] },
  allowedStyles: { '*': { color: [/^red$/] } },
};

describe('the sanitize-html bundle', () => {
  it('loads and sanitizes without postcss', () => {
    const bundle = require(bundleFile) as Sanitize;
    for (const input of INPUTS) bundle(input, STRICT);
    const postcss = Object.keys(require.cache).filter((f) => /[/\\]postcss[/\\]/.test(f));
    expect(postcss).toEqual([]);
  });

  it('gives what the package gives, style parsing included', () => {
    const bundle = require(bundleFile) as Sanitize;
    const pkg = require('sanitize-html') as Sanitize;
    expect(bundle).not.toBe(pkg);
    for (const options of [undefined, STRICT, STYLES]) {
      for (const input of INPUTS) expect(bundle(input, options)).toBe(pkg(input, options));
    }
    expect(bundle('<div style="color:red;position:fixed">x</div>', STYLES)).toBe(
      '<div style="color:red">x</div>',
    );
  });
});
