// The redact-term scan must find exactly what the term's regex finds (termPattern is the
// definition): the same first match, or none, for any text and term.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { termPattern } from '../../src/render/leak-check.js';
import { foldForScan } from '../../src/render/markers.js';
import { findTerm, termChars } from '../../src/render/term-match.js';

const TEXT_PARTS = [
  ...['a', 'b', 'c', 'ab', 'abc', '1', '.', '-', '@', 'x'],
  ...[' ', '\n', '\t', '*', '_', '~', '`', '\\', '[', ']', '>', '|', '#', '<', '(', ')'],
  ...['](', '](x)', '](a b)', '](a(b))', '<b>', '</b>', '<a href="x">', '<\n>', '<<b>'],
  ...['\u00a0', '\u2028', '\u3000', '\u200b', '𝒳', '\ud835', 'é', 'A'],
  `<${'a'.repeat(199)}>`,
  `<${'a'.repeat(200)}>`,
  `<${'a'.repeat(201)}>`,
  `<${'𝒳'.repeat(150)}>`,
  `<${'𝒳'.repeat(201)}>`,
  `](${'a'.repeat(300)})`,
  `](${'a'.repeat(301)})`,
  `](${'𝒳'.repeat(200)})`,
];
const TERM_CHARS = ['a', 'b', 'c', '1', '.', '-', '(', ')', '<', ' ', '*', '𝒳', 'é', 'x'];

const text = fc
  .array(fc.constantFrom(...TEXT_PARTS), { maxLength: 40 })
  .map((parts) => parts.join(''));
const term = fc
  .array(fc.constantFrom(...TERM_CHARS), { minLength: 1, maxLength: 5 })
  .map((chars) => chars.join(''));

function regexIndex(t: string, s: string): number {
  const pattern = termPattern(t);
  if (!pattern) return -1;
  pattern.lastIndex = 0;
  return pattern.exec(s)?.index ?? -1;
}

describe('findTerm', () => {
  it('finds the first match the regex finds, or none, in any text', () => {
    fc.assert(
      fc.property(text, term, (s, t) => {
        expect(findTerm(s, termChars(foldForScan(t)))).toBe(regexIndex(t, s));
      }),
      { numRuns: Number(process.env.TERM_RUNS ?? 3000) },
    );
  });

  it('finds terms planted in text, however they are formatted', () => {
    fc.assert(
      fc.property(text, text, fc.constantFrom('ab', 'a.b', 'ab(c', 'a<b'), (a, b, t) => {
        const planted = `${a}${t.split('').join('**')}${b}`;
        expect(findTerm(planted, termChars(t))).not.toBe(-1);
        expect(findTerm(planted, termChars(t))).toBe(regexIndex(t, planted));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads tag and link bounds as the regex does', () => {
    for (const [s, found] of [
      [`a<${'x'.repeat(200)}>b`, true],
      [`a<${'x'.repeat(201)}>b`, false],
      [`a](${'x'.repeat(300)})b`, true],
      [`a](${'x'.repeat(301)})b`, false],
      ['a<x\ny>b', false],
      ['a](x y)b', false],
      ['a](x)b', true],
      ['a] (x)b', false],
    ] as const) {
      expect(findTerm(s, ['a', 'b']) !== -1, s).toBe(found);
      expect(regexIndex('ab', s) !== -1, s).toBe(found);
    }
  });
});
