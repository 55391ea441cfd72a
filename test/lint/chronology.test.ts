import { describe, expect, it } from 'vitest';
import { DST, EXAMPLE_NAMES, OUTAGE, edit, example, lineOf, lintRule } from './helpers.js';

const chronology = (text: string) => lintRule(text, 'chronology');

describe('chronology', () => {
  it.each(EXAMPLE_NAMES)(
    'passes on the example %s (lead-up and follow-up entries included)',
    (name) => {
      expect(chronology(example(name))).toEqual([]);
    },
  );

  it('flags a detection before the start, at the detected_at line', () => {
    const text = edit(
      example(OUTAGE),
      'detected_at: 2026-03-14T02:04:00+11:00',
      'detected_at: 2026-03-14T01:54:00+11:00',
    );
    const findings = chronology(text);
    expect(findings).toContainEqual(
      expect.objectContaining({
        line: lineOf(text, 'detected_at:'),
        rule: 'chronology',
        severity: 'error',
        message: expect.stringMatching(
          /detected_at 2026-03-14T01:54:00\+11:00 is before started_at/,
        ) as unknown,
      }),
    );
  });

  it('flags a resolution before the mitigation', () => {
    const text = edit(
      example(OUTAGE),
      'resolved_at: 2026-03-14T05:03:00+11:00',
      'resolved_at: 2026-03-14T04:50:00+11:00',
    );
    const messages = chronology(text).map((f) => f.message);
    expect(messages).toContain(
      'resolved_at 2026-03-14T04:50:00+11:00 is before mitigated_at 2026-03-14T04:58:00+11:00',
    );
  });

  it('compares instants, not wall clocks, across the DST change', () => {
    // 02:20+01:00 is after 02:24+02:00: the example is in order.
    expect(chronology(example(DST))).toEqual([]);
    // The same wall time in summer time is before detection.
    const text = edit(
      edit(
        example(DST),
        'mitigated_at: 2026-10-25T02:20:00+01:00',
        'mitigated_at: 2026-10-25T02:20:00+02:00',
      ),
      '- 2026-10-25T02:20:00+01:00 Subscriptions',
      '- 2026-10-25T02:20:00+02:00 Subscriptions',
    );
    const findings = chronology(text);
    expect(findings.map((f) => f.line)).toContain(lineOf(text, 'mitigated_at:'));
    expect(findings.some((f) => f.message.includes('is earlier than the entry above it'))).toBe(
      true,
    );
  });

  it('flags a timeline entry out of order, once, at its own line', () => {
    const text = edit(
      example(OUTAGE),
      '- 2026-03-14T02:40:00+11:00 [internal] Second',
      '- 2026-03-14T02:01:00+11:00 [internal] Second',
    );
    const findings = chronology(text).filter((f) =>
      f.message.includes('earlier than the entry above'),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.line).toBe(lineOf(text, '2026-03-14T02:01:00+11:00'));
    expect(findings[0]?.message).toContain(`line ${lineOf(text, '2026-03-14T02:06:00+11:00')}`);
  });

  it('flags a key time that no timeline entry marks', () => {
    const text = edit(
      example(OUTAGE),
      'detected_at: 2026-03-14T02:04:00+11:00',
      'detected_at: 2026-03-14T02:05:00+11:00',
    );
    const findings = chronology(text);
    expect(findings).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'detected_at:'),
        message: 'detected_at 2026-03-14T02:05:00+11:00 has no timeline entry at that time',
      }),
    ]);
    expect(findings[0]?.hint).toMatch(/add the timeline entry/);
  });

  it('lets a draft have key times without timeline entries yet', () => {
    const text = edit(
      edit(example(OUTAGE), 'status: published', 'status: draft'),
      'detected_at: 2026-03-14T02:04:00+11:00',
      'detected_at: 2026-03-14T02:05:00+11:00',
    );
    expect(chronology(text)).toEqual([]);
  });

  it('flags an entry that says the incident was resolved at another time than resolved_at', () => {
    const text = edit(
      example(OUTAGE),
      'We emailed every customer with what happened and an apology',
      'Incident resolved after a final check',
    );
    const findings = chronology(text);
    expect(findings).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'Incident resolved after'),
        message: expect.stringContaining(
          'marks the incident as resolved, but resolved_at is 2026-03-14T05:03:00+11:00',
        ) as unknown,
      }),
    ]);
  });

  it('does not read an ordinary mention of "started" as the start of the incident', () => {
    // "started the recovery" at 04:45 in the example is not a marker.
    expect(example(OUTAGE)).toContain('started the recovery');
    expect(chronology(example(OUTAGE))).toEqual([]);
  });

  it('accepts a draft without a timeline', () => {
    const text = example(OUTAGE).replace(/## Timeline\n[\s\S]*?\n## Root cause/, '## Root cause');
    expect(text).not.toContain('## Timeline');
    expect(chronology(text)).toEqual([]);
  });
});
