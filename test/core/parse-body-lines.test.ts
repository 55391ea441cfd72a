// The body parser reads the common line shapes character by character: each reading must
// agree with the pattern it stands for on every line, ASCII or not. The text after the
// time, id or name is compared trimmed, as the parser uses it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitActionField, splitActionHead, splitTimelineLine } from '../../src/core/parse-body.js';

const TIMELINE_ENTRY = /^[-*+][ \t]+(\S+)(?:[ \t]+(.*))?$/s;
const ACTION_HEAD = /^[-*+][ \t]+\[([ xX])\][ \t]+([^:\s]+):(?:[ \t]+(.*))?$/s;
const ACTION_FIELD = /^[ \t]+[-*+][ \t]+([A-Za-z_]+):(?:[ \t]+(.*))?$/s;

/** Lines built from the pieces the patterns care about, and characters that test `\s`. */
const PIECES = [
  '-',
  '*',
  '+',
  ' ',
  '  ',
  '\t',
  '[',
  ']',
  '[ ]',
  '[x]',
  '[X]',
  ':',
  ': ',
  'x',
  'X',
  'AI-1',
  'owner',
  'due_by',
  '2026-01-02T03:04:00Z',
  '[internal]',
  'é',
  '日',
  '😀',
  '\u00a0',
  '\u2028',
  '\u3000',
  '\ufeff',
  '\v',
  '\f',
  '\r',
  '\u0001',
  '\u007f',
  '\u0085',
  '\u180e',
  'text',
];
const line = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...PIECES), weight: 4 },
      { arbitrary: fc.string({ maxLength: 3 }), weight: 1 },
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));
/** Most interesting lines start like the shape they are read as. */
const startingWith = (prefixes: string[]) =>
  fc.tuple(fc.constantFrom(...prefixes), line).map(([prefix, rest]) => prefix + rest);

/** The groups of a match, the last one trimmed (or the parts a reading gives). */
function trimLast(parts: readonly (string | undefined)[] | undefined): string[] | undefined {
  return parts?.map((part, i) => (i === parts.length - 1 ? (part ?? '').trim() : (part ?? '')));
}

const CASES: {
  shape: string;
  read: (text: string) => string[] | undefined;
  pattern: RegExp;
  prefixes: string[];
}[] = [
  {
    shape: 'a timeline entry: the time and the rest',
    read: splitTimelineLine,
    pattern: TIMELINE_ENTRY,
    prefixes: ['- ', '* ', '+\t', '-  '],
  },
  {
    shape: "an action item's first line: the box, id and title",
    read: splitActionHead,
    pattern: ACTION_HEAD,
    prefixes: ['- [ ] ', '- [x] AI-', '*\t[X]  ', '- [ ]'],
  },
  {
    shape: "an action item's field line: the name and value",
    read: splitActionField,
    pattern: ACTION_FIELD,
    prefixes: ['  - ', '  - owner', ' \t* due:', '  -'],
  },
];

describe('hand-read body lines agree with their patterns', () => {
  for (const { shape, read, pattern, prefixes } of CASES) {
    it(shape, () => {
      fc.assert(
        fc.property(fc.oneof(line, startingWith(prefixes)), (text) => {
          const m = pattern.exec(text);
          expect(trimLast(read(text))).toEqual(m ? trimLast(m.slice(1)) : undefined);
        }),
        { numRuns: 20_000 },
      );
    });
  }

  it('reads the shapes of the format', () => {
    expect(splitTimelineLine('- 2026-01-02T03:04:00Z [internal] Paged ops')).toEqual([
      '2026-01-02T03:04:00Z',
      ' [internal] Paged ops',
    ]);
    expect(splitTimelineLine('- 2026-01-02T03:04:00Z')).toEqual(['2026-01-02T03:04:00Z', '']);
    expect(splitTimelineLine('- 2026\u00a0x')).toBeUndefined();
    expect(splitActionHead('- [x] AI-3: Feature flag')).toEqual(['x', 'AI-3', ' Feature flag']);
    expect(splitActionHead('- [ ] AI-3:')).toEqual([' ', 'AI-3', '']);
    expect(splitActionHead('- [ ] AI 3: x')).toBeUndefined();
    expect(splitActionField('  - owner: ops')).toEqual(['owner', ' ops']);
    expect(splitActionField('  - owner:ops')).toBeUndefined();
  });
});
