// Writes that never leave a half-written file: temp file in the same folder, fsync,
// rename over the target, fsync the folder. Symlinks are refused, not followed.
import {
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, parse, relative, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';

export function refuseSymlink(path: string, what = 'file'): void {
  try {
    if (lstatSync(path).isSymbolicLink()) {
      throw new UserError(
        `${path} is a symbolic link: postmortem does not follow links for a ${what}`,
        {
          hint: 'replace the link with the real file',
        },
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  refuseSymlink(path);
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(temp, 'wx', 0o644);
  try {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
  try {
    const dirFd = openSync(dir, 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Some filesystems cannot fsync a folder; the rename itself is still atomic.
  }
}

/** Is `path` the folder `base` or anything below it (both absolute and resolved)? */
export function isWithin(base: string, path: string): boolean {
  return path === base || path.startsWith(base + sep);
}

/**
 * Refuse a path that reaches through a linked parent folder anywhere below `base` (a linked
 * parent folder would send writes, or template reads, outside where the user pointed).
 * Components above `base` are the user's own layout and are not judged. A path outside
 * `base` is checked from the filesystem root.
 */
export function refuseLinkedComponents(base: string, target: string, display: string): void {
  const from = resolve(base);
  const to = resolve(target);
  const start = isWithin(from, to) ? from : parse(to).root;
  // The last component is the target itself: its own checks name it more precisely.
  const parts = relative(start, to)
    .split(sep)
    .filter((part) => part !== '')
    .slice(0, -1);
  let current = start;
  for (const part of parts) {
    current = join(current, part);
    let stat;
    try {
      stat = lstatSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    if (stat.isSymbolicLink()) {
      throw new UserError(
        `${display} goes through the symbolic link ${current}: postmortem does not follow links`,
        { hint: 'use the real folder instead of the link', exitCode: 2 },
      );
    }
  }
}
