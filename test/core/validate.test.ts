import { describe, expect, it } from 'vitest';
import { validatePostmortem } from '../../src/core/validate.js';
import type { PlainObject } from '../../src/core/safe-yaml.js';

const base = (): PlainObject => ({
  id: '2026-11-24-api-outage',
  title: 'API unavailable',
  severity: 'SEV1',
  timezone: 'Australia/Sydney',
  started_at: '2026-11-24T02:00:00+11:00',
});

const messages = (raw: PlainObject, lines = new Map<string, number>()): string[] =>
  validatePostmortem(raw, lines).problems.map((p) =>
    p.line === undefined ? p.message : `${p.line}: ${p.message}`,
  );

describe('validatePostmortem', () => {
  it('accepts a minimal document and fills every list', () => {
    const result = validatePostmortem(base(), new Map());
    expect(result.problems).toStrictEqual([]);
    expect(result.doc).toStrictEqual({
      ...base(),
      status: 'draft',
      authors: [],
      reviewers: [],
      services: [],
      impact: {},
      timeline: [],
      root_cause: { contributing_factors: [] },
      action_items: [],
      lessons: { went_well: [], went_wrong: [], lucky: [] },
      redact: [],
    });
  });

  it('names unknown fields at every level, with a suggestion when one is close', () => {
    const raw: PlainObject = {
      ...base(),
      titel: 'x',
      impact: { descripton: 'x', customers: 3 },
      root_cause: { trigger: 'x', factors: ['a'] },
      action_items: [{ id: 'AI-1', title: 'x', ownr: 'ops' }],
      timeline: [{ at: '2026-11-24T02:00:00+11:00', event: 'x', internl: true }],
      zzzzzz: 1,
    };
    expect(messages(raw)).toStrictEqual([
      'unknown field "titel" (did you mean "title"?)',
      'unknown field "zzzzzz"',
      'unknown field "descripton" in impact (did you mean "description"?)',
      'unknown field "customers" in impact',
      'unknown field "factors" in root_cause',
      'unknown field "internl" in timeline.0 (did you mean "internal"?)',
      'unknown field "ownr" in action_items.0 (did you mean "owner"?)',
    ]);
  });

  it('reports every problem at once, each at its line, with the expected form', () => {
    const raw: PlainObject = {
      ...base(),
      id: 'Bad Id',
      status: 'done',
      severity: 'SEV9',
      timezone: 'Mars/Olympus',
      started_at: '2026-11-24 02:00',
      authors: ['ok', ''],
      impact: { data_loss: 'no' },
      timeline: [{ at: '02:07', event: '' }],
      action_items: [
        {
          id: 'AI 1',
          title: 'x',
          due: '2026-02-30',
          priority: 'P5',
          type: 'fix',
          status: 'finished',
          link: 'javascript:alert(1)',
        },
        { id: 'AI-2', title: 'y' },
        { id: 'AI-2', title: 'z' },
      ],
    };
    const lines = new Map<string, number>([
      ['id', 2],
      ['status', 3],
      ['severity', 4],
      ['timezone', 5],
      ['started_at', 6],
      ['authors.1', 8],
      ['impact.data_loss', 9],
      ['timeline.0', 20],
      ['action_items.0', 30],
      ['action_items.0.due', 31],
      ['action_items.2', 40],
    ]);
    expect(messages(raw, lines)).toStrictEqual([
      '2: id "Bad Id" is not a valid id: lowercase letters, digits and dashes, starting with a letter or digit, at most 81 characters, and not a device name like con or nul',
      '3: status "done" is not one of draft, review, approved, published',
      '4: severity "SEV9" is not one of SEV1, SEV2, SEV3, SEV4 (did you mean "SEV1"?)',
      '5: timezone "Mars/Olympus" is not an IANA timezone: expected a name like Australia/Sydney or UTC',
      '8: authors.1 is required',
      '6: started_at "2026-11-24 02:00" is not a time: expected ISO 8601 with an offset, like 2026-11-24T02:07:00+11:00',
      '9: impact.data_loss "no" is not a boolean: write true or false',
      '20: timeline.0.at "02:07" is not a time: expected ISO 8601 with an offset, like 2026-11-24T02:07:00+11:00',
      '20: timeline.0.event is required',
      '30: action_items.0.id "AI 1" is not an action item id: expected letters, digits and dashes, like AI-1',
      '31: action_items.0.due "2026-02-30" is not a date: expected YYYY-MM-DD, like 2026-12-15',
      '30: action_items.0.priority "P5" is not one of P0, P1, P2, P3 (did you mean "P0"?)',
      '30: action_items.0.type "fix" is not one of prevent, mitigate, detect, process',
      '30: action_items.0.status "finished" is not one of open, in_progress, done, wont_do',
      '30: action_items.0.link "javascript:alert(1)" is not a web address: expected http:// or https://, like https://tracker.example.com/OPS-12',
      '40: action item id "AI-2" is used twice: ids must be unique',
    ]);
  });

  it('refuses text that cannot be written back: several lines, NUL, lone surrogates, wrong shapes', () => {
    expect(messages({ ...base(), title: 'a\nb' })).toStrictEqual(['title must be one line']);
    expect(messages({ ...base(), title: 'a\rb' })).toStrictEqual(['title must be one line']);
    expect(messages({ ...base(), summary: 'a\0b' })).toStrictEqual([
      'summary contains a NUL character: remove it',
    ]);
    expect(messages({ ...base(), title: 'a\ud800' })).toStrictEqual([
      'title contains a broken character (a lone UTF-16 surrogate): retype it',
    ]);
    expect(messages({ ...base(), services: 'api' })).toStrictEqual(['services must be a list']);
    expect(messages({ ...base(), title: ['a'] })).toStrictEqual(['title must be text, not a list']);
    expect(messages({ ...base(), impact: 'bad' })).toStrictEqual([
      'impact must be a set of fields (description, customers_affected, not_affected, data_loss)',
    ]);
  });

  it('takes the severities of the config', () => {
    const result = validatePostmortem({ ...base(), severity: 'critical' }, new Map(), {
      severities: ['critical', 'minor'],
    });
    expect(result.problems).toStrictEqual([]);
    expect(result.doc?.severity).toBe('critical');
  });

  it('names front matter fields as the file spells them when asked', () => {
    const result = validatePostmortem(
      { ...base(), impact: { data_loss: 'no' } },
      new Map([['impact.data_loss', 7]]),
      {
        sourceName: (path) => (path === 'impact.data_loss' ? 'data_loss' : undefined),
      },
    );
    expect(result.problems).toStrictEqual([
      { line: 7, message: 'data_loss "no" is not a boolean: write true or false' },
    ]);
  });
});
