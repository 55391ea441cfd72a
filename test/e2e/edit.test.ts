// `postmortem edit`: chosen sections re-asked in a real terminal, hand edits kept, and a
// file changed on disk meanwhile never overwritten.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo, type TempRepo } from '../helpers/repo.js';
import { PtySession } from '../interview/helpers/pty.js';

const ID = '2026-11-24-api-returning-500s';

async function handEditedIncident(): Promise<{
  repo: TempRepo;
  env: NodeJS.ProcessEnv;
  file: string;
}> {
  const repo = makeTempRepo({ 'postmortem.yml': 'timezone: Australia/Sydney\n' });
  const env = {
    ...repo.env,
    POSTMORTEM_NOW: '2026-11-24T02:05:00+11:00',
    EDITOR: '',
    VISUAL: '',
    CI: '',
  };
  expect(
    (await runCli(['new', '--quick', 'API returning 500s'], { cwd: repo.root, env })).code,
  ).toBe(0);
  const file = join(repo.root, 'postmortems', `${ID}.md`);
  const text = readFileSync(file, 'utf8')
    .replace('## Detection\n', '## Detection\n\nThe uptime alert fired.\n')
    .replace(
      '## Internal notes\n',
      '## Internal notes\n\nWritten by hand: Müller called at 02:30.\n',
    );
  writeFileSync(file, text);
  repo.git('commit', '-qam', 'hand edit');
  return { repo, env, file };
}

async function answerDetection(s: PtySession): Promise<void> {
  await s.waitFor('Current text:');
  await s.waitFor('The uptime alert fired.');
  await s.prose('Press Enter to keep it', ['A customer told us before the alert fired.']);
}

describe('edit', () => {
  it('re-asks only the chosen sections, prefilled, keeps hand edits, and commits', async () => {
    const { repo, env, file } = await handEditedIncident();
    const s = new PtySession(['edit', ID, '--section', 'detection'], { cwd: repo.root, env });
    try {
      await answerDetection(s);
      await s.prose('How was it resolved?', []); // nothing before, still nothing
      await s.answer('Save it?', '');
      expect((await s.exit).exitCode).toBe(0);
    } finally {
      s.kill();
    }
    expect(s.screen).not.toContain('Title:');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('## Detection\n\nA customer told us before the alert fired.\n');
    expect(text).toContain('Written by hand: Müller called at 02:30.');
    expect(repo.git('log', '-1', '--format=%s')).toBe(`postmortem(${ID}): edit detection\n`);
    expect(repo.git('diff', 'HEAD~1', '--stat')).toMatch(
      /1 file changed, 1 insertion\(\+\), 1 deletion\(-\)/,
    );
  }, 60_000);

  it('merges a change made on disk meanwhile to another field', async () => {
    const { repo, env, file } = await handEditedIncident();
    const s = new PtySession(['edit', ID, '--section', 'detection'], { cwd: repo.root, env });
    try {
      await answerDetection(s);
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(
          'title: API returning 500s',
          'title: API returning 500s in the EU',
        ),
      );
      await s.prose('How was it resolved?', []);
      await s.answer('Save it?', '');
      expect((await s.exit).exitCode).toBe(0);
    } finally {
      s.kill();
    }
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('title: API returning 500s in the EU\n');
    expect(text).toContain('## Detection\n\nA customer told us before the alert fired.\n');
  }, 60_000);

  it('does not overwrite the same section changed on disk meanwhile, and keeps the answers in a draft', async () => {
    const { repo, env, file } = await handEditedIncident();
    const s = new PtySession(['edit', ID, '--section', 'detection'], { cwd: repo.root, env });
    let changed = '';
    try {
      await answerDetection(s);
      changed = readFileSync(file, 'utf8').replace(
        'The uptime alert fired.',
        'The uptime alert fired after 4 minutes.',
      );
      writeFileSync(file, changed);
      await s.prose('How was it resolved?', []);
      await s.answer('Save it?', '');
      expect((await s.exit).exitCode).toBe(1);
    } finally {
      s.kill();
    }
    expect(s.screen).toMatch(/changed on disk while postmortem was working.*not overwriting it/);
    expect(readFileSync(file, 'utf8')).toBe(changed);
    const draft = join(repo.root, '.git/postmortem/drafts', `edit-${ID}.json`);
    expect(existsSync(draft)).toBe(true);
    expect(readFileSync(draft, 'utf8')).toContain('A customer told us before the alert fired.');
    expect(repo.git('log', '-1', '--format=%s')).toBe('hand edit\n');
    // Running edit again points at the kept answers instead of silently dropping them.
    const again = await runCli(['edit', ID], { cwd: repo.root, env: { ...env } });
    expect(again.code).toBe(2); // no terminal here: refused before anything else
  }, 60_000);

  it('without a terminal exits 2 and says what to do instead; an unknown section is a usage error', async () => {
    const { repo, env } = await handEditedIncident();
    const noTty = await runCli(['edit', ID, '--section', 'detection'], { cwd: repo.root, env });
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toMatch(/needs a terminal/);
    expect(noTty.stderr).toContain(`postmortem update ${ID}`);
    const bad = await runCli(['edit', ID, '--section', 'everything'], { cwd: repo.root, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--section "everything" is not a section/);
  });
});
