// `postmortem new` without a person at the keyboard: --answers, --quick, and the
// refusal to prompt without a terminal.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo } from '../helpers/repo.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const examples = readdirSync(EXAMPLES).filter((n) => n.endsWith('.md'));

describe('new --answers', () => {
  it('has an answers file for every example', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const name of examples)
      expect(readdirSync(join(EXAMPLES, 'answers'))).toContain(name.replace(/\.md$/, '.yml'));
  });

  it.each(examples)(
    'reproduces examples/%s byte for byte, and commits exactly that file',
    async (name) => {
      const repo = makeTempRepo({ 'README.md': 'incidents\n' });
      const answers = join(EXAMPLES, 'answers', name.replace(/\.md$/, '.yml'));
      const result = await runCli(['new', '--answers', answers], { cwd: repo.root, env: repo.env });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const id = name.replace(/\.md$/, '');
      expect(result.stdout).toBe(`Wrote and committed postmortems/${name}\n`);
      expect(readFileSync(join(repo.root, 'postmortems', name), 'utf8')).toBe(
        readFileSync(join(EXAMPLES, name), 'utf8'),
      );
      expect(repo.git('log', '-1', '--format=%s')).toBe(`postmortem(${id}): start post-mortem\n`);
      expect(repo.git('show', '--name-only', '--format=', 'HEAD')).toBe(`postmortems/${name}\n`);
      expect(repo.git('status', '--porcelain')).toBe('');
    },
  );

  it('reads JSON too, derives the id from the start date and title, and fills timezone and severity', async () => {
    const repo = makeTempRepo({ 'postmortem.yml': 'timezone: Europe/Berlin\n' });
    repo.write(
      'a.json',
      JSON.stringify({
        title: 'Checkout failing for EU customers',
        started_at: '2026-11-24T02:00:00+01:00',
        impact: { customers_affected: 12 },
      }),
    );
    const result = await runCli(['new', '--answers', 'a.json', '--json'], {
      cwd: repo.root,
      env: repo.env,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      id: '2026-11-24-checkout-failing-for-eu-customers',
      path: 'postmortems/2026-11-24-checkout-failing-for-eu-customers.md',
      committed: true,
    });
    const text = readFileSync(
      join(repo.root, 'postmortems/2026-11-24-checkout-failing-for-eu-customers.md'),
      'utf8',
    );
    expect(text).toContain('severity: SEV2\n');
    expect(text).toContain('timezone: Europe/Berlin\n');
    expect(text).toContain('authors:\n  - Test Author <author@example.com>\n');
    expect(text).toContain('customers_affected: 12\n');
  });

  it('lists every missing or invalid answer in one error, with line numbers, and writes nothing', async () => {
    const repo = makeTempRepo({ 'README.md': 'x\n' });
    repo.write(
      'bad.yml',
      [
        'severity: SEV9',
        'started_at: 2026-11-24 02:00',
        'detected_at: 2026-11-24T01:00:00+11:00',
        'impact:',
        '  data_loss: no',
        'timeline:',
        '  - at: 2026-11-24T02:00:00+11:00',
        'action_items:',
        '  - id: AI-1',
        '    title: Fix it',
        '    link: tracker/1',
        'tittle: typo',
        '',
      ].join('\n'),
    );
    const result = await runCli(['new', '--answers', 'bad.yml'], { cwd: repo.root, env: repo.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^postmortem: bad\.yml: title is required/);
    expect(result.stderr).toMatch(
      /bad\.yml:1: severity "SEV9" is not one of SEV1, SEV2, SEV3, SEV4/,
    );
    expect(result.stderr).toMatch(/bad\.yml:2: started_at "2026-11-24 02:00" is not a time/);
    expect(result.stderr).toMatch(/bad\.yml:5: impact\.data_loss "no" is not a boolean/);
    expect(result.stderr).toMatch(/bad\.yml:7: timeline\.0\.event is required/);
    expect(result.stderr).toMatch(/bad\.yml:11: .*link "tracker\/1" is not a web address/);
    expect(result.stderr).toMatch(/bad\.yml:12: unknown field "tittle".*title/);
    expect(result.stderr).toMatch(/title is required/);
    expect(repo.git('log', '--oneline').trim().split('\n')).toHaveLength(1);
  });

  it('refuses detected before started, with the line', async () => {
    const repo = makeTempRepo({ 'README.md': 'x\n' });
    repo.write(
      'a.yml',
      'title: T\nstarted_at: 2026-11-24T02:00:00+11:00\ndetected_at: 2026-11-24T01:00:00+11:00\n',
    );
    const result = await runCli(['new', '--answers', 'a.yml'], { cwd: repo.root, env: repo.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/a\.yml:3: detected_at .* is before the start/);
  });

  it('never overwrites an existing post-mortem', async () => {
    const repo = makeTempRepo({ 'README.md': 'x\n' });
    const answers = join(EXAMPLES, 'answers', '2026-03-14-app-server-outage.yml');
    expect(
      (await runCli(['new', '--answers', answers], { cwd: repo.root, env: repo.env })).code,
    ).toBe(0);
    const again = await runCli(['new', '--answers', answers], { cwd: repo.root, env: repo.env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists: not overwriting it/);
  });

  it('says which file is missing', async () => {
    const repo = makeTempRepo({ 'README.md': 'x\n' });
    const result = await runCli(['new', '--answers', 'nope.yml'], {
      cwd: repo.root,
      env: repo.env,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read the answers file nope\.yml: no such file/);
  });
});

describe('new without a terminal', () => {
  it('exits 2 naming --answers and --quick when stdin is not a TTY, asking nothing', async () => {
    const repo = makeTempRepo({ 'README.md': 'x\n' });
    for (const stdin of ['ignore', 'pipe'] as const) {
      const result = await runCli(['new'], {
        cwd: repo.root,
        env: repo.env,
        stdin,
        ...(stdin === 'pipe' ? { input: '' } : {}),
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/needs a terminal/);
      expect(result.stderr).toMatch(/--answers FILE/);
      expect(result.stderr).toMatch(/--quick "title"/);
      expect(result.stdout).toBe('');
    }
  });

  it('refuses a git repo without an identity before anything else', async () => {
    const repo = makeTempRepo({ 'README.md': 'x\n' }, { identity: false, commit: false });
    const result = await runCli(['new', '--quick', 'API down'], { cwd: repo.root, env: repo.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/git does not know who you are/);
  });
});

describe('new --quick', () => {
  it('starts a document now, with just a title, and commits it', async () => {
    const repo = makeTempRepo({ 'postmortem.yml': 'timezone: Australia/Sydney\n' });
    const env = { ...repo.env, POSTMORTEM_NOW: '2026-11-24T02:07:31+11:00' };
    const result = await runCli(['new', '--quick', 'API returning 500s'], { cwd: repo.root, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'Wrote and committed postmortems/2026-11-24-api-returning-500s.md\n',
    );
    expect(result.stderr).toContain('postmortem update 2026-11-24-api-returning-500s');
    const text = readFileSync(
      join(repo.root, 'postmortems/2026-11-24-api-returning-500s.md'),
      'utf8',
    );
    expect(text).toContain('started_at: 2026-11-24T02:07:00+11:00\n');
    expect(text).toContain('title: API returning 500s\n');
    expect(repo.git('log', '-1', '--format=%s')).toBe(
      'postmortem(2026-11-24-api-returning-500s): start post-mortem\n',
    );
    const show = await runCli(['show', '2026-11-24-api-returning-500s', '--json'], {
      cwd: repo.root,
      env,
    });
    expect(show.code).toBe(0);
  });

  it('refuses an empty title and a bad --id with exit 2', async () => {
    const repo = makeTempRepo({ 'README.md': 'x\n' });
    const empty = await runCli(['new', '--quick', '  '], { cwd: repo.root, env: repo.env });
    expect(empty.stderr).toMatch(/--quick needs a title/);
    expect(empty.code).toBe(2);
    const bad = await runCli(['new', '--quick', 'x', '--id', '../../etc'], {
      cwd: repo.root,
      env: repo.env,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a valid id/);
  });
});
