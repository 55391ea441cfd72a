// `publish --out DIR` into a folder that is not there yet: the site is built under a hidden
// name beside it and put in place whole, so a reader (a web server on the folder, a CI
// step) finds no site or all of it, never half. What a killed publish leaves is hidden,
// and the next publish clears it away.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishFreshFolder, startFreshFolder } from '../../src/render/output-dir.js';
import { BIN, runCli } from '../helpers/cli.js';
import { exampleArchive } from '../helpers/examples.js';
import { makeTempDir, readFolder, type TempRepo } from '../helpers/repo.js';

/** `count` published post-mortems made from the examples. */
const archive = (count: number): TempRepo =>
  exampleArchive(count, { edit: (d) => void (d.status = 'published') });

const building = (dir: string, name: string): string[] =>
  readdirSync(dir).filter((n) => n.startsWith(`.${name}.publishing-`));

/** The pid of a process that has ended. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('publish into a folder that does not exist yet', () => {
  it('gives the same folder as a publish into an empty one, and leaves nothing beside it', async () => {
    const r = archive(60);
    mkdirSync(join(r.root, 'existing'));
    const run = (...args: string[]) => runCli(args, { cwd: r.root, env: r.env });
    const fresh = await run('publish', '--out', 'public/site');
    const existing = await run('publish', '--out', 'existing');
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(existing.code, existing.stderr).toBe(0);
    expect(fresh.stderr.replace('public/site', 'existing')).toBe(existing.stderr);
    const site = readFolder(join(r.root, 'public', 'site'));
    expect(Object.keys(site)).toHaveLength(60 * 2 + 4);
    expect(site).toEqual(readFolder(join(r.root, 'existing')));
    expect(readdirSync(join(r.root, 'public'))).toEqual(['site']);
    // Built in place is no different from built anew: the next run finds it all current.
    const again = await run('publish', '--out', 'public/site');
    expect(again.stderr).toContain('0 rendered, 60 unchanged, 0 removed, 0 files written');
  });

  it('shows no site until it is whole: killed half way, it leaves only a hidden folder, which the next publish removes', async () => {
    const r = archive(600);
    const child = spawn(process.execPath, [BIN, 'publish', '--out', 'site', '--jobs', '1'], {
      cwd: r.root,
      env: r.env,
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill it once its hidden folder holds some pages, long before the last one.
    let hidden: string[] = [];
    for (let tries = 0; tries < 4000; tries++) {
      hidden = building(r.root, 'site');
      if (hidden.length === 1 && readdirSync(join(r.root, hidden[0] as string)).length >= 40) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    child.kill('SIGKILL');
    await exited;
    expect(hidden).toHaveLength(1);
    const pages = readdirSync(join(r.root, hidden[0] as string)).length;
    expect(pages).toBeGreaterThanOrEqual(40);
    expect(pages).toBeLessThan(600 * 2);
    expect(existsSync(join(r.root, 'site'))).toBe(false);

    const result = await runCli(['publish', '--out', 'site'], { cwd: r.root, env: r.env });
    expect(result.code, result.stderr).toBe(0);
    expect(building(r.root, 'site')).toEqual([]);
    expect(Object.keys(readFolder(join(r.root, 'site')))).toHaveLength(600 * 2 + 4);
  }, 60_000);

  it('removes only hidden folders of its own name whose publish has ended', async () => {
    const r = archive(3);
    const dead = endedPid();
    const names = [
      `.site.publishing-${dead}-k1`, // ended: removed
      `.site.publishing-${process.pid}-k2`, // a running process: kept
      `.other.publishing-${dead}-k3`, // another folder's: kept
      `.site.publishing-notapid`, // not the shape: kept
    ];
    for (const name of names) {
      mkdirSync(join(r.root, name));
      writeFileSync(join(r.root, name, 'index.html'), 'half\n');
    }
    const result = await runCli(['publish', '--out', 'site'], { cwd: r.root, env: r.env });
    expect(result.code, result.stderr).toBe(0);
    expect(
      readdirSync(r.root)
        .filter((n) => n.includes('.publishing-'))
        .sort(),
    ).toEqual(names.slice(1).sort());
  });
});

describe('finishFreshFolder', () => {
  it('refuses to replace a folder made meanwhile, and removes what it built', () => {
    const base = makeTempDir();
    const target = join(base, 'site');
    const built = startFreshFolder(target);
    writeFileSync(join(built, 'index.html'), 'new\n');
    mkdirSync(target);
    writeFileSync(join(target, 'index.html'), 'someone else\n');
    expect(() => finishFreshFolder(built, target, 'site')).toThrow(
      'site was made by something else during the publish: nothing was published',
    );
    expect(existsSync(built)).toBe(false);
    expect(readFileSync(join(target, 'index.html'), 'utf8')).toBe('someone else\n');
  });

  it('puts the built folder in place of an empty one', () => {
    const base = makeTempDir();
    const target = join(base, 'site');
    const built = startFreshFolder(target);
    writeFileSync(join(built, 'index.html'), 'new\n');
    mkdirSync(target);
    finishFreshFolder(built, target, 'site');
    expect(readdirSync(base)).toEqual(['site']);
    expect(readFileSync(join(target, 'index.html'), 'utf8')).toBe('new\n');
  });
});
