// The bundles the build makes (scripts/bundle-vendor.js): sanitize-html sanitizes exactly
// as the package does and loads without postcss, which it still reaches when asked to parse
// styles; the Handlebars runtime renders precompiled templates as the package's does.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import { precompiledModule } from '../../src/render/engine.js';
import { markdownToHtml } from '../../src/render/html.js';
import type { Precompiled } from '../../src/render/precompiled.js';
import { EXAMPLE_TEXT } from './fixtures.js';

type Sanitize = (html: string, options?: Record<string, unknown>) => string;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Inside the project, so the bundle finds sanitize-html (and its postcss) as dist/ does.
const cache = join(ROOT, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'vendor-bundles-'));
const bundleFile = join(dir, 'sanitize-html.cjs');
execFileSync(process.execPath, [join(ROOT, 'scripts/bundle-vendor.js'), dir]);
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

describe('the Handlebars runtime bundle', () => {
  it('renders precompiled templates as the package runtime does', async () => {
    type Runtime = typeof Handlebars;
    const bundled = require(join(dir, 'handlebars-runtime.cjs')) as Runtime;
    const runtime = require('handlebars/runtime') as Runtime;
    expect(bundled).not.toBe(runtime);
    expect(bundled.VERSION).toBe(Handlebars.VERSION);
    const file = join(dir, 'precompiled.mjs');
    writeFileSync(
      file,
      precompiledModule(
        new Map([
          [
            'page.html.hbs',
            '{{#each items}}<b>{{name}}</b>{{#if @last}}.{{else}}, {{/if}}{{/each}} {{{raw}}} {{> p}}',
          ],
          ['p.html.hbs', '[{{raw}}]'],
        ]),
      ),
    );
    const { PRECOMPILED } = (await import(pathToFileURL(file).href)) as {
      PRECOMPILED: ReadonlyMap<string, Precompiled>;
    };
    const spec = (name: string) => PRECOMPILED.get(name)?.spec as Precompiled['spec'];
    const context = { items: [{ name: '<a>' }, { name: 'b&c' }], raw: '<i>x</i>' };
    const render = (env: Runtime) => {
      const isolated = env.create();
      isolated.registerPartial('p', isolated.template(spec('p.html.hbs')));
      return isolated.template(spec('page.html.hbs'))(context);
    };
    expect(render(bundled)).toBe(render(runtime));
    expect(render(bundled)).toBe(
      '<b>&lt;a&gt;</b>, <b>b&amp;c</b>. <i>x</i> [&lt;i&gt;x&lt;/i&gt;]',
    );
  });
});
