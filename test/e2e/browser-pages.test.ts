// The published pages in headless Chromium: they render, log no console error, make no
// network request, run no injected script, and axe-core finds no serious or critical
// violation, in light and dark, on a phone and a desktop. Without Chromium outside CI
// these tests report themselves skipped; in CI (CI set) they must run.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Postmortem } from '../../src/core/model.js';
import { parsePostmortemText } from '../../src/core/parse.js';
import { serializePostmortem } from '../../src/core/serialize.js';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo } from '../helpers/repo.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM) && !process.env.CI;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ORIGIN = 'http://postmortem.test';

const EXAMPLES = [
  '2026-03-14-app-server-outage',
  '2026-10-17-spam-posts-after-breach',
  '2026-10-25-update-without-where',
];
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=https://evil.example/x.png onerror=alert(2)>',
  '[click](javascript:alert(3))',
  '<a href="data:text/html,<script>alert(4)</script>">d</a>',
  '<style>body{background:url(https://evil.example/bg.png)}</style>',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload=alert(5)></svg>',
  '![tracker](https://evil.example/pixel.gif)',
  '<link rel=stylesheet href=https://evil.example/x.css>',
].join('\n\n');

function doc(id: string, change: (d: Postmortem) => void): string {
  const d = parsePostmortemText(
    readFileSync(new URL(`../../examples/${id}.md`, import.meta.url), 'utf8'),
    id,
  );
  d.status = 'published';
  change(d);
  return serializePostmortem(d);
}

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[];
}

interface PageReport {
  consoleErrors: string[];
  requests: string[];
  dialogs: string[];
  violations: string[];
  overflow: boolean;
  headings: number;
}

describe.skipIf(skip)('published pages in Chromium', () => {
  let browser: Browser;
  let site: string;
  let pages: string[];

  beforeAll(async () => {
    const files: Record<string, string> = {};
    for (const id of EXAMPLES) files[`postmortems/${id}.md`] = doc(id, () => {});
    files['postmortems/2026-11-01-hostile-markup.md'] = doc(EXAMPLES[0]!, (d) => {
      d.id = '2026-11-01-hostile-markup';
      d.redact = [];
      d.summary = HOSTILE;
      d.apology = HOSTILE;
      d.timeline = d.timeline
        .filter((e) => !e.internal)
        .map((e) => ({ ...e, event: `${e.event} <img src=x onerror=alert(6)>` }));
      d.lessons.went_well = [HOSTILE];
    });
    const repo = makeTempRepo(files);
    const result = await runCli(['publish', '--out', 'site'], { cwd: repo.root, env: repo.env });
    expect(result.code, result.stderr).toBe(0);
    site = join(repo.root, 'site');
    pages = readdirSync(site)
      .filter((n) => n.endsWith('.html'))
      .sort();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function visit(
    name: string,
    options: { dark: boolean; width: number },
  ): Promise<PageReport> {
    const context = await browser.newContext({
      colorScheme: options.dark ? 'dark' : 'light',
      viewport: { width: options.width, height: 800 },
      javaScriptEnabled: true,
    });
    const page = await context.newPage();
    const report: PageReport = {
      consoleErrors: [],
      requests: [],
      dialogs: [],
      violations: [],
      overflow: false,
      headings: 0,
    };
    const target = `${ORIGIN}/${name}`;
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === target) {
        await route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          body: readFileSync(join(site, name)),
        });
      } else {
        report.requests.push(url);
        await route.abort();
      }
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') report.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => report.consoleErrors.push(error.message));
    page.on('dialog', (dialog) => {
      report.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(target, { waitUntil: 'load' });
    // CDP evaluation is not subject to the page's content security policy, the page's own
    // scripts are: axe runs, anything injected through a document does not.
    await page.evaluate(AXE);
    const result = await page.evaluate<AxeResult>(
      `axe.run(document, { resultTypes: ['violations'] })`,
    );
    report.violations = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    report.overflow = await page.evaluate<boolean>(
      'document.documentElement.scrollWidth > window.innerWidth + 1',
    );
    report.headings = await page.evaluate<number>("document.querySelectorAll('h1').length");
    await page.waitForTimeout(50);
    await context.close();
    return report;
  }

  it('publishes the pages to test', () => {
    expect(pages).toEqual(
      [...EXAMPLES, '2026-11-01-hostile-markup']
        .map((id) => `${id}.html`)
        .concat('index.html')
        .sort(),
    );
  });

  for (const dark of [false, true]) {
    for (const width of [375, 1280]) {
      it(`every page is clean (${dark ? 'dark' : 'light'}, ${width}px wide)`, async () => {
        for (const name of pages) {
          const report = await visit(name, { dark, width });
          expect(report.consoleErrors, name).toEqual([]);
          expect(report.requests, name).toEqual([]);
          expect(report.dialogs, name).toEqual([]);
          expect(report.violations, name).toEqual([]);
          expect(report.overflow, `${name} scrolls sideways`).toBe(false);
          expect(report.headings, name).toBe(1);
        }
      }, 120_000);
    }
  }
});
