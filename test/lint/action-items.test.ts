import { describe, expect, it } from 'vitest';
import { daysBetweenDates } from '../../src/core/lint/rules/action-items.js';
import { BREACH, EXAMPLE_NAMES, OUTAGE, edit, example, lineOf, lintRule } from './helpers.js';

const actionItems = (text: string, config = {}) => lintRule(text, 'action-items', { config });

describe('action-items', () => {
  it.each(EXAMPLE_NAMES)('passes on the example %s', (name) => {
    expect(actionItems(example(name))).toEqual([]);
  });

  it.each([
    ['owner', '  - owner: reports\n', ''],
    ['due', '  - due: 2026-04-10\n', ''],
    ['priority', '  - priority: P1\n  - type: prevent\n', '  - type: prevent\n'],
    ['type', '  - type: prevent\n', ''],
  ])('flags an item without %s at the item line', (field, from, to) => {
    const text = edit(example(OUTAGE), from, to);
    const findings = actionItems(text);
    expect(findings).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'AI-3:'),
        rule: 'action-items',
        severity: 'error',
        message: `action item AI-3 has no ${field}`,
      }),
    ]);
    expect(findings[0]?.hint).toContain(`- ${field}:`);
  });

  it('flags a P1 item due later than the window, at its due line, and names the latest date', () => {
    const text = edit(example(OUTAGE), '  - due: 2026-04-10', '  - due: 2026-05-20');
    const findings = actionItems(text);
    expect(findings).toEqual([
      expect.objectContaining({
        line: lineOf(text, '2026-05-20'),
        message:
          'P1 action item AI-3 is due 2026-05-20, 67 days after the incident; P1 items must be due within 30 days',
      }),
    ]);
    expect(findings[0]?.hint).toContain('2026-04-13');
  });

  it('uses the configured window', () => {
    const text = edit(example(OUTAGE), '  - due: 2026-04-10', '  - due: 2026-05-20');
    expect(actionItems(text, { due_within_days: { P0: 7, P1: 90 } })).toEqual([]);
    // P2 has no window by default, and one when configured.
    const p2 = edit(
      text,
      '  - priority: P1\n  - type: prevent',
      '  - priority: P2\n  - type: prevent',
    );
    expect(actionItems(p2)).toEqual([]);
    expect(actionItems(p2, { due_within_days: { P0: 7, P1: 30, P2: 60 } })).toHaveLength(1);
  });

  it('counts the window from the start date in the incident timezone', () => {
    // Started 09:40 in Los Angeles on 17 October (16:40 UTC): P0 AI-2 due 24 October is day 7.
    expect(actionItems(example(BREACH))).toEqual([]);
    const late = edit(example(BREACH), '  - due: 2026-11-06', '  - due: 2026-11-17');
    expect(actionItems(late).map((f) => f.message)).toEqual([
      'P1 action item AI-4 is due 2026-11-17, 31 days after the incident; P1 items must be due within 30 days',
    ]);
  });

  it('flags a due date before the incident', () => {
    const text = edit(example(OUTAGE), '  - due: 2026-04-10', '  - due: 2026-03-01');
    expect(actionItems(text)[0]?.message).toBe(
      'action item AI-3 is due 2026-03-01, before the incident started (2026-03-14)',
    );
  });

  it('does not hold finished or abandoned items to the window, and needs no date for wont_do', () => {
    const done = edit(example(OUTAGE), '  - due: 2026-03-21', '  - due: 2026-06-21');
    expect(actionItems(done)).toEqual([]);
    const wontDo = edit(
      example(OUTAGE),
      '- [ ] AI-3: Fix the memory leak in the report renderer\n  - owner: reports\n  - due: 2026-04-10\n',
      '- [ ] AI-3: Fix the memory leak in the report renderer\n  - status: wont_do\n  - owner: reports\n',
    );
    expect(actionItems(wontDo)).toEqual([]);
  });

  it('flags a done item without its link', () => {
    const text = edit(example(OUTAGE), '  - link: https://tracker.example.com/OPS-12\n', '');
    expect(actionItems(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'AI-1:'),
        message: 'action item AI-1 is done but has no link to the work',
      }),
    ]);
  });

  it('counts days between dates exactly', () => {
    expect(daysBetweenDates('2026-03-14', '2026-04-13')).toBe(30);
    expect(daysBetweenDates('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetweenDates('2026-03-14', '2026-03-01')).toBe(-13);
  });
});
