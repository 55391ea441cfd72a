// How messages name a file: repoPath must say what path.relative says, for every root and
// file, also where it skips the walk of both paths (a file listed under the root).
import { relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../src/store/files.js';

// Segments that matter to `relative`: plain names, dot names, `.`, `..`, empty (a `//`).
const segment = fc.constantFrom('a', 'b', 'ab', '.a', 'a.', '...', '.', '..', '', 'x.md');
const path = fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`);

describe('repoPath', () => {
  it('is path.relative with forward slashes, for any root and file', () => {
    fc.assert(
      fc.property(path, fc.array(segment, { maxLength: 4 }), path, (root, below, other) => {
        // A file under the root as written, and one anywhere.
        const under = [root, ...below].join('/');
        expect(repoPath(root, under)).toBe(relative(root, under));
        expect(repoPath(root, other)).toBe(relative(root, other));
      }),
      { numRuns: 3000 },
    );
  });

  it('names a listed file by its path under the root', () => {
    expect(repoPath('/repo', '/repo/postmortems/2026-03-14-outage.md')).toBe(
      'postmortems/2026-03-14-outage.md',
    );
    expect(repoPath('/repo', '/repo/../elsewhere/x.md')).toBe('../elsewhere/x.md');
    expect(repoPath('/repo', '/repository/x.md')).toBe('../repository/x.md');
  });
});
