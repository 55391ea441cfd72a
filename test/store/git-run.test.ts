import { describe, expect, it } from 'vitest';
import { classifyGitFailure, firstLine, GitError, gitUserError } from '../../src/store/git-run.js';

describe('recognising git failures', () => {
  it('classifies what git prints', () => {
    expect(
      classifyGitFailure(
        "fatal: Unable to create '/r/.git/index.lock': File exists.\n\nAnother git process seems to be running",
      ),
    ).toBe('locked');
    expect(classifyGitFailure('Author identity unknown\n\n*** Please tell me who you are.')).toBe(
      'identity',
    );
    expect(
      classifyGitFailure("fatal: unable to auto-detect email address (got 'root@vm.(none)')"),
    ).toBe('identity');
    expect(classifyGitFailure("fatal: detected dubious ownership in repository at '/r'")).toBe(
      'dubious',
    );
    expect(
      classifyGitFailure('fatal: not a git repository (or any of the parent directories): .git'),
    ).toBe('not-repo');
    expect(classifyGitFailure('error: pathspec did not match')).toBe('other');
  });

  it('turns each into one line with the fix', () => {
    const dubious = gitUserError(new GitError('dubious', 'x'), 'could not commit') as Error & {
      hint?: string;
    };
    expect(dubious.message).toBe(
      'could not commit: git refuses this repository because another user owns it',
    );
    expect(dubious.hint).toMatch(/safe\.directory/);
    const missing = gitUserError(new GitError('missing', 'x'), 'could not commit') as Error & {
      hint?: string;
    };
    expect(missing.message).toBe('git is not installed or not on PATH');
    const other = gitUserError(new GitError('other', 'fatal: bad object'), 'could not read');
    expect(other.message).toBe('could not read: fatal: bad object');
    const bug = new TypeError('not git');
    expect(gitUserError(bug, 'x')).toBe(bug);
  });

  it('keeps the first fatal or error line of a long complaint', () => {
    expect(firstLine('hint: one\n*** Please tell me\nwarning: x\nfatal: the real reason\n')).toBe(
      'fatal: the real reason',
    );
    expect(firstLine('\n\n')).toBe('git failed');
  });
});
