import { describe, expect, it } from 'vitest';
import { actionsFlow, parseDueDate } from '../../src/interview/sections/actions.js';
import { apologyFlow } from '../../src/interview/sections/apology.js';
import { basicsFlow } from '../../src/interview/sections/basics.js';
import { detectionFlow } from '../../src/interview/sections/detection.js';
import { impactFlow } from '../../src/interview/sections/impact.js';
import { internalFlow } from '../../src/interview/sections/internal.js';
import { lessonsFlow } from '../../src/interview/sections/lessons.js';
import { rootCauseFlow } from '../../src/interview/sections/root-cause.js';
import { summaryFlow } from '../../src/interview/sections/summary.js';
import { timelineFlow } from '../../src/interview/sections/timeline.js';
import { timesFlow } from '../../src/interview/sections/times.js';
import { flowContext, started } from './helpers/context.js';

describe('basics', () => {
  it('asks title, severity with meanings, services, authors (git identity) and timezone', async () => {
    const { ctx, prompter } = flowContext([
      ['title', 'API unavailable for three hours'],
      ['severity', 'SEV1'],
      ['services', 'api, dashboard'],
      ['authors', ''],
      ['timezone', 'Mars/Olympus'],
      ['timezone', 'Australia/Sydney'],
    ]);
    await basicsFlow(ctx);
    expect(ctx.doc).toMatchObject({
      title: 'API unavailable for three hours',
      severity: 'SEV1',
      services: ['api', 'dashboard'],
      authors: ['Test Author <author@example.com>'],
      timezone: 'Australia/Sydney',
    });
    expect(prompter.asked.find((a) => a.id === 'severity')?.choices?.[0]).toMatch(
      /SEV1 — critical/,
    );
    expect(prompter.refused.map((r) => r.id)).toEqual(['timezone']);
    expect(prompter.refused[0]?.reason).toMatch(/not an IANA timezone/);
    expect(prompter.remaining).toEqual([]);
  });

  it('requires a title', async () => {
    const { ctx, prompter } = flowContext([
      ['title', ''],
      ['title', 'Checkout failing'],
      ['severity', ''],
      ['services', ''],
      ['authors', ''],
      ['timezone', ''],
    ]);
    await basicsFlow(ctx);
    expect(prompter.refused[0]).toMatchObject({
      id: 'title',
      reason: 'an answer is required here',
    });
    expect(ctx.doc).toMatchObject({
      title: 'Checkout failing',
      severity: 'SEV2',
      services: [],
      timezone: 'UTC',
    });
  });
});

describe('key times', () => {
  it('reads relative and clock times, refuses invalid ones and detection before the start, and echoes each', async () => {
    const { ctx, prompter } = flowContext(
      [
        ['started_at', '26:00'],
        ['started_at', '02:00'],
        ['detected_at', '01:30'],
        ['detected_at', '+7m'],
        ['mitigated_at', '+2h33m'],
        ['resolved_at', ''],
      ],
      (d) => Object.assign(d.doc, { timezone: 'Australia/Sydney' }),
    );
    await timesFlow(ctx);
    expect(ctx.doc.started_at).toBe('2026-11-24T02:00:00+11:00');
    expect(ctx.doc.detected_at).toBe('2026-11-24T02:07:00+11:00');
    expect(ctx.doc.mitigated_at).toBe('2026-11-24T04:40:00+11:00');
    expect(ctx.doc.resolved_at).toBeUndefined();
    expect(prompter.refused.map((r) => [r.id, r.reason])).toEqual([
      ['started_at', expect.stringMatching(/hours go from 00 to 23/)],
      ['detected_at', expect.stringMatching(/before the start/)],
    ]);
    expect(prompter.transcript).toContain(
      '→ 2026-11-24 02:07 GMT+11 (2026-11-24T02:07:00+11:00), +7m after the start',
    );
  });

  it('asks which offset for a time in the repeated hour, and says which was chosen', async () => {
    const { ctx, prompter } = flowContext(
      [
        ['started_at', '2026-10-25T02:10+02:00'],
        ['detected_at', '02:24'],
        ['detected_at-dst', 'first'],
        ['mitigated_at', '02:20'],
        ['mitigated_at-dst', 'second'],
        ['resolved_at', ''],
      ],
      (d) => Object.assign(d.doc, { timezone: 'Europe/Berlin' }),
    );
    await timesFlow(ctx);
    expect(ctx.doc.detected_at).toBe('2026-10-25T02:24:00+02:00');
    expect(ctx.doc.mitigated_at).toBe('2026-10-25T02:20:00+01:00');
    expect(prompter.transcript).toMatch(/happened twice/);
    expect(prompter.transcript).toContain('offset +01:00 chosen');
  });
});

describe('timeline', () => {
  it('adds entries sorted with elapsed times, edits one, deletes one, and picks key times', async () => {
    const { ctx, prompter } = flowContext(
      [
        ['timeline-at', '02:00'],
        ['timeline-event', 'API stopped answering'],
        ['timeline-internal', false],
        ['timeline-at', '+45m'],
        ['timeline-event', 'Rolled back the deploy'],
        ['timeline-internal', ''],
        ['timeline-at', '02:07'],
        ['timeline-event', 'Paged db-prod-3 owner'],
        ['timeline-internal', true],
        ['timeline-at', 'soon'],
        ['timeline-at', ''],
        ['timeline-action', 'edit'],
        ['timeline-edit', '2'],
        ['timeline-at', '+5m'],
        ['timeline-event', 'Rolled back the bad deploy'],
        ['timeline-internal', false],
        ['timeline-action', 'delete'],
        ['timeline-delete', '1'],
        ['timeline-delete-confirm', true],
        ['timeline-action', 'done'],
        ['pick-detected_at', 'none'],
        ['pick-mitigated_at', '1'],
        ['pick-resolved_at', ''],
      ],
      started,
    );
    await timelineFlow(ctx);
    expect(ctx.doc.timeline).toEqual([
      { at: '2026-11-24T02:00:00+11:00', event: 'API stopped answering', internal: false },
      { at: '2026-11-24T02:50:00+11:00', event: 'Rolled back the bad deploy', internal: false },
    ]);
    expect(ctx.doc.mitigated_at).toBe('2026-11-24T02:50:00+11:00');
    expect(ctx.doc.detected_at).toBeUndefined();
    expect(prompter.refused).toEqual([
      expect.objectContaining({ id: 'timeline-at', value: 'soon' }),
    ]);
    // Sorted, with the time since the start and the internal marker.
    expect(prompter.transcript).toMatch(
      /1\. 02:00 {2}\+0m .*API stopped answering\n {2}2\. 02:07 {2}\+7m .*\[internal\] Paged db-prod-3 owner\n {2}3\. 02:45 {2}\+45m/,
    );
    expect(prompter.remaining).toEqual([]);
  });

  it('skips an empty timeline with one Enter', async () => {
    const { ctx, prompter } = flowContext([['timeline-at', '']], started);
    await timelineFlow(ctx);
    expect(ctx.doc.timeline).toEqual([]);
    expect(prompter.asked).toHaveLength(1);
  });
});

describe('impact, root cause, detection', () => {
  it('keeps what is and is not affected, turns a count into a number, and skips optional answers', async () => {
    const { ctx } = flowContext(
      [
        ['impact-description', 'Every API call failed.'],
        ['customers-affected', '1200'],
        ['not-affected', 'Passwords and billing were not affected.'],
        ['data-loss', 'no'],
      ],
      started,
    );
    await impactFlow(ctx);
    expect(ctx.doc.impact).toEqual({
      description: 'Every API call failed.',
      customers_affected: 1200,
      not_affected: 'Passwords and billing were not affected.',
      data_loss: false,
    });

    const skipped = flowContext(
      [
        ['impact-description', ''],
        ['customers-affected', 'all EU customers'],
        ['not-affected', ''],
        ['data-loss', ''],
      ],
      started,
    ).ctx;
    await impactFlow(skipped);
    expect(skipped.doc.impact).toEqual({ customers_affected: 'all EU customers' });
  });

  it('collects contributing factors in a loop and can delete one', async () => {
    const { ctx } = flowContext(
      [
        ['trigger', 'A deploy with a bad pool size.'],
        ['root-cause', ''],
        ['contributing-factor', 'No canary stage'],
        ['contributing-factor', 'Typo'],
        ['contributing-factor', ''],
        ['contributing-factor-action', 'delete'],
        ['contributing-factor-delete', '1'],
        ['contributing-factor-action', 'done'],
      ],
      started,
    );
    await rootCauseFlow(ctx);
    expect(ctx.doc.root_cause).toEqual({
      trigger: 'A deploy with a bad pool size.',
      contributing_factors: ['No canary stage'],
    });
  });

  it('clears an answer with "-" and keeps the current one with Enter', async () => {
    const { ctx } = flowContext(
      [
        ['detection', '-'],
        ['resolution', ''],
      ],
      (d) => {
        started(d);
        d.doc.detection = 'Old detection';
        d.doc.resolution = 'Rolled back.';
      },
    );
    await detectionFlow(ctx);
    expect(ctx.doc.detection).toBeUndefined();
    expect(ctx.doc.resolution).toBe('Rolled back.');
  });
});

describe('apology', () => {
  const answered = (d: Parameters<typeof started>[0]): void => {
    started(d);
    Object.assign(d.doc, {
      resolved_at: '2026-11-24T05:03:00+11:00',
      impact: {
        description: 'Nobody could reach the API.',
        customers_affected: 'all customers',
        not_affected: '- Passwords were not affected.\n- No data was lost.',
      },
      root_cause: { trigger: 'We shipped a broken configuration.', contributing_factors: [] },
      resolution: 'We rolled back the configuration.',
    });
  };

  it('offers a draft that owns it and covers every part, and refuses "sorry for any inconvenience"', async () => {
    const { ctx, prompter } = flowContext(
      [
        ['apology-do-now', 'retry failed exports'],
        ['apology-updates', 'status.example.com'],
        ['apology-give-back', 'Every paid account gets a day of credit.'],
        ['apology', 'We apologize for any inconvenience.'],
        ['apology', ''],
      ],
      answered,
    );
    await apologyFlow(ctx);
    const text = ctx.doc.apology ?? '';
    expect(prompter.refused[0]?.reason).toMatch(/"any inconvenience" is not an apology/);
    expect(text).toMatch(
      /^We are sorry\. Nobody could reach the API, from 2026-11-24 02:00 GMT\+11 to 05:03 GMT\+11 \(3h 3m\)\./,
    );
    expect(text).toContain('That is our failure: we shipped a broken configuration.');
    expect(text).toContain('This affected all customers.');
    expect(text).toContain('Passwords were not affected. No data was lost.');
    expect(text).toContain('What you should do now: retry failed exports.');
    expect(text).toContain('We rolled back the configuration.');
    expect(text).toContain('We will post updates on status.example.com.');
    expect(text).toContain('Every paid account gets a day of credit.');
    expect(text).not.toMatch(/inconvenience/i);
  });

  it('keeps an existing apology as the default and asks no hints', async () => {
    const { ctx, prompter } = flowContext([['apology', '']], (d) => {
      answered(d);
      d.doc.apology = 'We are sorry: our own words.';
    });
    await apologyFlow(ctx);
    expect(ctx.doc.apology).toBe('We are sorry: our own words.');
    expect(prompter.asked.map((a) => a.id)).toEqual(['apology']);
  });
});

describe('action items', () => {
  it('adds items with ids, due dates typed as +7d, validates links, edits status and deletes', async () => {
    const { ctx, prompter } = flowContext(
      [
        ['action-title', 'Page a second engineer after 10 minutes'],
        ['action-owner', 'ops'],
        ['action-due', 'next week'],
        ['action-due', '+7d'],
        ['action-priority', 'P0'],
        ['action-type', 'process'],
        ['action-link', 'tracker/OPS-12'],
        ['action-link', 'https://tracker.example.com/OPS-12'],
        ['action-internal', ''],
        ['action-title', 'Throwaway'],
        ['action-owner', ''],
        ['action-due', ''],
        ['action-priority', ''],
        ['action-type', ''],
        ['action-link', ''],
        ['action-internal', true],
        ['action-title', ''],
        ['actions-action', 'edit'],
        ['action-edit', '0'],
        ['action-title', ''],
        ['action-owner', ''],
        ['action-due', ''],
        ['action-priority', ''],
        ['action-type', ''],
        ['action-link', ''],
        ['action-status', 'in_progress'],
        ['action-internal', ''],
        ['actions-action', 'delete'],
        ['action-delete', '1'],
        ['actions-action', 'done'],
      ],
      started,
    );
    await actionsFlow(ctx);
    expect(ctx.doc.action_items).toEqual([
      {
        id: 'AI-1',
        title: 'Page a second engineer after 10 minutes',
        owner: 'ops',
        due: '2026-12-01',
        priority: 'P0',
        type: 'process',
        link: 'https://tracker.example.com/OPS-12',
        status: 'in_progress',
        internal: false,
      },
    ]);
    expect(prompter.refused.map((r) => r.id)).toEqual(['action-due', 'action-link']);
  });

  it('parses due dates', () => {
    expect(parseDueDate('2026-12-15', '2026-11-24')).toEqual({ date: '2026-12-15' });
    expect(parseDueDate('+2w', '2026-11-24')).toEqual({ date: '2026-12-08' });
    expect(parseDueDate('2026-02-30', '2026-11-24')).toHaveProperty('reason');
  });
});

describe('lessons, summary, internal', () => {
  it('collects three lists, skipping empty ones', async () => {
    const { ctx } = flowContext(
      [
        ['lesson-went-well', 'Alert fired in 4 minutes'],
        ['lesson-went-well', ''],
        ['lesson-went-well-action', ''],
        ['lesson-went-wrong', ''],
        ['lesson-lucky', 'It was a Saturday'],
        ['lesson-lucky', ''],
        ['lesson-lucky-action', 'done'],
      ],
      started,
    );
    await lessonsFlow(ctx);
    expect(ctx.doc.lessons).toEqual({
      went_well: ['Alert fired in 4 minutes'],
      went_wrong: [],
      lucky: ['It was a Saturday'],
    });
  });

  it('offers a summary draft from the answers', async () => {
    const { ctx, prompter } = flowContext([['summary', '']], (d) => {
      started(d);
      d.doc.resolved_at = '2026-11-24T05:03:00+11:00';
      d.doc.impact.description = 'Nobody could reach the API. More detail.';
      d.doc.root_cause.trigger = 'A bad deploy.';
    });
    await summaryFlow(ctx);
    expect(ctx.doc.summary).toBe(
      'API unavailable, from 2026-11-24 02:00 GMT+11 to 05:03 GMT+11 (3h 3m). Nobody could reach the API. The cause: a bad deploy.',
    );
    expect(prompter.asked[0]?.default).toBe(ctx.doc.summary);
  });

  it('records internal notes and redact terms', async () => {
    const { ctx } = flowContext(
      [
        ['internal-notes', 'Carmen called twice.'],
        ['redact', 'db-prod-3, Carmen Ruiz'],
      ],
      started,
    );
    await internalFlow(ctx);
    expect(ctx.doc).toMatchObject({
      internal_notes: 'Carmen called twice.',
      redact: ['db-prod-3', 'Carmen Ruiz'],
    });
  });
});
