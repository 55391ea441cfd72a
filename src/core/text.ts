// From bytes on disk to checked text: the encoding, size and line-ending problems a
// file can have, each reported as a sentence with the fix.
import type { Problem } from './problems.js';

export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export interface DecodedText {
  text: string;
  eol: '\n' | '\r\n';
  bom: boolean;
}

export type DecodeResult = { ok: true; value: DecodedText } | { ok: false; problem: Problem };

function fail(message: string, line?: number): DecodeResult {
  return { ok: false, problem: line === undefined ? { message } : { line, message } };
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

/** Check and decode a document's bytes: UTF-8 only, LF or CRLF, no NUL, bounded size. */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    return fail(
      `file is ${mb} MB: a post-mortem may be at most 2 MB; move attachments elsewhere and link to them`,
    );
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail('file is UTF-16: save it as UTF-8');
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul !== -1) {
    const line = body.subarray(0, nul).filter((b) => b === 0x0a).length + 1;
    return fail('file contains a NUL byte: it looks binary, not a post-mortem', line);
  }
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return fail(
      'file is not valid UTF-8 (perhaps Latin-1 or Windows-1252): save it as UTF-8',
      firstInvalidUtf8Line(body),
    );
  }
  // Most files have no CR at all: one scan finds that.
  const firstCr = raw.indexOf('\r');
  const crlf = firstCr !== -1 && raw.includes('\r\n');
  const text = crlf ? raw.replace(/\r\n/g, '\n') : raw;
  const loneCr = crlf ? text.indexOf('\r') : firstCr;
  if (loneCr !== -1) {
    if (!text.includes('\n')) {
      return fail('file uses CR-only line endings: save it with LF (or CRLF) line endings');
    }
    const line = text.slice(0, loneCr).split('\n').length;
    return fail('stray carriage return (CR) in the middle of a line: remove it', line);
  }
  return { ok: true, value: { text, eol: crlf ? '\r\n' : '\n', bom } };
}

/** Prose as the model keeps it: LF, no blank lines at either end; empty means absent. */
export function normalizeProse(text: string | undefined | null): string | undefined {
  if (text === undefined || text === null) return undefined;
  // Most prose is already so (the parser hands over trimmed text): a visible ASCII
  // character at both ends and no CR leave nothing to change.
  if (isVisibleAscii(text.charCodeAt(0)) && isVisibleAscii(text.charCodeAt(text.length - 1))) {
    if (!text.includes('\r')) return text;
  }
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && /^\s*$/.test(lines[0] ?? '')) lines.shift();
  while (lines.length > 0 && /^\s*$/.test(lines[lines.length - 1] ?? '')) lines.pop();
  return lines.length === 0 ? undefined : lines.join('\n');
}

function isVisibleAscii(code: number): boolean {
  return code > 32 && code < 127;
}
