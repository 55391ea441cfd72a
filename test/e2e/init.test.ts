import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseConfig } from '../../src/config/config.js';
import { runCli } from '../helpers/cli.js';
import { isolatedEnv, makeTempDir, makeTempRepo } from '../helpers/repo.js';
import { execFileSync } from 'node:child_process';

const gitIn = (root: string, env: NodeJS.ProcessEnv, ...args: string[]): string =>
  execFileSync('git', args, { cwd: root, env, encoding: 'utf8' });

function freshHome(): { base: string; env: NodeJS.ProcessEnv } {
  const base = makeTempDir();
  const env = isolatedEnv(base, {
    GIT_AUTHOR_NAME: 'Init Author',
    GIT_AUTHOR_EMAIL: 'init@example.com',
    GIT_COMMITTER_NAME: 'Init Author',
    GIT_COMMITTER_EMAIL: 'init@example.com',
  });
  return { base, env };
}

describe('postmortem init', () => {
  it('creates the folder, a repo on main, the files, and one commit of exactly them', async () => {
    const { base, env } = freshHome();
    const result = await runCli(['init', 'incidents'], { cwd: base, env });
    expect(result.stderr).toContain('Created a git repository');
    expect(result.code).toBe(0);
    const root = join(base, 'incidents');
    expect(gitIn(root, env, 'branch', '--show-current').trim()).toBe('main');
    const files = gitIn(root, env, 'show', '--name-only', '--format=', 'HEAD')
      .split('\n')
      .filter(Boolean)
      .sort();
    expect(files).toEqual([
      '.github/workflows/postmortem.yml',
      'postmortem.yml',
      'postmortems/README.md',
    ]);
    expect(gitIn(root, env, 'log', '--format=%s').trim()).toBe(
      'postmortem: set up postmortem.yml, postmortems/README.md, .github/workflows/postmortem.yml',
    );
    expect(gitIn(root, env, 'status', '--porcelain')).toBe('');
    expect(result.stdout).toContain('created postmortem.yml');
  });

  it('writes a commented config that parses to the defaults, with every setting', async () => {
    const { base, env } = freshHome();
    await runCli(['init'], { cwd: base, env });
    const text = readFileSync(join(base, 'postmortem.yml'), 'utf8');
    expect(text.split('\n').filter((l) => l.trimStart().startsWith('#')).length).toBeGreaterThan(
      15,
    );
    const config = parseConfig(text, 'postmortem.yml');
    expect(config.folder).toBe('postmortems');
    expect(config.timezone).toBe('UTC');
    expect(config.severities.map((s) => s.name)).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
    expect(config.severities[0]!.description).toMatch(/critical/);
    expect(config.git).toEqual({ commit: true, branch: false });
  });

  it('writes a CI workflow that installs the tool, lints for GitHub and publishes', async () => {
    const { base, env } = freshHome();
    await runCli(['init'], { cwd: base, env });
    const workflow = parseYaml(
      readFileSync(join(base, '.github/workflows/postmortem.yml'), 'utf8'),
    ) as {
      on: { push: { branches: string[] } };
      jobs: Record<string, { steps: { run?: string }[] }>;
    };
    const runs = Object.values(workflow.jobs).flatMap((job) =>
      job.steps.map((s) => s.run).filter(Boolean),
    );
    expect(runs).toEqual([
      expect.stringMatching(/^npm install --global postmortem@\d+\.\d+\.\d+$/),
      'postmortem lint --format github',
      'postmortem publish --out site',
    ]);
    expect(workflow.on.push.branches).toEqual(['main']);
  });

  it('changes nothing on a second run, and says so', async () => {
    const { base, env } = freshHome();
    await runCli(['init'], { cwd: base, env });
    const head = gitIn(base, env, 'rev-parse', 'HEAD');
    const config = readFileSync(join(base, 'postmortem.yml'), 'utf8');
    const again = await runCli(['init'], { cwd: base, env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Already set up in .*Nothing changed\./);
    expect(gitIn(base, env, 'rev-parse', 'HEAD')).toBe(head);
    expect(readFileSync(join(base, 'postmortem.yml'), 'utf8')).toBe(config);
  });

  it('adopts the enclosing repo, leaving its staged and modified files alone and keeping its config', async () => {
    const repo = makeTempRepo({ 'app.js': 'one\n', 'postmortem.yml': 'folder: docs/incidents\n' });
    repo.write('app.js', 'two\n');
    repo.write('staged.txt', 'staged\n');
    repo.git('add', 'staged.txt');
    repo.git('switch', '-q', '-c', 'trunk');
    const result = await runCli(['init'], { cwd: repo.root, env: repo.env });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('Created a git repository');
    expect(
      repo.git('show', '--name-only', '--format=', 'HEAD').split('\n').filter(Boolean).sort(),
    ).toEqual(['.github/workflows/postmortem.yml', 'docs/incidents/README.md']);
    expect(readFileSync(join(repo.root, 'postmortem.yml'), 'utf8')).toBe(
      'folder: docs/incidents\n',
    );
    expect(readFileSync(join(repo.root, '.github/workflows/postmortem.yml'), 'utf8')).toContain(
      'branches: [trunk]',
    );
    expect(repo.git('status', '--porcelain').split('\n').filter(Boolean).sort()).toEqual([
      ' M app.js',
      'A  staged.txt',
    ]);
  });

  it('puts the folder under a subfolder of the enclosing repo, and the config at its root', async () => {
    const repo = makeTempRepo({ 'app.js': 'one\n' });
    await runCli(['init', 'ops'], { cwd: repo.root, env: repo.env });
    expect(parseConfig(readFileSync(join(repo.root, 'postmortem.yml'), 'utf8'), 'x').folder).toBe(
      'ops/postmortems',
    );
    expect(existsSync(join(repo.root, 'ops/postmortems/README.md'))).toBe(true);
  });

  it('stops before writing anything when git does not know who you are', async () => {
    const base = makeTempDir();
    const result = await runCli(['init'], { cwd: base, env: isolatedEnv(base) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/git does not know who you are/);
    expect(result.stderr).toMatch(/git config --global user.email/);
    expect(existsSync(join(base, 'postmortem.yml'))).toBe(false);
  });

  it('reports a broken existing config with its line instead of overwriting it', async () => {
    const repo = makeTempRepo({ 'postmortem.yml': 'git:\n  comit: true\n' });
    const result = await runCli(['init'], { cwd: repo.root, env: repo.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/postmortem.yml:2: unknown setting "git.comit"/);
    expect(readFileSync(join(repo.root, 'postmortem.yml'), 'utf8')).toBe('git:\n  comit: true\n');
  });
});

describe('writing outside a git repository', () => {
  it('stops with a message that suggests postmortem init', async () => {
    const base = makeTempDir();
    const result = await runCli(['status', 'x-1', 'review'], { cwd: base, env: isolatedEnv(base) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not inside a git repository/);
    expect(result.stderr).toMatch(/postmortem init/);
  });
});
