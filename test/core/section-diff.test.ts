import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Postmortem } from '../../src/core/model.js';
import { parsePostmortemText } from '../../src/core/parse.js';
import {
  diffActions,
  diffPostmortems,
  diffTimeline,
  diffWords,
  type WordOp,
} from '../../src/core/section-diff.js';

const example = (): Postmortem =>
  parsePostmortemText(
    readFileSync(
      new URL('../../examples/2026-03-14-app-server-outage.md', import.meta.url),
      'utf8',
    ),
    'x.md',
  );

const rebuild = (ops: WordOp[], side: 'before' | 'after'): string =>
  ops
    .filter((o) => o.op === 'equal' || o.op === (side === 'before' ? 'delete' : 'insert'))
    .map((o) => o.text)
    .join('');

describe('diffWords', () => {
  it('marks the changed words only', () => {
    expect(
      diffWords('the server was restarted at 4:58', 'the server was restarted by hand at 4:58'),
    ).toEqual([
      { op: 'equal', text: 'the server was restarted ' },
      { op: 'insert', text: 'by hand ' },
      { op: 'equal', text: 'at 4:58' },
    ]);
    expect(diffWords('one two three', 'one 2 three')).toEqual([
      { op: 'equal', text: 'one ' },
      { op: 'delete', text: 'two' },
      { op: 'insert', text: '2' },
      { op: 'equal', text: ' three' },
    ]);
  });

  it('rebuilds both texts from its runs, and finds nothing in equal texts', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'c d', 'é') }),
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'x') }),
        (a, b) => {
          const ops = diffWords(a, b);
          expect(rebuild(ops, 'before')).toBe(a);
          expect(rebuild(ops, 'after')).toBe(b);
          expect(diffWords(a, a).every((o) => o.op === 'equal')).toBe(true);
        },
      ),
    );
  });

  it('stays fast on long prose rewritten whole', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' ');
    const b = Array.from({ length: 5000 }, (_, i) => `v${i}`).join(' ');
    const ops = diffWords(a, b);
    expect(rebuild(ops, 'before')).toBe(a);
    expect(rebuild(ops, 'after')).toBe(b);
  });
});

describe('diffTimeline', () => {
  const e = (at: string, event: string, internal = false) => ({ at, event, internal });
  it('tells added, removed and changed entries apart', () => {
    const before = [e('T1', 'crash'), e('T2', 'paged'), e('T3', 'restarted'), e('T4', 'gone')];
    const after = [
      e('T1', 'crash'),
      e('T2', 'paged the on-call engineer'),
      e('T3b', 'restarted'),
      e('T5', 'all clear', true),
    ];
    expect(diffTimeline(before, after)).toEqual({
      added: [e('T5', 'all clear', true)],
      removed: [e('T4', 'gone')],
      changed: [
        {
          before: e('T2', 'paged'),
          after: e('T2', 'paged the on-call engineer'),
          fields: ['event'],
        },
        { before: e('T3', 'restarted'), after: e('T3b', 'restarted'), fields: ['at'] },
      ],
    });
  });

  it('sees a duplicated entry as one added', () => {
    expect(diffTimeline([e('T1', 'x')], [e('T1', 'x'), e('T1', 'x')])).toEqual({
      added: [e('T1', 'x')],
      removed: [],
      changed: [],
    });
  });
});

describe('diffActions', () => {
  it('matches items by id and lists the fields that changed', () => {
    const doc = example();
    const after = doc.action_items
      .map((a) => (a.id === 'AI-2' ? { ...a, status: 'done' as const, owner: 'sre' } : a))
      .filter((a) => a.id !== 'AI-4');
    after.push({ id: 'AI-5', title: 'New', status: 'open', internal: false });
    const diff = diffActions(doc.action_items, after);
    expect(diff.added.map((a) => a.id)).toEqual(['AI-5']);
    expect(diff.removed.map((a) => a.id)).toEqual(['AI-4']);
    expect(diff.changed).toEqual([
      {
        id: 'AI-2',
        title: 'Restart the application process automatically when it exits',
        fields: [
          { field: 'status', before: 'in_progress', after: 'done' },
          { field: 'owner', before: 'platform', after: 'sre' },
        ],
      },
    ]);
  });
});

describe('diffPostmortems', () => {
  it('finds nothing between a document and itself', () => {
    expect(diffPostmortems(example(), example())).toEqual([]);
  });

  it('reports each changed section once, in file order, front matter first', () => {
    const before = example();
    const after: Postmortem = {
      ...before,
      status: 'draft',
      services: ['app'],
      summary: `${before.summary ?? ''} More.`,
      root_cause: {
        ...before.root_cause,
        contributing_factors: [...before.root_cause.contributing_factors, 'No runbook.'],
      },
      lessons: { ...before.lessons, lucky: [] },
    };
    const changes = diffPostmortems(before, after);
    expect(changes.map((c) => c.section)).toEqual([
      'Front matter',
      'Summary',
      'Root cause / Contributing factors',
      'Lessons / Where we got lucky',
    ]);
    expect(changes[0]).toEqual({
      section: 'Front matter',
      kind: 'fields',
      fields: [
        { field: 'status', before: 'published', after: 'draft' },
        { field: 'services', before: ['app', 'api'], after: ['app'] },
      ],
    });
    expect(changes[2]).toEqual({
      section: 'Root cause / Contributing factors',
      kind: 'list',
      added: ['No runbook.'],
      removed: [],
    });
    expect(changes[3]).toMatchObject({
      kind: 'list',
      added: [],
      removed: ['The crash happened on a Saturday, when fewer customers were working.'],
    });
  });

  it('shows a whole document as added when there was none before', () => {
    const changes = diffPostmortems(undefined, example());
    expect(changes[0]).toMatchObject({ section: 'Front matter', kind: 'fields' });
    const timeline = changes.find((c) => c.section === 'Timeline');
    expect(timeline).toMatchObject({ kind: 'timeline', removed: [], changed: [] });
    expect(timeline?.kind === 'timeline' && timeline.added.length).toBe(9);
  });
});
