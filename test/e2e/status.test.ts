import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Postmortem } from '../../src/core/model.js';
import { parsePostmortemText } from '../../src/core/parse.js';
import { serializePostmortem } from '../../src/core/serialize.js';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo, type TempRepo } from '../helpers/repo.js';

const ID = '2026-03-14-app-server-outage';
const PATH = `postmortems/${ID}.md`;
const EXAMPLE = readFileSync(new URL(`../../examples/${ID}.md`, import.meta.url), 'utf8');
const NOW = '2026-03-20T01:30:00Z'; // 12:30 in Sydney (AEDT, +11:00)

function draft(overrides: Partial<Postmortem> = {}): string {
  const doc = parsePostmortemText(EXAMPLE, 'x');
  const next: Postmortem = { ...doc, status: 'draft', reviewers: [], ...overrides };
  delete next.approved_at;
  delete next.published_at;
  return serializePostmortem(next);
}

function repoWith(text: string, files: Record<string, string> = {}): TempRepo {
  return makeTempRepo({ [PATH]: text, ...files });
}

const status = (repo: TempRepo, ...args: string[]) =>
  runCli(['status', ...args], { cwd: repo.root, env: { ...repo.env, POSTMORTEM_NOW: NOW } });
const read = (repo: TempRepo): Postmortem =>
  parsePostmortemText(readFileSync(join(repo.root, PATH), 'utf8'), PATH);
const commits = (repo: TempRepo): number => Number(repo.git('rev-list', '--count', 'HEAD').trim());

describe('postmortem status', () => {
  it('moves draft to review, committing only the document, whatever else is staged or modified', async () => {
    const repo = repoWith(draft(), { 'app.js': 'one\n' });
    repo.write('app.js', 'two\n');
    repo.write('staged.txt', 'staged\n');
    repo.git('add', 'staged.txt');
    const result = await status(repo, ID, 'review');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`^${ID}: draft -> review; committed [0-9a-f]{7,}\\n$`),
    );
    expect(read(repo).status).toBe('review');
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe(
      `postmortem(${ID}): status draft -> review`,
    );
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim()).toBe(PATH);
    expect(repo.git('status', '--porcelain').split('\n').filter(Boolean).sort()).toEqual([
      ' M app.js',
      'A  staged.txt',
    ]);
  });

  it('records the git identity and the time, in the document’s offset, on approval; then publishes', async () => {
    const repo = repoWith(draft({ status: 'review' }));
    const approved = await status(repo, ID, 'approved');
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain('(reviewer: Test Author <author@example.com>)');
    let doc = read(repo);
    expect(doc).toMatchObject({
      status: 'approved',
      reviewers: ['Test Author <author@example.com>'],
      approved_at: '2026-03-20T12:30:00+11:00',
    });
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe(
      `postmortem(${ID}): status review -> approved by Test Author <author@example.com>`,
    );
    const published = await status(repo, ID, 'published');
    expect(published.code).toBe(0);
    doc = read(repo);
    expect(doc).toMatchObject({ status: 'published', published_at: '2026-03-20T12:30:00+11:00' });
    expect(commits(repo)).toBe(3);
  });

  it('takes the reviewer from --reviewer, and records a second approval', async () => {
    const repo = repoWith(draft({ status: 'review' }));
    expect(
      (await status(repo, ID, 'approved', '--reviewer', 'Priya Natarajan <priya@example.com>'))
        .code,
    ).toBe(0);
    expect((await status(repo, ID, 'approved', '--reviewer', '--upload-pack=evil')).code).toBe(0);
    expect(read(repo).reviewers).toEqual([
      'Priya Natarajan <priya@example.com>',
      '--upload-pack=evil',
    ]);
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe(
      `postmortem(${ID}): also approved by --upload-pack=evil`,
    );
  });

  it('goes back to draft from published, clearing the approval', async () => {
    const repo = repoWith(EXAMPLE);
    const result = await status(repo, ID, 'draft');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('published -> draft (approval cleared)');
    const doc = read(repo);
    expect(doc.status).toBe('draft');
    expect(doc.reviewers).toEqual([]);
    expect(doc.approved_at).toBeUndefined();
    expect(doc.published_at).toBeUndefined();
  });

  it('refuses to skip a step, naming the allowed moves, and changes nothing', async () => {
    const repo = repoWith(draft());
    const result = await status(repo, ID, 'approved');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${ID} is draft: it cannot move to approved`);
    expect(result.stderr).toContain('from draft it can move to review');
    expect(readFileSync(join(repo.root, PATH), 'utf8')).toBe(draft());
    expect(commits(repo)).toBe(1);
  });

  it('refuses review while sections are missing, naming them', async () => {
    const repo = repoWith(draft({ detection: undefined, timeline: [] }));
    const result = await status(repo, ID, 'review');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${ID} cannot move to review: it still needs Timeline, Detection`,
    );
    expect(result.stderr).toContain(`postmortem edit ${ID}`);
    expect(read(repo).status).toBe('draft');
  });

  it('refuses to approve a SEV1 without an apology', async () => {
    const repo = repoWith(draft({ status: 'review', apology: undefined }));
    const result = await status(repo, ID, 'approved');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('it still needs Apology');
  });

  it('says so when the document is already in that status', async () => {
    const repo = repoWith(draft({ status: 'review' }));
    const result = await status(repo, ID, 'review');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${ID} is already review: nothing changed.\n`);
    expect(commits(repo)).toBe(1);
  });

  it('rejects an unknown status and ids that look like options, with exit 2, touching nothing', async () => {
    const repo = repoWith(draft());
    const unknown = await status(repo, ID, 'done');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"done" is not a status');
    const marker = join(repo.root, 'pwned');
    for (const id of ['--upload-pack=touch pwned', '-h', '--help', '--end-of-options']) {
      const result = await status(repo, '--', id, 'review');
      expect(result.code, id).toBe(2);
      expect(result.stderr).toContain('is not a valid post-mortem id');
    }
    const asPath = await status(repo, '--', `--upload-pack=touch ${marker}`, 'review');
    expect(asPath.code).toBe(1);
    expect(asPath.stderr).toContain('no post-mortem at');
    expect(existsSync(marker)).toBe(false);
    expect(commits(repo)).toBe(1);
  });

  it('keeps a hand edit not yet committed, and says so in the commit', async () => {
    const repo = repoWith(draft());
    const edited = draft().replace(
      'Nothing restarted it automatically.',
      'Nothing restarted it automatically, and no alarm fired.',
    );
    repo.write(PATH, edited);
    const result = await status(repo, ID, 'review');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Kept your uncommitted edits to ${PATH}`);
    expect(repo.git('show', `HEAD:${PATH}`)).toContain('and no alarm fired.');
    expect(repo.git('log', '-1', '--format=%b').trim()).toBe(
      'Includes changes made by hand to the file before this command ran.',
    );
  });

  it('stops on a hand edit that broke the file, leaving it as it is', async () => {
    const repo = repoWith(draft());
    const broken = draft().replace('severity: SEV1', 'severity: [SEV1');
    repo.write(PATH, broken);
    const result = await status(repo, ID, 'review');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${PATH}:\\d+:`));
    expect(readFileSync(join(repo.root, PATH), 'utf8')).toBe(broken);
    expect(commits(repo)).toBe(1);
  });

  it('stops during a merge with the way out', async () => {
    const repo = repoWith(draft(), { 'a.txt': 'base\n' });
    repo.git('switch', '-q', '-c', 'side');
    repo.write('a.txt', 'side\n');
    repo.git('commit', '-qam', 'side');
    repo.git('switch', '-q', 'main');
    repo.write('a.txt', 'main\n');
    repo.git('commit', '-qam', 'main');
    expect(() => repo.git('merge', 'side')).toThrow();
    const result = await status(repo, ID, 'review');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('a merge is in progress');
    expect(result.stderr).toContain('git merge --abort');
    expect(read(repo).status).toBe('draft');
  });

  it('stops without an identity, before touching the file', async () => {
    const repo = makeTempRepo({ [PATH]: draft() }, { identity: false, commit: false });
    const result = await status(repo, ID, 'review');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('git does not know who you are');
    expect(read(repo).status).toBe('draft');
  });

  it('fails clearly on a stale index.lock, leaving the file unchanged', async () => {
    const repo = repoWith(draft());
    const lock = join(repo.root, '.git', 'index.lock');
    writeFileSync(lock, '');
    const result = await status(repo, ID, 'review');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('another git process is using the repository');
    expect(result.stderr).toContain(`rm ${lock}`);
    expect(read(repo).status).toBe('draft');
    expect(existsSync(lock)).toBe(true);
  });

  it('works on the post-mortem’s own branch when the config asks for one', async () => {
    const repo = repoWith(draft(), { 'postmortem.yml': 'git:\n  branch: true\n' });
    const result = await status(repo, ID, 'review');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`on postmortem/${ID}`);
    expect(repo.git('branch', '--show-current').trim()).toBe(`postmortem/${ID}`);
    expect(repo.git('log', '-1', '--format=%s', 'main').trim()).toBe('initial');
  });

  it('only writes the file when the config turns commits off', async () => {
    const repo = repoWith(draft(), { 'postmortem.yml': 'git:\n  commit: false\n' });
    const result = await status(repo, ID, 'review');
    expect(result.code).toBe(0);
    expect(read(repo).status).toBe('review');
    expect(commits(repo)).toBe(1);
    expect(repo.git('status', '--porcelain').trim()).toBe(`M ${PATH}`);
  });
});
