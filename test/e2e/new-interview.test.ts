// The whole interview typed into the built CLI in a real pseudo-terminal, in a temp git
// repo; then a run interrupted with Ctrl-C halfway and resumed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePostmortemText } from '../../src/core/parse.js';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo, type TempRepo } from '../helpers/repo.js';
import { KEY, PtySession } from '../interview/helpers/pty.js';

const ID = '2026-11-24-api-unavailable-for-three-hours';

function env(repo: TempRepo): NodeJS.ProcessEnv {
  return {
    ...repo.env,
    POSTMORTEM_NOW: '2026-11-24T10:00:00+11:00',
    EDITOR: '',
    VISUAL: '',
    CI: '',
  };
}

async function firstHalf(s: PtySession): Promise<void> {
  await s.answer('Title', 'API unavailable for three hours');
  await s.answer('Severity', KEY.up); // SEV1
  await s.answer('Services', 'api, dashboard');
  await s.answer('Authors', '');
  await s.answer('Timezone', 'Australia/Sydney');
  await s.answer('When did it start', '02:00');
  await s.answer('When did we notice', '+7m');
  await s.answer('mitigated', '04:40');
  await s.answer('resolved', '05:03');
  await s.answer('When?', '02:00');
  await s.answer('What happened', 'API servers stopped answering');
  await s.answer('Internal only', 'n');
  await s.answer('When?', '+7m');
  await s.answer('What happened', 'Pager woke the on-call engineer');
  await s.answer('Internal only', 'y');
}

async function secondHalf(s: PtySession): Promise<void> {
  await s.answer('When?', '04:40');
  await s.answer('What happened', 'Rolled back the configuration');
  await s.answer('Internal only', '');
  await s.answer('When?', ''); // the timeline is complete
  await s.answer('Timeline', ''); // Done
  await s.prose('What did customers see?', ['Every API call failed with 503 for three hours.']);
  await s.answer('Who was affected?', '1200');
  await s.prose('What was NOT affected?', [
    'No data was lost; passwords and billing were not affected.',
  ]);
  await s.answer('Was any customer data lost?', KEY.up + KEY.up); // No
  await s.prose('What triggered it?', ['A configuration change set the connection pool to zero.']);
  await s.prose('What was the root cause?', ['Configuration was not validated before deploy.']);
  await s.answer('Contributing factor', 'No canary stage');
  await s.answer('Contributing factor', '');
  await s.answer('Contributing factors', ''); // Done
  await s.prose('How was it detected?', ['The uptime alert fired after seven minutes.']);
  await s.prose('How was it resolved?', ['We rolled back the configuration.']);
  await s.answer('What should customers do now?', '');
  await s.answer('Where will updates appear?', '');
  await s.answer('What will we give back?', 'Every paid account gets a day of credit.');
  await s.prose('Apology', []); // keep the draft
  await s.answer('Action item', 'Validate configuration in CI');
  await s.answer('Owner', 'platform');
  await s.answer('Due', '2026-12-15');
  await s.answer('Priority', KEY.up); // P1
  await s.answer('Type', ''); // prevent
  await s.answer('Link', '');
  await s.answer('Internal only?', '');
  await s.answer('Action item', '');
  await s.answer('Action items', ''); // Done
  await s.answer('Went well', 'The alert fired quickly');
  await s.answer('Went well', '');
  await s.answer('What went well', ''); // Done
  await s.answer('Went wrong', '');
  await s.answer('Where we got lucky', '');
  await s.prose('Summary', []); // keep the draft
  await s.prose('Internal notes', []);
  await s.answer('Words that must never appear', 'db-prod-3');
  await s.waitFor('time to resolve  3h 3m');
  await s.answer('Save it?', '');
}

function checkDocument(repo: TempRepo): void {
  const file = join(repo.root, 'postmortems', `${ID}.md`);
  const doc = parsePostmortemText(readFileSync(file, 'utf8'), file);
  expect(doc).toMatchObject({
    id: ID,
    title: 'API unavailable for three hours',
    severity: 'SEV1',
    services: ['api', 'dashboard'],
    authors: ['Test Author <author@example.com>'],
    timezone: 'Australia/Sydney',
    started_at: '2026-11-24T02:00:00+11:00',
    detected_at: '2026-11-24T02:07:00+11:00',
    mitigated_at: '2026-11-24T04:40:00+11:00',
    resolved_at: '2026-11-24T05:03:00+11:00',
    impact: { customers_affected: 1200, data_loss: false },
    root_cause: { contributing_factors: ['No canary stage'] },
    lessons: { went_well: ['The alert fired quickly'], went_wrong: [], lucky: [] },
    redact: ['db-prod-3'],
  });
  expect(doc.timeline).toEqual([
    { at: '2026-11-24T02:00:00+11:00', event: 'API servers stopped answering', internal: false },
    { at: '2026-11-24T02:07:00+11:00', event: 'Pager woke the on-call engineer', internal: true },
    { at: '2026-11-24T04:40:00+11:00', event: 'Rolled back the configuration', internal: false },
  ]);
  expect(doc.action_items).toEqual([
    {
      id: 'AI-1',
      title: 'Validate configuration in CI',
      owner: 'platform',
      due: '2026-12-15',
      priority: 'P1',
      type: 'prevent',
      status: 'open',
      internal: false,
    },
  ]);
  expect(doc.apology).toMatch(
    /^We are sorry\. Every API call failed with 503 for three hours, from 2026-11-24 02:00/,
  );
  expect(doc.apology).toContain('Every paid account gets a day of credit.');
  expect(doc.summary).toMatch(/^API unavailable for three hours, from 2026-11-24 02:00/);
  expect(repo.git('log', '-1', '--format=%s')).toBe(`postmortem(${ID}): start post-mortem\n`);
  expect(repo.git('show', '--name-only', '--format=', 'HEAD')).toBe(`postmortems/${ID}.md\n`);
  expect(repo.git('status', '--porcelain')).toBe('');
}

describe('postmortem new in a real terminal', () => {
  it('walks a whole post-mortem from the first question to the commit', async () => {
    const repo = makeTempRepo({ 'README.md': 'incidents\n' });
    const s = new PtySession(['new'], { cwd: repo.root, env: env(repo) });
    try {
      await firstHalf(s);
      await secondHalf(s);
      const { exitCode } = await s.exit;
      expect(s.screen).toContain(`Wrote and committed postmortems/${ID}.md`);
      expect(exitCode).toBe(0);
    } finally {
      s.kill();
    }
    checkDocument(repo);
    expect(readdirSync(join(repo.root, '.git/postmortem/drafts'))).toEqual([]);
  }, 120_000);

  it('keeps every answer after Ctrl-C, offers to resume on the next run, and --resume finishes it', async () => {
    const repo = makeTempRepo({ 'README.md': 'incidents\n' });
    const first = new PtySession(['new'], { cwd: repo.root, env: env(repo) });
    try {
      await firstHalf(first);
      await first.waitFor('When?');
      first.write(KEY.ctrlC);
      expect((await first.exit).exitCode).toBe(130);
      expect(first.screen).toContain(
        'Every answer so far is kept in a draft. Continue with: postmortem new --resume',
      );
    } finally {
      first.kill();
    }
    const draftFile = join(repo.root, '.git/postmortem/drafts', `${ID}.json`);
    expect(existsSync(draftFile)).toBe(true);
    expect(readFileSync(draftFile, 'utf8')).toContain('Pager woke the on-call engineer');
    expect(existsSync(join(repo.root, 'postmortems'))).toBe(false);
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(repo.git('log', '--format=%s')).toBe('initial\n');

    // A plain `new` offers the pending draft; declining leaves it in place.
    const second = new PtySession(['new'], { cwd: repo.root, env: env(repo) });
    try {
      await second.waitFor('An unfinished post-mortem is waiting: API unavailable for three hours');
      await second.waitFor('2/11 sections answered');
      second.write(KEY.ctrlC);
      expect((await second.exit).exitCode).toBe(130);
    } finally {
      second.kill();
    }
    expect(existsSync(draftFile)).toBe(true);

    const third = new PtySession(['new', '--resume'], { cwd: repo.root, env: env(repo) });
    try {
      await third.waitFor('Timeline (2 entries, elapsed since the start)');
      await third.waitFor(/1\. 02:00 +\+0m +API servers stopped answering/);
      await secondHalf(third);
      expect((await third.exit).exitCode).toBe(0);
    } finally {
      third.kill();
    }
    checkDocument(repo);
    expect(existsSync(draftFile)).toBe(false);
    expect(repo.git('log', '--format=%s')).toBe(`postmortem(${ID}): start post-mortem\ninitial\n`);
    const show = await runCli(['show', ID, '--json'], { cwd: repo.root, env: env(repo) });
    expect(JSON.parse(show.stdout)).toMatchObject({
      metrics: { time_to_detect: 7, time_to_mitigate: 160, time_to_resolve: 183 },
    });
  }, 180_000);
});
