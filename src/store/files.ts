// The post-mortem files of a folder, and how messages name a file: without reading any of
// them, so a command that finds everything it needs in a cache loads no parser.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every post-mortem file in `dir`, sorted by name (ids start with the date: oldest first). */
export function postmortemFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter(
      (name) => name.endsWith('.md') && !name.startsWith('.') && name.toLowerCase() !== 'readme.md',
    )
    .sort()
    .map((name) => join(dir, name));
}

// A segment that `relative` would resolve: `.`, `..` or an empty one (a doubled slash).
const UNRESOLVED = /(?:^|\/)\.{0,2}(?:\/|$)/;

/** A file's path from the repository root, with forward slashes: what messages show. */
export function repoPath(root: string, file: string): string {
  // A file listed from a folder under the root is the root, a slash and its path: nothing
  // to resolve (`relative` would walk both paths, for every file of a list of 10,000).
  if (sep === '/' && file.startsWith(root) && file.charCodeAt(root.length) === 47) {
    const rest = file.slice(root.length + 1);
    if (!UNRESOLVED.test(rest)) return rest;
  }
  return relative(root, file).split(sep).join('/');
}
