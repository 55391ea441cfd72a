// Finding a redact term however it is formatted, without a regex per term. The regex that
// says the same (termPattern in leak-check.ts) costs more to compile than to run over a
// page, and documents bring terms of their own; this scan finds exactly what it finds.

/** Characters that may sit between two letters of a term, one at a time. */
const SEPARATOR_CHAR = /[\s*_~`\\[\]>|#]/;
const SPACE = /\s/;

function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return code <= 0xffff && SPACE.test(String.fromCharCode(code));
}

const ASCII_SEPARATORS = Array.from({ length: 128 }, (_, code) =>
  SEPARATOR_CHAR.test(String.fromCharCode(code)),
);

function isSeparatorChar(code: number): boolean {
  return code < 128 ? (ASCII_SEPARATORS[code] ?? false) : isSpace(code);
}

const isTagStop = (code: number): boolean => code === 0x3c || code === 0x0a;
const isLinkStop = (code: number): boolean => code === 0x28 || isSpace(code);

/**
 * The end of a tag `<...>` or link target `](...)` whose body starts at `at`: after the
 * `close` character, at most `max` code points on, none of them a stop; -1 if there is none.
 */
function closeAfter(
  text: string,
  at: number,
  max: number,
  close: number,
  isStop: (code: number) => boolean,
): number {
  for (let p = at, n = 0; p < text.length; n++) {
    const code = text.codePointAt(p) ?? 0;
    if (code === close) return p + 1;
    if (n === max || isStop(code)) return -1;
    p += code > 0xffff ? 2 : 1;
  }
  return -1;
}

/** Do `chars[i..]` follow from `at`, each after any separators (spaces, marks, tags, link targets)? */
function followsFrom(text: string, chars: readonly string[], i: number, at: number): boolean {
  const next = chars[i];
  if (next === undefined) return true;
  for (let p = at; ;) {
    if (text.startsWith(next, p) && followsFrom(text, chars, i + 1, p + next.length)) return true;
    const code = text.charCodeAt(p);
    // `]` is a separator of its own, and the start of a link target: try both.
    if (code === 0x5d && text.charCodeAt(p + 1) === 0x28) {
      const end = closeAfter(text, p + 2, 300, 0x29, isLinkStop);
      if (end !== -1 && followsFrom(text, chars, i, end)) return true;
    }
    if (code === 0x3c) {
      p = closeAfter(text, p + 1, 200, 0x3e, isTagStop);
      if (p === -1) return false;
    } else if (isSeparatorChar(code)) {
      p++;
    } else {
      return false;
    }
  }
}

/** The characters of a folded term that must appear in order: all but separators. */
export function termChars(folded: string): string[] {
  return [...folded].filter((c) => !SEPARATOR_CHAR.test(c));
}

/** Can findTerm look for these characters? Not a lone surrogate, which only a regex reads right. */
export function isScannable(chars: readonly string[]): boolean {
  return chars.every((c) => c.length === 2 || !/[\ud800-\udfff]/.test(c));
}

/** Where the first match of the term's characters starts in the (folded) text, or -1. */
export function findTerm(text: string, chars: readonly string[]): number {
  const first = chars[0];
  if (first === undefined) return -1;
  // What followsFrom can step onto first: the next character, a separator or a tag (a
  // link target starts with `]`, a separator). Anything else rules the place out at once.
  const next = chars[1]?.charCodeAt(0);
  for (let at = text.indexOf(first); at !== -1; at = text.indexOf(first, at + 1)) {
    const after = at + first.length;
    if (next !== undefined) {
      const code = text.charCodeAt(after);
      if (code !== next && code !== 0x3c && !isSeparatorChar(code)) continue;
    }
    if (followsFrom(text, chars, 1, after)) return at;
  }
  return -1;
}
