import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultId, ID_PATTERN, isValidId, slugify } from '../../src/core/slug.js';

describe('ids', () => {
  it('refuses ids that escape the folder, look like flags or devices, or hide characters', () => {
    for (const id of [
      '../../x',
      '/etc/passwd',
      '..',
      '.',
      'x/y',
      'x\\y',
      '--help',
      '-x',
      'CON',
      'con',
      'nul',
      'com1',
      'lpt9',
      'Cafe',
      'cafe\u0301',
      '\u202Eexe.md',
      'x\u200b',
      'x'.repeat(82),
      '',
      'a b',
      'a_b',
      'a.md',
    ]) {
      expect(isValidId(id), JSON.stringify(id)).toBe(false);
    }
  });

  it('accepts lowercase letters, digits and dashes up to 81 characters', () => {
    for (const id of [
      '2026-11-24-api-outage',
      'a',
      '0',
      'x'.repeat(81),
      'console',
      'com10',
      'a--b',
    ]) {
      expect(isValidId(id), id).toBe(true);
    }
  });

  it('every default id is valid, whatever the title', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (title) => {
        const id = defaultId('2026-11-24', title);
        expect(isValidId(id)).toBe(true);
        expect(id.startsWith('2026-11-24-')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('slugify', () => {
  it('turns hostile titles into safe slugs', () => {
    expect(slugify('../../x')).toBe('x');
    expect(slugify('/etc/passwd')).toBe('etc-passwd');
    expect(slugify('--help')).toBe('help');
    expect(slugify('CON')).toBe('con');
    expect(slugify('\u202Eevil\u202C txt')).toBe('evil-txt');
    expect(slugify('API down (EU)')).toBe('api-down-eu');
  });

  it('gives NFC and NFD spellings the same slug', () => {
    const nfc = 'Caf\u00e9 r\u00e9sum\u00e9 down';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(slugify(nfd)).toBe('cafe-resume-down');
    expect(slugify(nfc)).toBe('cafe-resume-down');
  });

  it('cuts 300 characters at a word boundary, within 70', () => {
    const title = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    expect(title.length).toBeGreaterThan(300);
    const slug = slugify(title);
    expect(slug.length).toBeLessThanOrEqual(70);
    expect(slug.endsWith('-')).toBe(false);
    expect(title.toLowerCase().replace(/ /g, '-').startsWith(slug)).toBe(true);
    expect(slugify('x'.repeat(300))).toBe('x'.repeat(70));
    expect(defaultId('2026-11-24', 'x'.repeat(300))).toMatch(ID_PATTERN);
  });

  it('falls back to "incident" when nothing of the title is left', () => {
    expect(defaultId('2026-11-24', '日本語のタイトル')).toBe('2026-11-24-incident');
    expect(defaultId('2026-11-24', '😀 !!!')).toBe('2026-11-24-incident');
  });
});
