// Which command's code cache a command line starts with.
import { describe, expect, it } from 'vitest';
import { codeCacheFileOf, commandOf } from '../src/code-cache.js';

describe('commandOf', () => {
  it('is the first word that is not an option or the value of --repo', () => {
    expect(commandOf(['render', 'x', '--format', 'html'])).toBe('render');
    expect(commandOf(['--repo', 'show', 'list'])).toBe('list');
    expect(commandOf(['--repo=incidents', 'show', 'x'])).toBe('show');
    expect(commandOf(['--json', 'stats'])).toBe('stats');
    expect(commandOf(['lint', '--help'])).toBe('lint');
  });

  it('is other for a word that could not name a file, or no word', () => {
    expect(commandOf(['help', 'render'])).toBe('help');
    expect(commandOf(['../../etc/passwd'])).toBe('other');
    expect(commandOf(['Show', 'x'])).toBe('other');
    expect(commandOf(['--repo', 'incidents'])).toBe('other');
    expect(commandOf([])).toBe('other');
  });

  it('names one file a command, beside the bundle or in the folder given', () => {
    expect(codeCacheFileOf('show', '/x')).toBe('/x/postmortem.show.cache');
    // Beside the bundle: dist/bundle/ when built, src/bundle/ (no such folder) from sources.
    expect(codeCacheFileOf('render')).toMatch(/[/\\]bundle[/\\]postmortem\.render\.cache$/);
  });
});
