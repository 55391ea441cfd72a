import { describe, expect, it } from 'vitest';
import { EXAMPLE_NAMES, OUTAGE, edit, example, lineOf, lintRule } from './helpers.js';

const required = (text: string) => lintRule(text, 'required-sections');

const withoutSection = (text: string, heading: string): string => {
  const out = text.replace(new RegExp(`## ${heading}\\n[\\s\\S]*?\\n(## )`), '$1');
  if (out === text) throw new Error(`no section ${heading}`);
  return out;
};

describe('required-sections', () => {
  it.each(EXAMPLE_NAMES)('passes on the example %s', (name) => {
    expect(required(example(name))).toEqual([]);
  });

  it('asks a document in review for its Detection section, pinned to the status line', () => {
    const text = edit(
      withoutSection(example(OUTAGE), 'Detection'),
      'status: published',
      'status: review',
    );
    expect(required(text)).toEqual([
      {
        file: 'postmortems/x.md',
        line: lineOf(text, 'status: review'),
        rule: 'required-sections',
        severity: 'error',
        message: 'status review requires the Detection section, and it is missing',
        hint: 'write the "## Detection" section (`postmortem edit 2026-03-14-app-server-outage`), or move the status back to draft',
      },
    ]);
  });

  it('points at an empty section heading', () => {
    const text = edit(
      example(OUTAGE),
      /## Resolution\n\n[^#]*\n(?=## Apology)/,
      '## Resolution\n\n',
    );
    expect(required(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, '## Resolution'),
        message: 'status published requires the Resolution section, and it is empty',
      }),
    ]);
  });

  it('does not ask a review for lessons, but asks an approved document', () => {
    const noLessons = withoutSection(example(OUTAGE), 'Lessons');
    expect(required(edit(noLessons, 'status: published', 'status: review'))).toEqual([]);
    expect(
      required(edit(noLessons, 'status: published', 'status: approved')).map((f) => f.message),
    ).toEqual(['status approved requires the Lessons section, and it is missing']);
  });

  it('asks an approved SEV1 for its apology, but not a SEV3', () => {
    const noApology = edit(
      withoutSection(example(OUTAGE), 'Apology'),
      'status: published',
      'status: approved',
    );
    expect(required(noApology).map((f) => f.message)).toEqual([
      'status approved requires the Apology section, and it is missing',
    ]);
    expect(required(edit(noApology, 'severity: SEV1', 'severity: SEV3'))).toEqual([]);
  });

  it('asks nothing of a draft', () => {
    let text = example(OUTAGE);
    for (const heading of ['Summary', 'Impact', 'Timeline', 'Detection', 'Apology'])
      text = withoutSection(text, heading);
    expect(required(edit(text, 'status: published', 'status: draft'))).toEqual([]);
    expect(required(text)).toHaveLength(5);
  });
});
