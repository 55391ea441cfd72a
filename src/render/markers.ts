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

// eslint-disable-next-line no-control-regex -- any character outside ASCII
const NON_ASCII = /[^\u0000-\u007f]/g;
const INVISIBLE = /\p{Cf}|\u034f|\u115f|\u1160|\u17b4|\u17b5|\u3164|\uffa0/gu;

/**
 * NFKC and the removal of invisible characters, line by line and only on lines outside
 * ASCII: ASCII is its own NFKC form, and a line break never composes or reorders with its
 * neighbours, so the result is the same as normalizing the whole text, at a fraction of
 * the cost on a page that is almost all ASCII.
 */
function normalizeLines(text: string): string {
  NON_ASCII.lastIndex = 0;
  let m = NON_ASCII.exec(text);
  if (m === null) return text;
  const out: string[] = [];
  let done = 0;
  while (m !== null) {
    const start = text.lastIndexOf('\n', m.index) + 1;
    const newline = text.indexOf('\n', m.index);
    const end = newline === -1 ? text.length : newline;
    out.push(
      text.slice(done, start),
      text.slice(start, end).normalize('NFKC').replace(INVISIBLE, ''),
    );
    done = end;
    NON_ASCII.lastIndex = end;
    m = NON_ASCII.exec(text);
  }
  out.push(text.slice(done));
  return out.join('');
}

/**
 * Text as a reader sees it, for comparisons: entities decoded, compatibility forms folded
 * (NFKC turns full-width `［` into `[`), invisible format characters removed, lower case.
 */
export function foldForScan(text: string): string {
  return normalizeLines(decodeEntities(text)).toLowerCase();
}

/** The first line of a blockquote that marks it internal: `[!INTERNAL]`, any case. */
const MARKER_LINE = /^[\s*_>]*\[\s*!\s*internal\b/;

/** Anything that still looks like a marker in public text: the render must stop. */
const MARKER_RESIDUE = /\[\s*[!¡]?\s*[*_\\]*\s*internal\b/;

// Folding only changes text with `&` or outside ASCII: without those, and without a `[`,
// no marker can be in a text, and folding it is not needed to know that.
// eslint-disable-next-line no-control-regex -- any character outside ASCII
const MAY_HOLD_MARKER = /[[&]|[^\u0000-\u007f]/;

export function isInternalMarkerLine(firstLine: string): boolean {
  return MAY_HOLD_MARKER.test(firstLine) && MARKER_LINE.test(foldForScan(firstLine));
}

/** Where a marker-like text remains, as a 1-based line number, or undefined. */
export function findMarkerResidue(text: string): number | undefined {
  if (!MAY_HOLD_MARKER.test(text)) return undefined;
  const folded = foldForScan(text);
  const m = MARKER_RESIDUE.exec(folded);
  if (!m) return undefined;
  return folded.slice(0, m.index).split('\n').length;
}
