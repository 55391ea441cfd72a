import { describe, expect, it } from 'vitest';
import { peopleNames } from '../../src/core/lint/rules/blameless-language.js';
import { EXAMPLE_NAMES, OUTAGE, edit, example, lineOf, lintRule } from './helpers.js';

const blameless = (text: string, config = {}) => lintRule(text, 'blameless-language', { config });

const NOTES = 'The angry customer email that morning was answered personally by the founder, who';

/** The outage example with its internal notes replaced by `prose`. */
function withNotes(prose: string): string {
  return example(OUTAGE).replace(
    /## Internal notes\n\n[\s\S]*$/,
    `## Internal notes\n\n${prose}\n`,
  );
}

describe('blameless-language', () => {
  it.each(EXAMPLE_NAMES)('passes on the example %s', (name) => {
    expect(blameless(example(name))).toEqual([]);
  });

  it('flags "human error" at its line, as a warning with the suggestion', () => {
    const text = edit(
      example(OUTAGE),
      '- Only one engineer had the access',
      '- Human error: only one engineer had the access',
    );
    expect(blameless(text)).toEqual([
      {
        file: 'postmortems/x.md',
        line: lineOf(text, 'Human error'),
        rule: 'blameless-language',
        severity: 'warn',
        message: '"Human error" in a contributing factor puts the blame on people',
        hint: expect.stringContaining('missing safeguard') as unknown,
      },
    ]);
  });

  it('finds a phrase broken across lines and points at the line where it starts', () => {
    const text = edit(
      example(OUTAGE),
      NOTES,
      'The outage came down to a careless restart and human\nerror on the night. The founder, who',
    );
    const findings = blameless(text);
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [lineOf(text, 'careless restart'), '"careless" in Internal notes puts the blame on people'],
      [
        lineOf(text, 'careless restart'),
        '"human error" in Internal notes puts the blame on people',
      ],
    ]);
  });

  it('flags a name from the authors or reviewers given as a cause', () => {
    const text = withNotes(
      'The outage lasted three hours because Sam Rivera did not answer the first pages.\nPriya failed to notice the alert.',
    );
    expect(
      blameless(text).map((f) => [f.line - lineOf(text, 'The outage lasted'), f.message]),
    ).toEqual([
      [0, '"Sam Rivera did not" in Internal notes names Sam Rivera as a cause'],
      [1, '"Priya failed to" in Internal notes names Priya as a cause'],
    ]);
  });

  it('does not flag a name doing the work', () => {
    expect(
      blameless(
        withNotes('Sam Rivera restarted the server and Priya Natarajan reviewed the timeline.'),
      ),
    ).toEqual([]);
  });

  it('flags "X forgot" for any name, and "failed to" after a name mid-sentence', () => {
    const text = withNotes(
      'Dave forgot to renew the certificate.\nThe deploy went out because Marta failed to run the checks.',
    );
    expect(blameless(text).map((f) => f.message)).toEqual([
      '"Dave forgot" in Internal notes names Dave as a cause',
      '"Marta failed to" in Internal notes names Marta as a cause',
    ]);
  });

  it.each([
    'Monitoring failed to alert because the check ran on the same host.',
    'The pager failed to escalate when the first page went unanswered.',
    'We forgot to test the rollback path, and we are adding it to the checklist.',
    'Nothing restarted the process, so a crash stayed a crash.',
    'I royally screwed up the embed script testing for our very first customer.',
    'Our deploy pipeline had no dry run; one statement could change every row.',
  ])('leaves blameless wording alone: %s', (prose) => {
    expect(blameless(withNotes(prose))).toEqual([]);
  });

  it.each([
    ['The root cause was human error during the maintenance window.', 'human error'],
    ['An operator error took the database down.', 'operator error'],
    ['The engineer was careless with the production credentials.', 'careless'],
    [
      'The on-call engineer should have known that the script targets production.',
      'should have known',
    ],
    ['It was the fault of the night shift.', 'the fault of'],
    ['Ops is to blame for the missing alert.', 'to blame'],
    ['Sloppy work on the migration left tokens in plain text.', 'Sloppy'],
    ['The reviewer was negligent.', 'negligent'],
  ])('flags realistic blame: %s', (prose, match) => {
    const findings = blameless(withNotes(prose));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain(`"${match}"`);
    expect(findings[0]?.hint.length).toBeGreaterThan(10);
  });

  it('adds configured phrases with their suggestions, and switches a built-in off', () => {
    const text = withNotes('The rookie mistake was careless.');
    expect(
      blameless(text, { blameless_phrases: ['rookie mistake'] }).map((f) => f.message),
    ).toEqual([
      '"rookie mistake" in Internal notes puts the blame on people',
      '"careless" in Internal notes puts the blame on people',
    ]);
    const custom = blameless(text, {
      blameless_phrases: [],
      blameless_suggestions: {
        'rookie mistake': 'say what the newcomer was missing',
        careless: 'off',
      },
    });
    expect(custom.map((f) => [f.message, f.hint])).toEqual([
      [
        '"rookie mistake" in Internal notes puts the blame on people',
        'say what the newcomer was missing',
      ],
    ]);
  });

  it('reads people, not roles, from authors and reviewers', () => {
    expect(
      peopleNames({
        authors: [
          'Sam Rivera <sam@example.com>',
          'Database on-call <dba@example.com>',
          'Security on-call <s@example.com>',
        ],
        reviewers: ['Priya Natarajan <p@example.com>'],
      }),
    ).toEqual(['Priya Natarajan', 'Sam Rivera', 'Priya', 'Sam']);
  });
});

describe('blameless-language, one pass over the phrases a text may hold', () => {
  it('finds the same phrases whichever others the notes hold, each field on its own', () => {
    const config = { blameless_phrases: ['error by', 'sloppy work'] };
    const alone = [
      'It was human error.',
      'A careless and sloppy work of an error by the deploy script.',
      'Nothing to see here.',
      'The fault of the pager and the lazy retry loop.',
    ];
    const one = (prose: string) =>
      blameless(withNotes(prose), config).map((f) => f.message.replace(/ in .*? puts/, ' puts'));
    const together = one(alone.join('\n\n'));
    expect(together).toEqual(alone.flatMap((p) => one(p)));
    expect(together).toEqual([
      '"human error" puts the blame on people',
      '"careless" puts the blame on people',
      // The built-in "sloppy" comes before the configured "sloppy work", as it always has.
      '"sloppy" puts the blame on people',
      '"error by" puts the blame on people',
      '"The fault of" puts the blame on people',
      '"lazy" puts the blame on people',
    ]);
  });
});
