// `postmortem render` and `postmortem templates` as users run them: the built CLI on real
// temporary git repositories.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePostmortemText } from '../../src/core/parse.js';
import { serializePostmortem } from '../../src/core/serialize.js';
import { runCli } from '../helpers/cli.js';
import { makeTempDir, makeTempRepo, type TempRepo } from '../helpers/repo.js';

const ID = '2026-03-14-app-server-outage';
const PATH = `postmortems/${ID}.md`;
const EXAMPLE = readFileSync(new URL(`../../examples/${ID}.md`, import.meta.url), 'utf8');

function repo(files: Record<string, string> = {}, text = EXAMPLE): TempRepo {
  return makeTempRepo({ [PATH]: text, ...files });
}

const render = (r: TempRepo, ...args: string[]) =>
  runCli(['render', ID, ...args], { cwd: r.root, env: r.env });

function edited(change: (doc: ReturnType<typeof parsePostmortemText>) => void): string {
  const doc = parsePostmortemText(EXAMPLE, PATH);
  change(doc);
  return serializePostmortem(doc);
}

describe('postmortem render', () => {
  it('prints the public Markdown without anything internal', async () => {
    const result = await render(repo(), '--audience', 'public');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# App unavailable/);
    expect(result.stdout).not.toMatch(
      /app-prod-1|10\.0\.4\.17|Carmen|founder|sam@example\.com|Pager sent|AI-4/,
    );
  });

  it('prints the internal Markdown with everything', async () => {
    const result = await render(repo(), '--audience', 'internal');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('## Internal notes');
    expect(result.stdout).toContain('Pager sent');
  });

  it('renders each public format, deterministically', async () => {
    const r = repo();
    for (const format of ['md', 'html', 'notice', 'status']) {
      const a = await render(r, '--audience', 'public', '--format', format);
      const b = await render(r, '--audience', 'public', '--format', format);
      expect(a.code, a.stderr).toBe(0);
      expect(a.stdout).toBe(b.stdout);
    }
  });

  it('writes --out and refuses a symlinked --out', async () => {
    const r = repo();
    const ok = await render(
      r,
      '--audience',
      'public',
      '--format',
      'html',
      '--out',
      'out/page.html',
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(join(r.root, 'out/page.html'), 'utf8')).toMatch(/^<!doctype html>/);
    const target = join(makeTempDir(), 'elsewhere.html');
    writeFileSync(target, 'untouched');
    symlinkSync(target, join(r.root, 'link.html'));
    const refused = await render(r, '--audience', 'public', '--out', 'link.html');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('symbolic link');
    expect(readFileSync(target, 'utf8')).toBe('untouched');
  });

  it('fails on a leak, names where it came from, and writes nothing', async () => {
    const text = edited((doc) => {
      doc.resolution = 'We restarted app-**prod**-1 by hand.';
    });
    const r = repo({}, text);
    const result = await render(r, '--audience', 'public', '--out', 'public.md');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('redacted term "app-prod-1"');
    expect(result.stderr).toContain('from resolution');
    expect(result.stdout).toBe('');
    expect(existsSync(join(r.root, 'public.md'))).toBe(false);
  });

  it('fails closed on an internal marker it cannot remove', async () => {
    const text = edited((doc) => {
      doc.detection = 'Detected.\n\n```\n> [!INTERNAL]\n> paged the on-call lead\n```';
    });
    const result = await render(repo({}, text), '--audience', 'public');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('detection');
    expect(result.stdout).toBe('');
  });

  it('fails on a configured leak pattern and an e-mail address', async () => {
    const text = edited((doc) => {
      doc.summary = 'Reach ops@corp.example.org or grafana.corp.internal.';
    });
    const result = await render(
      repo({ 'postmortem.yml': 'leaks:\n  patterns:\n    - "\\\\.corp\\\\.internal"\n' }, text),
      '--audience',
      'public',
      '--format',
      'notice',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ops@corp.example.org');
    expect(result.stderr).toContain('corp\\.internal');
  });

  it('refuses the customer-facing formats for the internal audience', async () => {
    const result = await render(repo(), '--audience', 'internal', '--format', 'notice');
    expect(result.code).toBe(2);
  });

  it('a hostile repo template fails with its file and line, printing nothing', async () => {
    const r = repo({ '.postmortem/templates/public.md.hbs': '# {{title}}\n\n{{log @root}}\n' });
    const result = await render(r, '--audience', 'public');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('.postmortem/templates/public.md.hbs');
    expect(result.stdout + result.stderr).not.toContain('founder');
    const missing = await render(
      repo({
        '.postmortem/templates/summary.md.hbs':
          '## Summary\n\n{{summary}}\n{{@root.internal_notes.text}}\n',
      }),
      '--audience',
      'public',
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/summary\.md\.hbs:4: .*"text"/);
  });

  it('refuses a symlinked template', async () => {
    const r = repo();
    const outside = join(makeTempDir(), 'x.hbs');
    writeFileSync(outside, '{{title}}\n');
    mkdirSync(join(r.root, '.postmortem/templates'), { recursive: true });
    symlinkSync(outside, join(r.root, '.postmortem/templates/public.md.hbs'));
    const result = await render(r, '--audience', 'public');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('symbolic link');
  });

  it('prints {{secret}} in a document body literally', async () => {
    const text = edited((doc) => {
      doc.summary = 'The log said {{secret}} and {{{internal_notes}}}.';
    });
    const result = await render(repo({}, text), '--audience', 'public');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('The log said {{secret}} and {{{internal_notes}}}.');
  });
});

describe('postmortem templates', () => {
  it('lists the templates in effect and where each comes from', async () => {
    const r = repo({
      '.postmortem/templates/partials/apology.md.hbs': '## Sorry\n\n{{apology}}\n\n',
      '.postmortem/templates/nope.hbs': 'x',
    });
    const json = await runCli(['templates', '--json'], { cwd: r.root, env: r.env });
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      templates: { name: string; origin: string; path: string }[];
      unused: string[];
    };
    expect(parsed.templates.find((t) => t.name === 'apology.md.hbs')).toEqual({
      name: 'apology.md.hbs',
      kind: 'partial',
      origin: 'repo',
      path: '.postmortem/templates/partials/apology.md.hbs',
    });
    expect(parsed.templates.find((t) => t.name === 'public.md.hbs')?.origin).toBe('shipped');
    expect(parsed.unused).toEqual(['.postmortem/templates/nope.hbs']);
    const rendered = await render(r, '--audience', 'public');
    expect(rendered.stdout).toContain('## Sorry');
    const text = await runCli(['templates'], { cwd: r.root, env: r.env });
    expect(text.stdout).toMatch(/apology\.md\.hbs\s+partial\s+repo/);
  });
});
