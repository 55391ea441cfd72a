// The internal marker and the text normalization every public check shares. Spellings
// that try to slip past a plain comparison (zero-width characters, full-width brackets,
// odd case, entities) are folded away before comparing, so they count as markers.

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lsqb: '[',
  rsqb: ']',
  lbrack: '[',
  rbrack: ']',
  excl: '!',
  commat: '@',
  period: '.',
  colon: ':',
  sol: '/',
};

/** Decode HTML character references, so `&#64;` or `&lsqb;` cannot hide text. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});?/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Text as a reader sees it, for comparisons: entities decoded, compatibility forms folded
 * (NFKC turns full-width `［` into `[`), invisible format characters removed, lower case.
 */
export function foldForScan(text: string): string {
  return decodeEntities(text)
    .normalize('NFKC')
    .replace(/\p{Cf}|\u034f|\u115f|\u1160|\u17b4|\u17b5|\u3164|\uffa0/gu, '')
    .toLowerCase();
}

/** The first line of a blockquote that marks it internal: `[!INTERNAL]`, any case. */
const MARKER_LINE = /^[\s*_>]*\[\s*!\s*internal\b/;

/** Anything that still looks like a marker in public text: the render must stop. */
const MARKER_RESIDUE = /\[\s*[!¡]?\s*[*_\\]*\s*internal\b/;

export function isInternalMarkerLine(firstLine: string): boolean {
  return MARKER_LINE.test(foldForScan(firstLine));
}

/** Where a marker-like text remains, as a 1-based line number, or undefined. */
export function findMarkerResidue(text: string): number | undefined {
  const folded = foldForScan(text);
  const m = MARKER_RESIDUE.exec(folded);
  if (!m) return undefined;
  return folded.slice(0, m.index).split('\n').length;
}
