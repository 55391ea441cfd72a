// `publish --jobs N`: the documents are shared out between threads, and whatever the
// number of threads, the folder, the messages and the exit code are the same.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAIM_BATCH } from '../../src/render/publish-claims.js';
import { runCli } from '../helpers/cli.js';
import { exampleArchive } from '../helpers/examples.js';
import { readFolder, type TempRepo } from '../helpers/repo.js';

const COUNT = 120;

/** COUNT documents made from the examples; some drafts, two broken, one that leaks. */
function archive(): TempRepo {
  return exampleArchive(COUNT, {
    digits: 3,
    edit: (d, i) => {
      d.title = `${d.title} (${i})`;
      d.status = i % 7 === 3 ? 'draft' : 'published';
      // A public sentence that names a redacted term: this document must not be published.
      if (i === 77) d.summary = `${d.summary} ${d.redact[0] ?? ''}`;
    },
    text: (file, i) =>
      i === 41 || i === 100 ? file.replace(/^severity: .*$/m, 'severity: [') : file,
  });
}

describe('publish --jobs', () => {
  it('writes the same bytes and says the same things with one thread or several', async () => {
    const r = archive();
    const publish = (...args: string[]) =>
      runCli(['publish', ...args], { cwd: r.root, env: r.env });
    const one = await publish('--out', 'one', '--jobs', '1');
    const three = await publish('--out', 'three', '--jobs', '3');
    expect(three.code).toBe(1);
    expect(one.code).toBe(1);
    expect(three.stderr.replace('three', 'one')).toBe(one.stderr);
    // Every failure is reported, in the order of the files, whichever thread met it.
    const failures = [...three.stderr.matchAll(/^postmortems\/(\S+?)\.md/gm)].map((m) => m[1]);
    expect(failures).toEqual([
      '2026-10-17-incident-100',
      '2026-10-25-incident-041',
      '2026-10-25-incident-077',
    ]);
    const published = COUNT - Math.ceil((COUNT - 3) / 7) - 3;
    expect(three.stderr).toContain(
      `Published with errors ${published} post-mortems to three: ${published} rendered`,
    );
    const a = readFolder(join(r.root, 'one'));
    const b = readFolder(join(r.root, 'three'));
    expect(Object.keys(b)).toHaveLength(published * 2 + 4);
    expect(b).toEqual(a);
    expect(Object.keys(b)).not.toContain('2026-10-25-incident-077.html');
    expect(Object.values(b).join('\n')).not.toContain('app-prod-1');
  });

  it('after a few changes renders just those, on this thread, and gives the folder a fresh publish gives', async () => {
    const r = archive();
    const run = (...args: string[]) => runCli(args, { cwd: r.root, env: r.env });
    await run('publish', '--out', 'site', '--jobs', '3');
    const before = readFolder(join(r.root, 'site'));
    // Two documents that fell to different threads in the first publish.
    for (const id of ['2026-03-14-incident-000', '2026-10-17-incident-001']) {
      const file = join(r.root, 'postmortems', `${id}.md`);
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace(/^title: (.*)$/m, 'title: $1, revised'));
    }
    const again = await run('publish', '--out', 'site', '--jobs', '3');
    const published = COUNT - Math.ceil((COUNT - 3) / 7) - 3;
    expect(again.stderr).toContain(`2 rendered, ${published - 2} unchanged, 0 removed`);
    const after = readFolder(join(r.root, 'site'));
    expect(after['2026-03-14-incident-000.html']).toContain('revised');
    expect(after['2026-03-14-incident-000.html']).not.toBe(before['2026-03-14-incident-000.html']);
    await run('publish', '--out', 'fresh', '--jobs', '1');
    expect(after).toEqual(readFolder(join(r.root, 'fresh')));
  });

  it('--check with several threads finds a changed page in any share', async () => {
    const r = archive();
    const run = (...args: string[]) => runCli(args, { cwd: r.root, env: r.env });
    await run('publish', '--out', 'site', '--jobs', '1');
    const up = await run('publish', '--check', 'site', '--jobs', '4');
    expect(up.stdout).toBe('');
    const names = ['2026-03-14-incident-000.html', '2026-10-25-incident-119.md', 'incidents.json'];
    for (const name of names) writeFileSync(join(r.root, 'site', name), 'edited by hand\n');
    const changed = await run('publish', '--check', 'site', '--jobs', '4');
    expect(changed.code).toBe(1);
    expect(changed.stdout).toBe(names.map((n) => `${n} (differs)\n`).join(''));
  });

  it('refuses a --jobs that is not a whole number of threads', async () => {
    const r = archive();
    for (const bad of ['0', '-1', '2.5', 'many', '65']) {
      const result = await runCli(['publish', '--out', 'site', '--jobs', bad], {
        cwd: r.root,
        env: r.env,
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--jobs takes a whole number from 1 to 64, not "${bad}"`);
    }
  });
});

describe('publish --jobs, when a render thread runs out of memory', () => {
  it('publishes its remaining documents on the coordinating thread, says so, and writes the same bytes', async () => {
    const r = archive();
    // 18,000 timeline entries, each with a `<br/>` that sends the page through sanitize-html
    // (not the one-scan sanitizer): far more than the render thread's capped heap can take
    // in one document. The render thread always starts with the second batch of documents.
    const names = readdirSync(join(r.root, 'postmortems')).sort();
    const huge = CLAIM_BATCH + 4;
    expect(names[huge]).not.toMatch(/-(041|077|100)\./);
    const file = join(r.root, 'postmortems', names[huge] ?? '');
    const at = (s: number): string =>
      new Date(Date.UTC(2026, 2, 14, 0, 0, s)).toISOString().replace('.000Z', '+00:00');
    const entries = Array.from(
      { length: 18_000 },
      (_, s) => `- ${at(s)} Retried export batch<br/>${s}`,
    );
    const text = readFileSync(file, 'utf8')
      .replace(/^status: .*$/m, 'status: published')
      .replace(/^## Timeline\n\n/m, `## Timeline\n\n${entries.join('\n')}\n`);
    writeFileSync(file, text);
    const publish = (...args: string[]) =>
      runCli(['publish', ...args], { cwd: r.root, env: r.env });
    const one = await publish('--out', 'one', '--jobs', '1');
    const two = await publish('--out', 'two', '--jobs', '2');
    // It had claimed no more than its first batch, and reported none of it.
    expect(two.stderr).toContain(
      `A render thread ran out of its 32 MB heap: this thread publishes its ${CLAIM_BATCH} remaining documents (slower, the same output).\n`,
    );
    expect(one.stderr).not.toContain('render thread');
    expect(two.code).toBe(one.code);
    const rest = two.stderr.replace(/^A render thread .*\n/m, '').replace('two', 'one');
    expect(rest).toBe(one.stderr);
    const b = readFolder(join(r.root, 'two'));
    expect(b).toEqual(readFolder(join(r.root, 'one')));
    expect(b[(names[huge] ?? '').replace(/\.md$/, '.html')]).toContain(
      'Retried export batch<br />17999',
    );
  }, 60_000);
});
