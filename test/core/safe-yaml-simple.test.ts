// The direct reading of simple front matter must give exactly what the YAML library gives:
// values, null-prototype objects, line numbers (and their order) and problems.
import { describe, expect, it } from 'vitest';
import { parseSafeYaml, parseWithLibrary, type SafeYamlResult } from '../../src/core/safe-yaml.js';

const OPTIONS = { lineOffset: 1, numericPaths: new Set(['customers_affected']) };

function shape(r: SafeYamlResult): unknown {
  const value = r.value;
  return {
    value,
    proto:
      value !== null && typeof value === 'object'
        ? (Object.getPrototypeOf(value) as unknown)
        : 'none',
    lines: [...r.lines],
    problems: r.problems,
  };
}

const BASE = [
  'id: 2016-01-03-billing-run-delayed',
  'title: Billing run delayed for about 4 hours in api',
  'status: published',
  'authors:',
  '  - Riley Chen <riley@example.com>',
  'timezone: America/Phoenix',
  'started_at: 2016-01-03T19:41:00-07:00',
  'customers_affected: 1650',
  'data_loss: false',
  'redact:',
  '  - queue-prod-4',
  '  - "10.0.154.192"',
];

const VALUES = [
  '',
  ' ',
  '~',
  'null',
  'NO',
  'yes',
  '0123',
  '12:30',
  '1e3',
  '-1',
  '-',
  '- a',
  '? x',
  ': x',
  'a: b',
  'a:b',
  'a :b',
  'a  b',
  'a ',
  'x:',
  '"q"',
  '""',
  "''",
  "'it''s'",
  '"a\'b"',
  "'a\"b'",
  '"',
  "'",
  'a "b" c',
  "it's",
  '!!str x',
  '&a x',
  '*a',
  '|',
  '>',
  '%x',
  '@x',
  '`x`',
  'a,b',
  '(x)',
  'é',
  'x # y',
  'x#y',
  '0',
  '00',
  '42',
  '9007199254740993',
  '.5',
  'a\u00a0b',
  '<<',
  '[x]',
  '[]',
  '[ ]',
  '[] x',
  '[]]',
  'a[]',
  '"[]"',
  '{a: 1}',
  'a\tb',
];

const STRUCTURES = [
  'a:\n- x\n- y',
  'a:\n    - x',
  'a:\n  -x',
  'a:\n  - x\n    - y',
  'a:\n  - x\n  b: 1',
  'a:',
  'a:\nb: 1',
  'a: 1\na: 2',
  'a: 1\n\nb: 2',
  'a: 1\n',
  '\na: 1',
  ' a: 1',
  'a: 1 # c',
  'a:\n  - x\n\n  - y',
  'a: x\n  y',
  'a: x\n  - y',
  'a:\n  - x\n  - ',
  'a:\n  - \n  - y',
  'a: "x" y',
  "a: 'x' y",
  'a:\tb',
  'a: b\r',
  '- a',
  'a',
  '...',
  'a: |\n  x',
  'a: >\n  x',
  '1: 2',
  '__proto__: x',
  'a:  b',
  'a: x  ',
  'a:\n\n  - x',
  'a: []',
  'a: []\nb: []',
  'a: []\n  - x',
  'a: []\n  b',
  'a:\n  - []',
  'a: [] ',
];

describe('simple front matter read directly', () => {
  it('matches the library on every value in every position', () => {
    for (let i = 0; i < BASE.length; i++) {
      for (const v of VALUES) {
        const lines = [...BASE];
        lines[i] = (lines[i] as string)
          .replace(/: .*$/, `: ${v}`)
          .replace(/^ {2}- .*$/, `  - ${v}`);
        const text = lines.join('\n');
        expect(shape(parseSafeYaml(text, OPTIONS)), text).toEqual(
          shape(parseWithLibrary(text, OPTIONS)),
        );
      }
    }
  });

  it('matches the library on unusual structure', () => {
    for (const s of STRUCTURES) {
      for (const text of [s, `id: q\n${s}`, `${s}\nz: 9`]) {
        expect(shape(parseSafeYaml(text, OPTIONS)), text).toEqual(
          shape(parseWithLibrary(text, OPTIONS)),
        );
      }
    }
  });
});
