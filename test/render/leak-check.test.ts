import { describe, expect, it } from 'vitest';
import {
  compileLeakRules,
  findOutputLeaks,
  findPublicLeaks,
  scanText,
} from '../../src/render/leak-check.js';
import { exampleDoc } from './fixtures.js';

const rules = compileLeakRules(['db-prod-3', 'Acme Corp'], {
  leaks: { patterns: [String.raw`\b10\.\d+\.\d+\.\d+\b`, 'corp\\.internal'] },
});
const kinds = (text: string): string[] => scanText(text, rules).map((h) => `${h.kind}:${h.term}`);

describe('scanText', () => {
  it.each([
    ['plain', 'host db-prod-3 died'],
    ['upper case', 'host DB-PROD-3 died'],
    ['bold inside', 'host db-**prod**-3 died'],
    ['code inside', 'host `db`-`prod-3` died'],
    ['a line break inside', 'host db-prod-\n3 died'],
    ['an escape', 'host db\\-prod\\-3 died'],
    ['HTML tags inside', 'host db-<b>prod</b>-3 died'],
    ['an entity', 'host db&#45;prod-3 died'],
    ['a zero-width space', 'host db-pr\u200bod-3 died'],
    ['full-width letters', 'host ｄｂ-prod-3 died'],
    ['a quote marker across lines', '> host db-prod-\n> 3 died'],
  ])('finds a redact term written %s', (_name, text) => {
    expect(kinds(text)).toContain('redact:db-prod-3');
  });

  it('finds a two-word term across a line break and emphasis', () => {
    expect(kinds('our customer *Acme*\nCorp called')).toContain('redact:Acme Corp');
    expect(kinds('[Acme](https://x.example) Corp')).toContain('redact:Acme Corp');
  });

  it.each([
    'write to sam@example.com',
    'write to <sam@example.com>',
    'write to sam&#64;example.com',
    'write to sam**@**example.com',
    'write to [us](mailto:ops@corp.example.org)',
    'write to sam`@`example.com',
    'write to sam<span>@</span>example.com',
    'write to sam\\@example.com',
  ])('finds the e-mail address in %s', (text) => {
    expect(scanText(text, rules).some((h) => h.kind === 'email')).toBe(true);
  });

  it('does not read an "@" between other characters as an address', () => {
    expect(kinds('@media (max-width: 40em) { main { padding: 0 } }\n@ home')).toEqual([]);
  });

  it('finds configured patterns: internal hosts and IPs', () => {
    expect(kinds('reached 10.0.4.17 via vpn')).toContain(String.raw`pattern:\b10\.\d+\.\d+\.\d+\b`);
    expect(kinds('see grafana.CORP.internal/x')).toContain('pattern:corp\\.internal');
  });

  it('leaves clean text alone', () => {
    expect(
      kinds('The database in production was restarted at 3 a.m. by the on-call engineer.'),
    ).toEqual([]);
  });

  it('names the line of a hit', () => {
    expect(scanText('one\ntwo\nthree db-prod-3', rules)[0]?.line).toBe(3);
  });
});

describe('findPublicLeaks', () => {
  it('finds nothing in the shipped example', () => {
    expect(findPublicLeaks(exampleDoc(), { leaks: { patterns: [] } })).toEqual([]);
  });

  it('names the field a leak comes from, by its index in the document', () => {
    const doc = exampleDoc();
    doc.timeline[1]!.event = 'Restarted app-prod-1';
    doc.apology = 'Mail carmen.ruiz@example.com';
    const leaks = findPublicLeaks(doc, { leaks: { patterns: [] } });
    expect(leaks.map((l) => `${l.kind} ${l.field}`)).toEqual([
      'redact timeline.1.event',
      'email apology',
    ]);
    expect(leaks[0]?.message).toContain('app-prod-1');
  });

  it('ignores internal content that holds redact terms', () => {
    const doc = exampleDoc();
    doc.internal_notes = 'app-prod-1 Carmen Ruiz sam@example.com';
    expect(findPublicLeaks(doc, { leaks: { patterns: [] } })).toEqual([]);
  });

  it('reports markers the filter cannot remove', () => {
    const doc = exampleDoc();
    doc.detection = '```\n[!INTERNAL] paged Carmen\n```';
    const leaks = findPublicLeaks(doc, { leaks: { patterns: [] } });
    expect(leaks.some((l) => l.kind === 'internal-marker' && l.field === 'detection')).toBe(true);
  });
});

describe('findOutputLeaks', () => {
  it('says a hit found in no field came from the template', () => {
    const leaks = findOutputLeaks('# Title\n\nby Acme Corp', 'public Markdown', rules, [
      { field: 'title', text: 'Title' },
    ]);
    expect(leaks[0]?.message).toBe(
      'public Markdown line 3 contains the redacted term "Acme Corp" (from the template)',
    );
  });
});
