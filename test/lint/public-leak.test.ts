import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/config.js';
import type { Postmortem } from '../../src/core/model.js';
import { findPublicLeaks } from '../../src/render/leak-check.js';
import { BREACH, EXAMPLE_NAMES, OUTAGE, edit, example, lineOf, lintRule } from './helpers.js';

function leaks(text: string, patterns: string[] = []) {
  const config = { ...defaultConfig(), leaks: { patterns } };
  return lintRule(text, 'public-leak', {
    findLeaks: (doc: Postmortem) =>
      findPublicLeaks(doc, config).map((l) => ({
        field: l.field ?? undefined,
        term: l.kind === 'redact' || l.kind === 'email' ? l.term : undefined,
        line: l.line ?? undefined,
        message: l.message,
      })),
  });
}

describe('public-leak', () => {
  it.each(EXAMPLE_NAMES)(
    'passes on the example %s: its internal details are all marked',
    (name) => {
      expect(leaks(example(name))).toEqual([]);
    },
  );

  it('flags a redacted term written in public prose, at the line that holds it', () => {
    const text = edit(
      example(OUTAGE),
      'Nothing restarted it automatically.',
      'Nothing restarted it on app-prod-1\nautomatically.',
    );
    expect(leaks(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'Nothing restarted it on app-prod-1'),
        rule: 'public-leak',
        severity: 'error',
        message: 'public version: root_cause.description contains the redacted term "app-prod-1"',
      }),
    ]);
  });

  it('flags a redacted term in a public timeline entry, not in an internal one', () => {
    const text = edit(
      example(BREACH),
      'We pause all posting from the scheduler',
      'We pause all posting and firewall mongo-legacy-2',
    );
    expect(leaks(text).map((f) => [f.line, f.message])).toEqual([
      [lineOf(text, 'firewall mongo-legacy-2'), expect.stringContaining('timeline.') as unknown],
    ]);
  });

  it('flags an e-mail address and a configured pattern', () => {
    const text = edit(
      example(OUTAGE),
      'Uptime monitoring detected the outage',
      'Uptime monitoring (alerts@example.com, ticket OPS-4411) detected the outage',
    );
    const findings = leaks(text, ['OPS-\\d{4}']);
    expect(findings.map((f) => f.line)).toEqual([
      lineOf(text, 'alerts@example.com'),
      lineOf(text, 'alerts@example.com'),
    ]);
    expect(findings.map((f) => f.message).join('\n')).toMatch(
      /e-mail address alerts@example\.com[\s\S]*leak pattern/,
    );
  });

  it('flags an internal block the filter cannot remove safely, at the line of its list', () => {
    const text = edit(
      example(OUTAGE),
      'Uptime monitoring detected the outage within four minutes and paged correctly. The gap',
      '- Uptime monitoring paged within four minutes.\n\n  > [!INTERNAL]\n  > The page went to Carmen only.\n\nThe gap',
    );
    const findings = leaks(text);
    expect(findings).toEqual([
      expect.objectContaining({
        line: lineOf(text, '- Uptime monitoring paged'),
        message: expect.stringContaining('[!INTERNAL] block inside a list') as unknown,
      }),
    ]);
  });
});
