// A symbolic link anywhere below the repo (or the current folder) is not followed: not in
// the publish folder's path, not in render --out, not above the templates folder.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempDir, makeTempRepo } from '../helpers/repo.js';

const ID = '2026-03-14-app-server-outage';
const EXAMPLE = readFileSync(new URL(`../../examples/${ID}.md`, import.meta.url), 'utf8');

describe('linked parent folders', () => {
  it('publish --out and render --out refuse a path through a linked folder, writing nothing there', async () => {
    const repo = makeTempRepo({ [`postmortems/${ID}.md`]: EXAMPLE });
    const outside = makeTempDir('postmortem-outside-');
    mkdirSync(join(repo.root, 'site'));
    symlinkSync(outside, join(repo.root, 'site', 'sub'));
    const publish = await runCli(['publish', '--out', 'site/sub/x'], {
      cwd: repo.root,
      env: repo.env,
    });
    expect(publish.code).toBe(2);
    expect(publish.stderr).toContain(
      `site/sub/x goes through the symbolic link ${join(repo.root, 'site', 'sub')}: postmortem does not follow links`,
    );
    const render = await runCli(
      ['render', ID, '--audience', 'public', '--out', 'site/sub/page.md'],
      {
        cwd: repo.root,
        env: repo.env,
      },
    );
    expect(render.code).toBe(2);
    expect(readdirSync(outside)).toEqual([]);
    const real = await runCli(['publish', '--out', 'site/real'], { cwd: repo.root, env: repo.env });
    expect(real.code).toBe(0);
    expect(existsSync(join(repo.root, 'site', 'real', `${ID}.html`))).toBe(true);
  });

  it('does not read templates through a linked parent of the templates folder', async () => {
    const repo = makeTempRepo({ [`postmortems/${ID}.md`]: EXAMPLE });
    const outside = makeTempDir('postmortem-outside-');
    mkdirSync(join(outside, 'templates'));
    writeFileSync(join(outside, 'templates', 'public.md.hbs'), 'FROM OUTSIDE {{title}}\n');
    symlinkSync(outside, join(repo.root, '.postmortem'));
    const render = await runCli(['render', ID, '--audience', 'public'], {
      cwd: repo.root,
      env: repo.env,
    });
    expect(render.code).not.toBe(0);
    expect(render.stdout).not.toContain('FROM OUTSIDE');
    expect(render.stderr).toContain('goes through the symbolic link');
  });
});
