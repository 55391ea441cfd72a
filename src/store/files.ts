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

/** A file's path from the repository root, with forward slashes: what messages show. */
export function repoPath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}
