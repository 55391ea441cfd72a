// Our own YAML writer for the few shapes the front matter has: it never re-quotes,
// reflows or converts a value, so the same document always gives the same bytes.

const LOOKS_SPECIAL = /^(?:true|false|yes|no|y|n|on|off|null|~|\.inf|-\.inf|\.nan)$/i;
const LOOKS_NUMERIC = /^[-+]?(?:[\d._:]+|0x[\da-f]+|0o[0-7]+|\d[\d.]*e[-+]?\d+)$/i;
// Printable characters only, and none that YAML or a reader could take for layout.
const NEEDS_ESCAPE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it finds
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/;

function isPlainSafe(value: string): boolean {
  if (value === '' || value !== value.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`\\]/.test(value)) return false;
  if (value.includes(': ') || value.includes(' #') || value.endsWith(':')) return false;
  if (LOOKS_SPECIAL.test(value) || LOOKS_NUMERIC.test(value)) return false;
  return !NEEDS_ESCAPE.test(value) && value.isWellFormed();
}

function escapeChar(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A string as a YAML scalar that reads back as exactly that string. */
/** Ill-formed UTF-16 (a lone surrogate) is refused by the validator before it gets here. */
export function yamlString(value: string): string {
  if (isPlainSafe(value)) return value;
  let out = '"';
  for (const char of value) {
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (NEEDS_ESCAPE.test(char)) out += escapeChar(char);
    else out += char;
  }
  return `${out}"`;
}

export function yamlScalar(value: string | number | boolean): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return yamlString(value);
}
