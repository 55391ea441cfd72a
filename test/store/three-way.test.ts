import { describe, expect, it } from 'vitest';
import type { Postmortem } from '../../src/core/model.js';
import { mergePostmortems } from '../../src/store/three-way.js';
import { exampleDoc } from './fixture.js';

const entry = (at: string, event: string) => ({ at, event, internal: false });

describe('mergePostmortems', () => {
  it('keeps timeline entries both sides added, in time order', () => {
    const base = exampleDoc();
    const ours: Postmortem = {
      ...base,
      timeline: [...base.timeline, entry('2026-03-14T12:00:00+11:00', 'ours')],
    };
    const theirs: Postmortem = {
      ...base,
      timeline: [...base.timeline, entry('2026-03-14T11:00:00+11:00', 'theirs')],
    };
    const merged = mergePostmortems(base, ours, theirs);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.doc.timeline.slice(-2).map((e) => e.event)).toEqual(['theirs', 'ours']);
    expect(merged.doc.timeline).toHaveLength(base.timeline.length + 2);
  });

  it('takes each side’s change of different fields, and a removal from either', () => {
    const base = exampleDoc();
    const ours: Postmortem = {
      ...base,
      title: 'New title',
      lessons: { ...base.lessons, lucky: [] },
    };
    const theirs: Postmortem = {
      ...base,
      summary: 'Rewritten summary.',
      impact: { ...base.impact, data_loss: true },
      action_items: base.action_items.map((a) => (a.id === 'AI-1' ? { ...a, owner: 'sre' } : a)),
    };
    const merged = mergePostmortems(base, ours, theirs);
    expect(merged).toMatchObject({
      ok: true,
      doc: {
        title: 'New title',
        summary: 'Rewritten summary.',
        impact: { data_loss: true },
        lessons: { lucky: [] },
      },
    });
    if (merged.ok) expect(merged.doc.action_items.find((a) => a.id === 'AI-1')?.owner).toBe('sre');
  });

  it('reports the same fact changed two ways as a conflict', () => {
    const base = exampleDoc();
    expect(mergePostmortems(base, { ...base, title: 'A' }, { ...base, title: 'B' })).toEqual({
      ok: false,
      conflicts: ['title'],
    });
    const ours = {
      ...base,
      action_items: base.action_items.map((a) => (a.id === 'AI-2' ? { ...a, owner: 'x' } : a)),
    };
    const theirs = { ...base, action_items: base.action_items.filter((a) => a.id !== 'AI-2') };
    expect(mergePostmortems(base, ours, theirs)).toEqual({
      ok: false,
      conflicts: ['action item AI-2'],
    });
  });

  it('changes nothing when one side made no change', () => {
    const base = exampleDoc();
    const theirs: Postmortem = { ...base, timeline: [...base.timeline].reverse() };
    expect(mergePostmortems(base, base, theirs)).toEqual({ ok: true, doc: theirs });
  });
});
