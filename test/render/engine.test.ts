// RELIABILITY.md items 11 and 13 in-process: hostile repo templates, document text that
// looks like a template, symlinked templates.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/config.js';
import { DocumentRenderer, createRenderer } from '../../src/render/render.js';
import { resolveTemplates } from '../../src/render/templates.js';
import { makeTempDir } from '../helpers/repo.js';
import { exampleDoc, shippedRenderer } from './fixtures.js';

function repoWith(files: Record<string, string>): string {
  const root = makeTempDir();
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, '.postmortem/templates', path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}

function renderWith(files: Record<string, string>, format: 'md' | 'html' = 'md'): string {
  const renderer = new DocumentRenderer(createRenderer(repoWith(files), defaultConfig()));
  return renderer.render(exampleDoc(), 'public', format, 'postmortems/x.md');
}

describe('repo templates', () => {
  it('override one partial by file name, the rest stay shipped', () => {
    const out = renderWith({ 'partials/summary.md.hbs': '## In short\n\n{{summary}}\n\n' });
    expect(out).toContain('## In short');
    expect(out).toContain('## Impact');
    const files = resolveTemplates(repoWith({ 'summary.md.hbs': 'x' }), '.postmortem/templates');
    expect(files.find((t) => t.name === 'summary.md.hbs')?.origin).toBe('repo');
    expect(files.find((t) => t.name === 'impact.md.hbs')?.origin).toBe('shipped');
  });

  it('cannot print the context with {{log @root}}', () => {
    expect(() => renderWith({ 'public.md.hbs': '# {{title}}\n{{log @root}}\n' })).toThrow(
      /public\.md\.hbs.*"log" is not an available helper/,
    );
  });

  it('cannot use lookup to reach around the view', () => {
    expect(() => renderWith({ 'public.md.hbs': '{{lookup this "internal_notes"}}\n' })).toThrow(
      /lookup/,
    );
  });

  it('cannot reach internal data through @root: the public view does not hold it', () => {
    const out = renderWith({
      'public.md.hbs':
        '# {{title}}\n\n{{@root.internal_notes}}{{#each @root.timeline}}{{event}}\n{{/each}}',
    });
    expect(out).not.toContain('founder');
    expect(out).not.toContain('Pager sent');
  });

  it('names the template file, line and missing field for a field the view does not have', () => {
    expect(() => renderWith({ 'partials/detection.md.hbs': '\n\n{{redact}}\n' })).toThrow(
      /template \.postmortem\/templates\/partials\/detection\.md\.hbs:3: the field "redact" does not exist here/,
    );
  });

  it('cannot reach prototypes', () => {
    const out = renderWith({
      'public.md.hbs': '# {{title}}\n\n{{#with impact}}[{{constructor}}][{{__proto__}}]{{/with}}\n',
    });
    expect(out).toContain('[][]');
  });

  it('{{{x}}} in a repo HTML template is sanitized after rendering', () => {
    const doc = exampleDoc();
    doc.summary =
      'Hi <script>alert(1)</script><img src=x onerror=alert(2)> [a](javascript:alert(3))';
    const renderer = new DocumentRenderer(
      createRenderer(
        repoWith({
          'page.html.hbs':
            '<main><h1>{{title}}</h1>{{{summary}}}{{{content}}}<script>alert(4)</script></main>',
        }),
        defaultConfig(),
      ),
    );
    const html = renderer.render(doc, 'public', 'html', 'x.md');
    expect(html).not.toMatch(/<script|onerror|href="?javascript:|<img/i);
  });

  it('a stylesheet that would load something is refused', () => {
    expect(() =>
      renderWith({ 'page.css': 'body { background: url(https://evil.example/x.png) }' }, 'html'),
    ).toThrow(/may not load anything/);
  });

  it('refuses a symlinked template', () => {
    const root = repoWith({});
    const outside = join(makeTempDir(), 'evil.hbs');
    writeFileSync(outside, '{{title}}');
    mkdirSync(join(root, '.postmortem/templates/partials'), { recursive: true });
    symlinkSync(outside, join(root, '.postmortem/templates/partials/summary.md.hbs'));
    expect(() => createRenderer(root, defaultConfig())).toThrow(/symbolic link/);
  });

  it('refuses a symlinked templates folder', () => {
    const root = makeTempDir();
    mkdirSync(join(root, '.postmortem'));
    symlinkSync(makeTempDir(), join(root, '.postmortem/templates'));
    expect(() => createRenderer(root, defaultConfig())).toThrow(/symbolic link/);
  });
});

describe('document text is never a template', () => {
  it('prints {{secret}} in a document body as text', () => {
    const doc = exampleDoc();
    doc.summary = 'We saw {{secret}} and {{> summary}} and {{log @root}} in the logs.';
    const out = shippedRenderer().render(doc, 'public', 'md', 'x.md');
    expect(out).toContain('We saw {{secret}} and {{> summary}} and {{log @root}} in the logs.');
  });
});

describe('shipped templates', () => {
  it('render every public format of the example without a leak', () => {
    const renderer = shippedRenderer();
    for (const format of ['md', 'html', 'notice', 'status'] as const) {
      const out = renderer.render(exampleDoc(), 'public', format, 'x.md');
      expect(out).not.toMatch(/app-prod-1|Carmen|sam@example|founder|10\.0\.4\.17/);
      expect(out.endsWith('\n')).toBe(true);
    }
  });

  it('the internal Markdown keeps internal notes, entries and items', () => {
    const out = shippedRenderer().render(exampleDoc(), 'internal', 'md', 'x.md');
    expect(out).toContain('## Internal notes');
    expect(out).toContain('app-prod-1');
    expect(out).toContain('*(internal)*');
    expect(out).toContain('AI-4');
  });

  it('the notice follows the lessons: what happened, affected, not affected, what we do, where updates are', () => {
    const out = shippedRenderer().render(exampleDoc(), 'public', 'notice', 'x.md');
    for (const part of [
      'Subject: ',
      'Who was affected',
      'What was not affected',
      'We are sorry',
      'What we are doing about it',
      'reply to this message',
    ]) {
      expect(out).toContain(part);
    }
  });

  it('are deterministic: the same document gives the same bytes', () => {
    const a = shippedRenderer().render(exampleDoc(), 'public', 'html', 'x.md');
    const b = shippedRenderer().render(exampleDoc(), 'public', 'html', 'x.md');
    expect(a).toBe(b);
  });
});
