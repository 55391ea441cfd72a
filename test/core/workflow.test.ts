import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyPostmortem, STATUSES, type Postmortem } from '../../src/core/model.js';
import { parsePostmortemText } from '../../src/core/parse.js';
import {
  allowedMoves,
  apologySeveritiesOf,
  canMove,
  requiredForStatus,
} from '../../src/core/workflow.js';

const example = (): Postmortem =>
  parsePostmortemText(
    readFileSync(
      new URL('../../examples/2026-03-14-app-server-outage.md', import.meta.url),
      'utf8',
    ),
    'example.md',
  );

const bare = (severity = 'SEV1'): Postmortem =>
  emptyPostmortem({
    id: 'x',
    title: 'X',
    severity,
    timezone: 'UTC',
    started_at: '2026-01-01T00:00:00Z',
  });

describe('status moves', () => {
  it('goes forward one step at a time and back to draft from anywhere', () => {
    expect(allowedMoves('draft')).toEqual(['review']);
    expect(allowedMoves('review')).toEqual(['approved', 'draft']);
    expect(allowedMoves('approved')).toEqual(['published', 'draft']);
    expect(allowedMoves('published')).toEqual(['draft']);
  });

  it('refuses skipping a step and staying in place', () => {
    expect(canMove('draft', 'approved')).toBe(false);
    expect(canMove('draft', 'published')).toBe(false);
    expect(canMove('review', 'published')).toBe(false);
    for (const s of STATUSES) expect(canMove(s, s)).toBe(false);
  });
});

describe('requiredForStatus', () => {
  it('requires nothing of a draft', () => {
    expect(requiredForStatus(bare(), 'draft')).toEqual([]);
  });

  it('asks review for every section but lessons and the apology, in file order', () => {
    expect(requiredForStatus(bare(), 'review')).toEqual([
      'Summary',
      'Impact',
      'Timeline',
      'Root cause',
      'Detection',
      'Resolution',
      'Action items',
    ]);
  });

  it('asks approval for lessons and, for SEV1 and SEV2, the apology', () => {
    const doc = example();
    expect(requiredForStatus(doc, 'approved')).toEqual([]);
    expect(
      requiredForStatus(
        { ...doc, apology: ' \n', lessons: { went_well: [], went_wrong: [], lucky: [] } },
        'published',
      ),
    ).toEqual(['Apology', 'Lessons']);
    expect(requiredForStatus({ ...doc, severity: 'SEV3', apology: undefined }, 'approved')).toEqual(
      [],
    );
    expect(requiredForStatus({ ...doc, severity: 'SEV2', apology: undefined }, 'approved')).toEqual(
      ['Apology'],
    );
    expect(requiredForStatus({ ...doc, severity: 'SEV2', apology: undefined }, 'review')).toEqual(
      [],
    );
  });

  it('owes the apology for the two most severe levels a repo configures', () => {
    const doc = { ...example(), apology: undefined };
    const levels = apologySeveritiesOf(['critical', 'major', 'minor']);
    expect(levels).toEqual(['critical', 'major']);
    expect(requiredForStatus({ ...doc, severity: 'major' }, 'approved', levels)).toEqual([
      'Apology',
    ]);
    expect(requiredForStatus({ ...doc, severity: 'minor' }, 'approved', levels)).toEqual([]);
    expect(apologySeveritiesOf([])).toEqual(['SEV1', 'SEV2']);
  });

  it('counts whitespace-only prose as missing', () => {
    expect(requiredForStatus({ ...example(), summary: '   ' }, 'review')).toEqual(['Summary']);
  });
});
