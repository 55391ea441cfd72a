import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITY_LEVELS } from '../../src/config/config.js';
import { newDraft, type InterviewDraft } from '../../src/core/drafts-model.js';
import { parsePostmortemText } from '../../src/core/parse.js';
import { serializePostmortem } from '../../src/core/serialize.js';
import { runInterview } from '../../src/interview/interview.js';
import { DraftStore } from '../../src/store/drafts.js';
import { makeTempRepo } from '../helpers/repo.js';
import { NOW } from './helpers/context.js';
import { INTERRUPT, ScriptedPrompter, type Step } from './helpers/scripted-prompter.js';

const FIRST_HALF: Step[] = [
  ['title', 'API unavailable for three hours'],
  ['severity', 'SEV1'],
  ['services', 'api'],
  ['authors', ''],
  ['timezone', 'Australia/Sydney'],
  ['started_at', '02:00'],
  ['detected_at', '+7m'],
  ['mitigated_at', '04:40'],
  ['resolved_at', '05:03'],
  ['timeline-at', '02:00'],
  ['timeline-event', 'API stopped answering'],
  ['timeline-internal', false],
  ['timeline-at', '+7m'],
  ['timeline-event', 'Alert paged the on-call engineer'],
  ['timeline-internal', true],
];

const SECOND_HALF: Step[] = [
  ['timeline-at', ''],
  ['timeline-action', 'done'],
  ['impact-description', 'Every API call failed with 503 for three hours.'],
  ['customers-affected', '1200'],
  ['not-affected', 'No data was lost; billing was not affected.'],
  ['data-loss', 'no'],
  ['trigger', 'A configuration change set the connection pool to zero.'],
  ['root-cause', 'Configuration was not validated before deploy.'],
  ['contributing-factor', 'No canary stage'],
  ['contributing-factor', ''],
  ['contributing-factor-action', 'done'],
  ['detection', 'The uptime alert fired after seven minutes.'],
  ['resolution', 'We rolled back the configuration.'],
  ['apology-do-now', ''],
  ['apology-updates', ''],
  ['apology-give-back', ''],
  ['apology', ''],
  ['action-title', 'Validate configuration in CI'],
  ['action-owner', 'platform'],
  ['action-due', '2026-12-15'],
  ['action-priority', 'P1'],
  ['action-type', 'prevent'],
  ['action-link', ''],
  ['action-internal', false],
  ['action-title', ''],
  ['actions-action', 'done'],
  ['lesson-went-well', 'The alert fired quickly'],
  ['lesson-went-well', ''],
  ['lesson-went-well-action', 'done'],
  ['lesson-went-wrong', ''],
  ['lesson-lucky', ''],
  ['summary', ''],
  ['internal-notes', ''],
  ['redact', ''],
];

function settings(
  prompter: ScriptedPrompter,
  draft: InterviewDraft,
  saveDraft: (d: InterviewDraft) => void,
) {
  return {
    prompter,
    draft,
    saveDraft,
    afterSection: (d: InterviewDraft) => {
      d.doc.id = '2026-11-24-api-unavailable-for-three-hours';
    },
    now: NOW,
    severities: DEFAULT_SEVERITY_LEVELS,
    defaultTimezone: 'UTC',
    gitAuthor: 'Test Author <author@example.com>',
  };
}

describe('the whole interview', () => {
  it('walks every section in order and ends with a document that saves and reads back', async () => {
    const prompter = new ScriptedPrompter([...FIRST_HALF, ...SECOND_HALF, ['review', 'save']]);
    const draft = newDraft('k', NOW.toISOString());
    const outcome = await runInterview(settings(prompter, draft, () => {}));
    expect(outcome).toBe('save');
    expect(prompter.remaining).toEqual([]);
    const text = serializePostmortem(draft.doc);
    const back = parsePostmortemText(text, 'x.md');
    expect(back).toEqual(draft.doc);
    expect(back.timeline[1]).toEqual({
      at: '2026-11-24T02:07:00+11:00',
      event: 'Alert paged the on-call engineer',
      internal: true,
    });
    expect(back.apology).toMatch(/^We are sorry\./);
    expect(back.apology).toContain('You do not need to do anything.');
    expect(back.apology).toContain('We will post updates on our status page.');
    // The review screen shows counts and computed durations.
    expect(prompter.transcript).toMatch(/time to detect {3}7m/);
    expect(prompter.transcript).toMatch(/time to resolve {2}3h 3m/);
    expect(prompter.transcript).toMatch(/Timeline {10}2 entries \(1 internal\)/);
  });

  it('after Ctrl-C keeps every answer in a draft inside .git, and resuming continues at the same place', async () => {
    const repo = makeTempRepo({ 'README.md': 'x\n' });
    const drafts = new DraftStore(repo.root);
    const draft = newDraft('new-1', NOW.toISOString());
    const first = new ScriptedPrompter([...FIRST_HALF, ['timeline-at', INTERRUPT]]);
    await expect(runInterview(settings(first, draft, (d) => drafts.save(d)))).rejects.toMatchObject(
      { name: 'ExitPromptError' },
    );

    const saved = drafts.load('new-1');
    expect(saved.done).toEqual(['basics', 'times']);
    expect(saved.doc.timeline.map((e) => e.event)).toEqual([
      'API stopped answering',
      'Alert paged the on-call engineer',
    ]);
    expect(readFileSync(drafts.fileFor('new-1'), 'utf8')).toContain(
      '"title": "API unavailable for three hours"',
    );
    expect(drafts.dir.startsWith(`${repo.root}/.git/`)).toBe(true);
    expect(repo.git('status', '--porcelain')).toBe('');

    // Resuming: the timeline section starts again with both entries kept, nothing earlier is asked.
    const second = new ScriptedPrompter([...SECOND_HALF, ['review', 'save']]);
    const outcome = await runInterview(settings(second, saved, (d) => drafts.save(d)));
    expect(outcome).toBe('save');
    expect(second.asked[0]?.id).toBe('timeline-at');
    expect(second.transcript).toContain('Timeline (2 entries, elapsed since the start)');
    expect(saved.doc.timeline).toHaveLength(2);
    expect(saved.doc.title).toBe('API unavailable for three hours');
  });

  it('lets the review screen send the author back to a section, or stop and keep the draft', async () => {
    const prompter = new ScriptedPrompter([
      ...FIRST_HALF,
      ...SECOND_HALF,
      ['review', 'edit'],
      ['review-section', 'detection'],
      ['detection', 'A customer told us first.'],
      ['resolution', ''],
      ['review', 'keep-draft'],
    ]);
    const draft = newDraft('k', NOW.toISOString());
    const saves: string[] = [];
    expect(
      await runInterview(settings(prompter, draft, (d) => saves.push(JSON.stringify(d)))),
    ).toBe('keep-draft');
    expect(draft.doc.detection).toBe('A customer told us first.');
    expect(saves.length).toBeGreaterThan(40);
  });
});
