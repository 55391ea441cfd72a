// `postmortem publish` as CI runs it: real repos, the built CLI, real output folders.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Postmortem } from '../../src/core/model.js';
import { parsePostmortemText } from '../../src/core/parse.js';
import { serializePostmortem } from '../../src/core/serialize.js';
import { runCli } from '../helpers/cli.js';
import { makeTempDir, makeTempRepo, readFolder, type TempRepo } from '../helpers/repo.js';

const EXAMPLES = [
  '2026-03-14-app-server-outage',
  '2026-10-17-spam-posts-after-breach',
  '2026-10-25-update-without-where',
];
const source = (id: string): string =>
  readFileSync(new URL(`../../examples/${id}.md`, import.meta.url), 'utf8');

function doc(id: string, change: (d: Postmortem) => void = () => {}): string {
  const d = parsePostmortemText(source(id), id);
  change(d);
  return serializePostmortem(d);
}

function repo(): TempRepo {
  const files: Record<string, string> = {};
  for (const id of EXAMPLES)
    files[`postmortems/${id}.md`] = doc(id, (d) => void (d.status = 'published'));
  return makeTempRepo(files);
}

const publish = (r: TempRepo, ...args: string[]) =>
  runCli(['publish', ...args], { cwd: r.root, env: r.env });

describe('postmortem publish', () => {
  it('writes public Markdown and HTML per post-mortem, the index, the feed and incidents.json', async () => {
    const r = repo();
    const result = await publish(r, '--out', 'site');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /^Published 3 post-mortems to site: 3 rendered, 0 unchanged, 0 removed, 9 files written\.\n$/,
    );
    const files = readFolder(join(r.root, 'site'));
    expect(Object.keys(files)).toEqual(
      [
        '.postmortem-publish.json',
        ...EXAMPLES.flatMap((id) => [`${id}.html`, `${id}.md`]),
        'feed.xml',
        'incidents.json',
        'index.html',
      ].sort(),
    );
    const all = Object.entries(files)
      .filter(([n]) => !n.startsWith('.'))
      .map(([, t]) => t)
      .join('\n');
    expect(all).not.toMatch(/app-prod-1|10\.0\.4\.17|Carmen Ruiz|founder|@example\.com/);
    const incidents = JSON.parse(files['incidents.json'] ?? '') as { id: string }[];
    expect(incidents.map((i) => i.id)).toEqual([...EXAMPLES].reverse());
    expect(files['index.html']).toContain('<svg class="chart"');
    const index = files['index.html'] ?? '';
    expect(index.indexOf(EXAMPLES[2]!)).toBeLessThan(index.indexOf(EXAMPLES[0]!));
    expect(files['feed.xml']).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
    );
  });

  it('gives the same bytes for the same repo, and re-renders only what changed', async () => {
    const r = repo();
    await publish(r, '--out', 'a');
    const again = await publish(r, '--out', 'a');
    expect(again.stderr).toContain('0 rendered, 3 unchanged, 0 removed, 0 files written');
    await publish(r, '--out', 'b');
    expect(readFolder(join(r.root, 'b'))).toEqual(readFolder(join(r.root, 'a')));
    const id = EXAMPLES[1]!;
    r.write(
      `postmortems/${id}.md`,
      doc(id, (d) => {
        d.status = 'published';
        d.title = 'A new title';
      }),
    );
    const third = await publish(r, '--out', 'a');
    expect(third.stderr).toContain('1 rendered, 2 unchanged');
    expect(readFileSync(join(r.root, 'a', `${id}.md`), 'utf8')).toMatch(/^# A new title/);
    expect(readFileSync(join(r.root, 'a', 'index.html'), 'utf8')).toContain('A new title');
  });

  it('publishes approved documents only when the config says so', async () => {
    const r = makeTempRepo({
      [`postmortems/${EXAMPLES[0]}.md`]: doc(EXAMPLES[0]!, (d) => void (d.status = 'approved')),
    });
    await publish(r, '--out', 'site');
    expect(existsSync(join(r.root, 'site', `${EXAMPLES[0]}.html`))).toBe(false);
    r.write('postmortem.yml', 'publish:\n  include_approved: true\n');
    await publish(r, '--out', 'site');
    expect(existsSync(join(r.root, 'site', `${EXAMPLES[0]}.html`))).toBe(true);
  });

  it('removes the old public output of a document made internal again (draft) or deleted', async () => {
    const r = repo();
    await publish(r, '--out', 'site');
    const [first, second] = EXAMPLES as [string, string];
    r.write(
      `postmortems/${first}.md`,
      doc(first, (d) => void (d.status = 'draft')),
    );
    r.git('rm', '-q', `postmortems/${second}.md`);
    const result = await publish(r, '--out', 'site');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('4 removed');
    for (const id of [first, second]) {
      expect(existsSync(join(r.root, 'site', `${id}.md`))).toBe(false);
      expect(existsSync(join(r.root, 'site', `${id}.html`))).toBe(false);
    }
    const json = readFileSync(join(r.root, 'site', 'incidents.json'), 'utf8');
    expect(json).not.toContain(first);
    expect(readFileSync(join(r.root, 'site', 'feed.xml'), 'utf8')).not.toContain(second);
  });

  it('removes the old output of a document that now leaks, and exits 1', async () => {
    const r = repo();
    await publish(r, '--out', 'site');
    const id = EXAMPLES[0]!;
    r.write(
      `postmortems/${id}.md`,
      doc(id, (d) => {
        d.status = 'published';
        d.redact.push('three hours');
      }),
    );
    const result = await publish(r, '--out', 'site');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('redacted term "three hours"');
    expect(existsSync(join(r.root, 'site', `${id}.html`))).toBe(false);
    expect(readFileSync(join(r.root, 'site', 'index.html'), 'utf8').toLowerCase()).not.toContain(
      'three hours',
    );
  });

  it('--check exits 1 listing the files that differ, 0 when up to date', async () => {
    const r = repo();
    const missing = await publish(r, '--check', 'site');
    expect(missing.code).toBe(1);
    await publish(r, '--out', 'site');
    const clean = await publish(r, '--check', 'site');
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    writeFileSync(join(r.root, 'site', `${EXAMPLES[0]}.md`), 'edited by hand\n');
    writeFileSync(join(r.root, 'site', 'old-incident.html'), 'stale');
    const id = EXAMPLES[2]!;
    r.write(
      `postmortems/${id}.md`,
      doc(id, (d) => {
        d.status = 'published';
        d.summary = 'Changed.';
      }),
    );
    const drift = await publish(r, '--check', 'site');
    expect(drift.code).toBe(1);
    expect(drift.stdout.split('\n').filter(Boolean)).toEqual([
      `${EXAMPLES[0]}.md (differs)`,
      `${id}.html (differs)`,
      `${id}.md (differs)`,
      'feed.xml (differs)',
      'incidents.json (differs)',
      'old-incident.html (should not be there)',
    ]);
  });

  it('refuses a symlinked output folder or output file', async () => {
    const r = repo();
    const elsewhere = makeTempDir();
    symlinkSync(elsewhere, join(r.root, 'linked'));
    const dirLink = await publish(r, '--out', 'linked');
    expect(dirLink.code).toBe(1);
    expect(dirLink.stderr).toContain('symbolic link');
    expect(readdirSync(elsewhere)).toEqual([]);
    mkdirSync(join(r.root, 'site'));
    const victim = join(elsewhere, 'victim.txt');
    writeFileSync(victim, 'untouched');
    symlinkSync(victim, join(r.root, 'site', 'index.html'));
    const fileLink = await publish(r, '--out', 'site');
    expect(fileLink.code).toBe(1);
    expect(fileLink.stderr).toContain('symbolic link');
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
  });

  it('needs exactly one of --out and --check', async () => {
    const r = repo();
    expect((await publish(r)).code).toBe(2);
    expect((await publish(r, '--out', 'a', '--check', 'b')).code).toBe(2);
  });

  it('remembers settled inputs by file stamp, and still re-renders a same-size edit', async () => {
    const r = repo();
    // Files changed in the last 3 seconds are never trusted to their stamp: let them settle.
    await new Promise((resolve) => setTimeout(resolve, 3200));
    expect((await publish(r, '--out', 'site')).stderr).toContain('3 rendered');
    const remembered = JSON.parse(
      readFileSync(join(r.root, '.git', 'postmortem', 'publish-inputs.json'), 'utf8'),
    ) as { entries: Record<string, { value: string }> };
    expect(Object.keys(remembered.entries)).toHaveLength(3);
    const cache = JSON.parse(
      readFileSync(join(r.root, 'site', '.postmortem-publish.json'), 'utf8'),
    ) as { documents: Record<string, { input: string }> };
    // What is remembered of a file is the hash the publish cache holds for it.
    for (const [file, { value }] of Object.entries(remembered.entries))
      expect(cache.documents[relative(r.root, file)]?.input).toBe(value);
    expect((await publish(r, '--out', 'site')).stderr).toContain('0 rendered, 3 unchanged');
    // The same size, a moment later: the stamp differs, so the file is read again.
    const id = EXAMPLES[2]!;
    const file = join(r.root, 'postmortems', `${id}.md`);
    const before = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      before.replace(/^title: (.)/m, (_, c: string) => `title: ${c === 'X' ? 'Y' : 'X'}`),
    );
    const again = await publish(r, '--out', 'site');
    expect(again.stderr).toContain('1 rendered, 2 unchanged');
    expect(readFileSync(join(r.root, 'site', `${id}.md`), 'utf8')).toMatch(/^# [XY]/);
  });

  it('after a change the index does not show, the folder is what a publish from nothing writes', async () => {
    const r = repo();
    expect((await publish(r, '--out', 'site')).code).toBe(0);
    const index = join(r.root, 'site', 'index.html');
    const before = statSync(index).mtimeMs;
    const id = EXAMPLES[1]!;
    // The summary is in the feed and incidents.json, not in the index.
    r.write(
      `postmortems/${id}.md`,
      doc(id, (d) => {
        d.status = 'published';
        d.summary = 'A summary written again after review.';
      }),
    );
    const again = await publish(r, '--out', 'site');
    expect(again.stderr).toContain('1 rendered, 2 unchanged, 0 removed, 4 files written');
    expect(statSync(index).mtimeMs).toBe(before);
    expect(readFileSync(join(r.root, 'site', 'incidents.json'), 'utf8')).toContain(
      'A summary written again after review.',
    );
    // What a publish from nothing writes: the index kept is the one it would make.
    await publish(r, '--out', 'fresh');
    expect(readFolder(join(r.root, 'site'))).toEqual({
      ...readFolder(join(r.root, 'fresh')),
      '.postmortem-publish.json': readFileSync(
        join(r.root, 'site', '.postmortem-publish.json'),
        'utf8',
      ),
    });
    expect(readFileSync(join(r.root, 'site', '.postmortem-publish.json'), 'utf8')).toBe(
      readFileSync(join(r.root, 'fresh', '.postmortem-publish.json'), 'utf8'),
    );
  });

  it('makes the index again for any change when the repository has its own templates', async () => {
    const r = repo();
    r.write(
      '.postmortem/templates/index.html.hbs',
      '<main><ul>{{#each incidents}}<li><a href="{{href}}">{{title}}</a>: {{summary}}</li>{{/each}}</ul></main>\n',
    );
    expect((await publish(r, '--out', 'site')).code).toBe(0);
    const id = EXAMPLES[1]!;
    r.write(
      `postmortems/${id}.md`,
      doc(id, (d) => {
        d.status = 'published';
        d.summary = 'Shown on this repository index.';
      }),
    );
    const again = await publish(r, '--out', 'site');
    expect(again.stderr).toContain('5 files written');
    expect(readFileSync(join(r.root, 'site', 'index.html'), 'utf8')).toContain(
      'Shown on this repository index.',
    );
  });
});
