// Paths given to the CLI never lead it outside the repository: not by `..`, not by an
// absolute path, not through a post-mortems folder that is a link to somewhere else.
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempDir, makeTempRepo } from '../helpers/repo.js';

const ID = '2026-03-14-app-server-outage';
const EXAMPLE = readFileSync(new URL(`../../examples/${ID}.md`, import.meta.url), 'utf8');

describe('paths outside the repository', () => {
  it('show, render, lint, status, diff and log refuse a document outside the repo (exit 2)', async () => {
    const repo = makeTempRepo({ 'README.md': 'x\n' });
    const outside = join(repo.root, '..', `${ID}.md`);
    writeFileSync(outside, EXAMPLE);
    for (const args of [
      ['show', `../${ID}.md`],
      ['show', outside],
      ['show', '/etc/passwd'],
      ['render', `../${ID}.md`, '--audience', 'internal'],
      ['lint', `../${ID}.md`],
      ['status', `../${ID}.md`, 'review'],
      ['diff', `../${ID}.md`],
      ['log', outside],
    ]) {
      const result = await runCli(args, { cwd: repo.root, env: repo.env });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr).toMatch(
        /is outside the repository .*: not using it\n {2}copy the file/,
      );
      expect(result.stderr).not.toContain('    at ');
    }
    expect(readFileSync(outside, 'utf8')).toBe(EXAMPLE);
  });

  it('a post-mortems folder that links out of the repo is neither read nor written', async () => {
    const repo = makeTempRepo({ 'README.md': 'x\n' });
    const elsewhere = makeTempDir();
    writeFileSync(join(elsewhere, `${ID}.md`), EXAMPLE);
    rmSync(join(repo.root, 'postmortems'), { recursive: true, force: true });
    symlinkSync(elsewhere, join(repo.root, 'postmortems'));
    const show = await runCli(['show', ID], { cwd: repo.root, env: repo.env });
    expect(show.code).toBe(2);
    expect(show.stderr).toContain('(through a link, to ');
    const update = await runCli(['update', ID, 'Still down'], { cwd: repo.root, env: repo.env });
    expect(update.code).toBe(2);
    expect(readFileSync(join(elsewhere, `${ID}.md`), 'utf8')).toBe(EXAMPLE);
  });

  it('a path inside the repo still works', async () => {
    const repo = makeTempRepo({ [`postmortems/${ID}.md`]: EXAMPLE });
    mkdirSync(join(repo.root, 'sub'));
    const result = await runCli(['show', `../postmortems/${ID}.md`, '--json'], {
      cwd: join(repo.root, 'sub'),
      env: repo.env,
    });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { id: string }).id).toBe(ID);
  });
});
