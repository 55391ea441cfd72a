import { describe, expect, it } from 'vitest';
import {
  escapeData,
  escapeProperty,
  formatGithub,
  formatText,
  summaryLine,
  toJson,
} from '../../src/core/lint/report.js';
import type { Finding } from '../../src/core/lint/index.js';

const error: Finding = {
  file: 'postmortems/a.md',
  line: 12,
  rule: 'chronology',
  severity: 'error',
  message: 'detected_at is before started_at',
  hint: 'fix the time',
};
const warn: Finding = {
  file: 'postmortems/b,c:d.md',
  line: 3,
  rule: 'blameless-language',
  severity: 'warn',
  message: '"human error" 100% blames: people\r\nreally',
  hint: 'say what was missing',
};

/** The workflow command grammar: `::name key=value,key=value::message`, nothing unescaped inside. */
const ANNOTATION =
  /^::(error|warning) file=([^,:\r\n]*),line=(\d+),title=([^,:\r\n]*)::([^\r\n]*)$/;

function unescape(text: string): string {
  return text
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

describe('lint report formats', () => {
  it('escapes data and properties as the workflow command syntax requires', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
    // % first, so an escape is never escaped twice.
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('writes one annotation per finding that parses back to the finding', () => {
    const lines = formatGithub([error, warn], 2).split('\n');
    expect(lines).toHaveLength(3);
    const parsed = lines.slice(0, 2).map((line) => ANNOTATION.exec(line));
    expect(parsed.every((m) => m !== null)).toBe(true);
    const [first, second] = parsed as [RegExpExecArray, RegExpExecArray];
    expect(first.slice(1, 5)).toEqual(['error', 'postmortems/a.md', '12', 'postmortem chronology']);
    expect(unescape(first[5] ?? '')).toBe('detected_at is before started_at\nhint: fix the time');
    expect(second[1]).toBe('warning');
    expect(unescape(second[2] ?? '')).toBe('postmortems/b,c:d.md');
    expect(unescape(second[5] ?? '')).toBe(
      '"human error" 100% blames: people\r\nreally\nhint: say what was missing',
    );
    expect(lines[2]).toBe('2 problems (1 error, 1 warning) in 2 of 2 post-mortems');
  });

  it('groups the text format by file, ESLint style, with every hint and a summary', () => {
    const text = formatText(
      [error, { ...error, line: 7, rule: 'apology', message: 'no apology' }, warn],
      3,
    );
    expect(text.split('\n')).toEqual([
      'postmortems/a.md',
      '  12  error  detected_at is before started_at  chronology',
      '             hint: fix the time',
      '   7  error  no apology  apology',
      '             hint: fix the time',
      '',
      'postmortems/b,c:d.md',
      '  3  warn   "human error" 100% blames: people really  blameless-language',
      '            hint: say what was missing',
      '',
      '✖ 3 problems (2 errors, 1 warning) in 2 of 3 post-mortems',
    ]);
  });

  it('says so when there is nothing to report', () => {
    expect(formatText([], 4)).toBe('✔ 4 post-mortems checked: no problems');
    expect(summaryLine({ files: 1, filesWithFindings: 0, errors: 0, warnings: 0 })).toBe(
      '1 post-mortem checked: no problems',
    );
  });

  it('gives JSON consumers every field and the counts', () => {
    expect(toJson([error, warn], 5)).toEqual({
      findings: [error, warn],
      summary: { files: 5, filesWithFindings: 2, errors: 1, warnings: 1 },
    });
  });
});
