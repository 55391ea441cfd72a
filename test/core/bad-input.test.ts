// Every bad input of RELIABILITY.md (items 1-8) and issue 2 that reaches the parser:
// each is refused with the exact message (file:line: what and how to fix it), and none
// runs code.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { emptyPostmortem } from '../../src/core/model.js';
import { parsePostmortem } from '../../src/core/parse.js';
import { DocumentError } from '../../src/core/problems.js';
import { serializePostmortem } from '../../src/core/serialize.js';
import { MAX_DOCUMENT_BYTES } from '../../src/core/text.js';

const FILE = 'postmortems/x.md';
const HEAD = [
  'id: 2026-01-02-x',
  'title: Checkout down',
  'severity: SEV1',
  'timezone: UTC',
  'started_at: 2026-01-02T03:04:00Z',
];
const BODY = '\n## Summary\n\nCheckout failed.\n';

/** A valid document with extra front matter lines (from line 7) and an optional body. */
function doc(extra: string[] = [], body = BODY): string {
  return ['---', ...HEAD, ...extra, '---', body].join('\n');
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The full error text (every problem, one a line) of parsing `input`. */
function errorOf(input: string | Uint8Array): string {
  try {
    parsePostmortem(typeof input === 'string' ? bytes(input) : input, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentError);
    return (error as Error).message;
  }
  throw new Error('expected the document to be refused');
}

const parsed = (text: string) => parsePostmortem(bytes(text), FILE).doc;

const CODE_MARK = join(tmpdir(), `postmortem-pwned-${process.pid}`);
const CODE = `globalThis.__pwned = true; require('fs').writeFileSync(${JSON.stringify(CODE_MARK)}, 'x'); module.exports = {}`;
const REFUSED_OPENER = (opener: string): string =>
  `${FILE}:1: front matter must open with a line of exactly "---", found "${opener}": only plain YAML front matter is read, never code`;

describe('front matter that would run code is refused, never run', () => {
  for (const opener of ['---js', '---javascript', '---JS', '--- js ']) {
    it(`refuses ${JSON.stringify(opener)}`, () => {
      expect(errorOf(`${opener}\n${CODE}\n---\n${BODY}`)).toBe(REFUSED_OPENER(opener));
      expect((globalThis as { __pwned?: boolean }).__pwned).toBeUndefined();
      expect(existsSync(CODE_MARK)).toBe(false);
    });
  }

  it('writes a body that starts like ---js as prose, and reading it back runs nothing', () => {
    const d = emptyPostmortem({
      id: 'a',
      title: 'T',
      severity: 'SEV1',
      timezone: 'UTC',
      started_at: '2026-01-02T03:04:00Z',
    });
    d.summary = `---js\n${CODE}\n---`;
    const text = serializePostmortem(d);
    expect(text.startsWith('---\n')).toBe(true);
    expect(parsed(text)).toStrictEqual(d);
    expect((globalThis as { __pwned?: boolean }).__pwned).toBeUndefined();
    expect(existsSync(CODE_MARK)).toBe(false);
  });

  for (const opener of ['---yaml', '---toml', '---__proto__']) {
    it(`refuses the ${opener} opener`, () => {
      expect(errorOf(`${opener}\ntitle: x\n---\n${BODY}`)).toBe(REFUSED_OPENER(opener));
    });
  }

  it('refuses an opener with trailing spaces, saying so', () => {
    expect(errorOf(`--- \n${HEAD.join('\n')}\n---\n${BODY}`)).toBe(
      `${FILE}:1: the opening line must be exactly "---": remove the spaces after it`,
    );
  });
});

describe('front matter that is not a block of fields', () => {
  const notFields = (found: string): string =>
    `${FILE}:2: the front matter must be YAML fields, one "key: value" a line (like "title: API outage"), found ${found}`;

  it('refuses a list', () =>
    expect(errorOf(`---\n- a\n- b\n---\n${BODY}`)).toBe(notFields('a list')));
  it('refuses a scalar', () =>
    expect(errorOf(`---\njust text\n---\n${BODY}`)).toBe(notFields('a single value')));
  it('refuses null and an empty block', () => {
    expect(errorOf(`---\n~\n---\n${BODY}`)).toBe(notFields('a single value'));
    expect(errorOf(`---\n---\n${BODY}`)).toBe(notFields('nothing'));
  });

  it('refuses a missing closing ---', () => {
    expect(errorOf(`---\n${HEAD.join('\n')}\n${BODY}`)).toBe(
      `${FILE}:1: the front matter opened on line 1 is never closed: add a line "---" after the last field`,
    );
  });

  it('refuses a leading space before ---', () => {
    expect(errorOf(` ---\n${HEAD.join('\n')}\n---\n${BODY}`)).toBe(
      `${FILE}:1: the opening "---" must start at the beginning of the line: remove the leading space`,
    );
  });

  it('refuses a file without front matter', () => {
    expect(errorOf(BODY)).toBe(
      `${FILE}:1: no front matter: a post-mortem starts with a line "---", then its YAML fields, then "---"`,
    );
  });
});

describe('encodings and line endings', () => {
  it('refuses UTF-16 with a BOM, either byte order', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc(), 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(errorOf(le)).toBe(`${FILE}: file is UTF-16: save it as UTF-8`);
    expect(errorOf(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(
      `${FILE}: file is UTF-16: save it as UTF-8`,
    );
  });

  it('refuses CR-only line endings', () => {
    expect(errorOf(doc().replace(/\n/g, '\r'))).toBe(
      `${FILE}: file uses CR-only line endings: save it with LF (or CRLF) line endings`,
    );
  });

  it('refuses a stray CR inside a line, naming the line', () => {
    expect(errorOf(doc().replace('Checkout failed.', 'Checkout\rfailed.'))).toBe(
      `${FILE}:11: stray carriage return (CR) in the middle of a line: remove it`,
    );
  });

  it('accepts a UTF-8 BOM and CRLF endings, and keeps CRLF', () => {
    const text = doc().replace(/\n/g, '\r\n');
    const result = parsePostmortem(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      FILE,
    );
    expect(result.doc.title).toBe('Checkout down');
    expect(result.doc.summary).toBe('Checkout failed.');
    expect(result.eol).toBe('\r\n');
  });

  it('refuses NUL bytes, naming the line', () => {
    expect(errorOf(doc().replace('Checkout failed.', 'Checkout\0failed.'))).toBe(
      `${FILE}:11: file contains a NUL byte: it looks binary, not a post-mortem`,
    );
  });

  it('refuses Latin-1 bytes, naming the line', () => {
    expect(errorOf(Buffer.from(doc().replace('Checkout down', 'Müller'), 'latin1'))).toBe(
      `${FILE}:3: file is not valid UTF-8 (perhaps Latin-1 or Windows-1252): save it as UTF-8`,
    );
  });

  it('answers a 50 MB file fast, without decoding it', () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    const start = performance.now();
    expect(errorOf(big)).toBe(
      `${FILE}: file is 50.0 MB: a post-mortem may be at most 2 MB; move attachments elsewhere and link to them`,
    );
    expect(performance.now() - start).toBeLessThan(100);
    expect(MAX_DOCUMENT_BYTES).toBe(2 * 1024 * 1024);
  });
});

describe('no silent coercion', () => {
  it('keeps 0123, 1e3, yes and NO as the strings written', () => {
    const d = parsed(
      doc(['customers_affected: 0123', 'authors:', '  - yes', '  - NO', '  - 1e3'], BODY).replace(
        'title: Checkout down',
        'title: 0123',
      ),
    );
    expect(d.title).toBe('0123');
    expect(d.impact.customers_affected).toBe('0123');
    expect(d.authors).toStrictEqual(['yes', 'NO', '1e3']);
    expect(parsed(doc(['customers_affected: 1e3'])).impact.customers_affected).toBe('1e3');
    expect(parsed(doc(['customers_affected: 1400'])).impact.customers_affected).toBe(1400);
    expect(parsed(doc(['customers_affected: "1400"'])).impact.customers_affected).toBe('1400');
    expect(
      parsed(doc(['customers_affected: 99999999999999999999'])).impact.customers_affected,
    ).toBe('99999999999999999999');
  });

  it('keeps a time exactly as written, offset included', () => {
    const d = parsed(doc(['detected_at: 2026-01-02T08:34:00+05:30']));
    expect(d.detected_at).toBe('2026-01-02T08:34:00+05:30');
  });

  const notATime = (line: number, key: string, value: string): string =>
    `${FILE}:${line}: ${key} "${value}" is not a time: expected ISO 8601 with an offset, like 2026-11-24T02:07:00+11:00`;

  it('refuses 12:30 (base 60), a plain date and a time without an offset as times', () => {
    expect(errorOf(doc(['detected_at: 12:30']))).toBe(notATime(7, 'detected_at', '12:30'));
    expect(errorOf(doc(['detected_at: 2024-03-10']))).toBe(
      notATime(7, 'detected_at', '2024-03-10'),
    );
    expect(errorOf(doc(['detected_at: 2024-03-10T02:30:00']))).toBe(
      notATime(7, 'detected_at', '2024-03-10T02:30:00'),
    );
  });

  it('refuses a date that does not exist, like the issue says', () => {
    expect(errorOf(doc(['detected_at: "2026-13-01"']))).toBe(
      notATime(7, 'detected_at', '2026-13-01'),
    );
    expect(errorOf(doc(['resolved_at: 2026-02-30T01:00:00Z']))).toBe(
      notATime(7, 'resolved_at', '2026-02-30T01:00:00Z'),
    );
  });

  it('refuses a timeline time without an offset, naming its line', () => {
    const body = `${BODY}\n## Timeline\n\n- 2026-01-02T03:04 Checkout failed\n`;
    expect(errorOf(doc([], body))).toBe(notATime(15, 'timeline.0.at', '2026-01-02T03:04'));
  });

  it('refuses yes/NO/off where a boolean is expected', () => {
    for (const value of ['NO', 'yes', 'off', '0']) {
      expect(errorOf(doc([`data_loss: ${value}`]))).toBe(
        `${FILE}:7: data_loss "${value}" is not a boolean: write true or false`,
      );
    }
    const body = `${BODY}\n## Action items\n\n- [ ] AI-1: Add a check\n  - internal: no\n`;
    expect(errorOf(doc([], body))).toBe(
      `${FILE}:16: action_items.0.internal "no" is not a boolean: write true or false`,
    );
  });

  it('refuses tab indentation', () => {
    expect(errorOf(doc(['services:', '\t- api']))).toBe(
      `${FILE}:8: a tab is used for indentation: indent with spaces`,
    );
  });
});

describe('YAML structure traps', () => {
  it('refuses duplicate keys, naming the key', () => {
    expect(errorOf(doc(['title: Again']))).toBe(
      `${FILE}:7: field "title" is written twice: keep one of the two lines`,
    );
  });

  it('refuses << merges', () => {
    expect(errorOf(doc(['<<: {title: Merged}']))).toBe(
      `${FILE}:7: YAML merge keys ("<<") are not allowed: write the fields out`,
    );
  });

  it('refuses anchors and aliases', () => {
    expect(errorOf(doc(['services: &s [api]', 'redact: *s']))).toBe(
      [
        `${FILE}:7: YAML anchors (&s) are not allowed: write the value out`,
        `${FILE}:8: YAML aliases (*s) are not allowed: write the value out`,
      ].join('\n'),
    );
  });

  it('refuses a billion-laughs block fast, without expanding it', () => {
    const lines = ['redact: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) {
      const prev = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const start = performance.now();
    const message = errorOf(doc(lines));
    expect(performance.now() - start).toBeLessThan(1000);
    expect(message.split('\n')[0]).toBe(
      `${FILE}:7: YAML anchors (&a) are not allowed: write the value out`,
    );
    expect(message).toContain(`${FILE}:8: YAML aliases (*a) are not allowed: write the value out`);
    expect(message).not.toContain('unknown front matter field');
  });

  it('refuses 10,000-deep nesting in flow and block style with one message, fast', () => {
    const deep = (line: number): string =>
      `${FILE}:${line}: nesting deeper than 32 levels is not allowed: the front matter holds plain fields and simple lists`;
    const start = performance.now();
    expect(errorOf(doc([`services: ${'['.repeat(10_000)}${']'.repeat(10_000)}`]))).toBe(deep(7));
    expect(errorOf(doc([`services: ${'{a: '.repeat(10_000)}`]))).toBe(deep(7));
    expect(errorOf(doc(['services:', `${'- '.repeat(10_000)}x`]))).toBe(deep(8));
    // Unclosed brackets used to exhaust the heap inside the YAML library.
    expect(errorOf(doc([`services: ${'['.repeat(500_000)}`]))).toBe(deep(7));
    const stairs = Array.from({ length: 40 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`);
    expect(errorOf(doc(stairs))).toBe(deep(40));
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('counts no brackets inside quotes or comments', () => {
    const d = parsed(
      doc(
        [`title2: "${'['.repeat(40)}" # ${'{'.repeat(40)}`].map((l) =>
          l.replace('title2', 'customers_affected'),
        ),
      ),
    );
    expect(d.impact.customers_affected).toBe('['.repeat(40));
  });
});

describe('results are fresh objects', () => {
  it('parsing the same text twice gives an untouched second result after mutating the first', () => {
    const text = doc(
      ['services:', '  - api', 'data_loss: false'],
      `${BODY}\n## Timeline\n\n- 2026-01-02T03:04:00Z Checkout failed\n`,
    );
    const first = parsePostmortem(bytes(text), FILE);
    const snapshot = structuredClone(first.doc);
    first.doc.title = 'mutated';
    first.doc.services.push('mutated');
    first.doc.timeline[0]!.event = 'mutated';
    first.doc.impact.data_loss = true;
    first.lines.set('title', 999);
    const second = parsePostmortem(bytes(text), FILE);
    expect(second.doc).toStrictEqual(snapshot);
    expect(second.lines.get('title')).toBe(3);
  });
});

describe('every problem at once, in line order', () => {
  it('lists unknown fields with suggestions, body fields in front matter, and bad values together', () => {
    const text = doc([
      'severty: SEV2',
      'sumary: x',
      'summary: y',
      'status: reviewed',
      'detected_at: soon',
    ]);
    expect(errorOf(text)).toBe(
      [
        `${FILE}:7: unknown front matter field "severty" (did you mean "severity"?)`,
        `${FILE}:8: unknown front matter field "sumary" (did you mean "summary"?)`,
        `${FILE}:9: "summary" belongs in the body, as the "## Summary" section`,
        `${FILE}:10: status "reviewed" is not one of draft, review, approved, published (did you mean "review"?)`,
        `${FILE}:11: detected_at "soon" is not a time: expected ISO 8601 with an offset, like 2026-11-24T02:07:00+11:00`,
      ].join('\n'),
    );
  });

  it('says how to write a missing required field', () => {
    const text = ['---', 'id: 2026-01-02-x', '---', BODY].join('\n');
    expect(errorOf(text)).toBe(
      [
        `${FILE}:3: title is required: add a line like "title: API unavailable for three hours"`,
        `${FILE}:3: severity is required: add a line like "severity: SEV1"`,
        `${FILE}:3: timezone is required: add a line like "timezone: Australia/Sydney"`,
        `${FILE}:3: started_at is required: add a line like "started_at: 2026-11-24T02:00:00+11:00"`,
      ].join('\n'),
    );
  });
});
