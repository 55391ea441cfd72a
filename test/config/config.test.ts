// postmortem.yml: every problem at once, with its line, in the order of the file.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { DocumentError } from '../../src/core/problems.js';

function problems(text: string): { line?: number; message: string }[] {
  try {
    parseConfig(text, 'postmortem.yml');
  } catch (error) {
    if (error instanceof DocumentError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseConfig', () => {
  it('reports a severity without a name and a name listed twice, never inventing one', () => {
    expect(
      problems('severities:\n  - name: SEV1\n  - name: SEV1\n  - description: nameless\n'),
    ).toEqual([
      { line: 3, message: 'severity SEV1 is listed twice: each level needs its own name' },
      { line: 4, message: 'severities.2 has no name: write it as "- name: SEV3"' },
    ]);
  });

  it('keeps the templates folder inside the repository, like the post-mortems folder', () => {
    for (const templates of ['/etc', '../shared/templates', 'a/../../b'])
      expect(problems(`templates: ${templates}\n`)).toEqual([
        { line: 1, message: 'templates must be a folder inside the repository' },
      ]);
    expect(problems('templates: .postmortem/templates\n')).toEqual([]);
  });

  it('refuses a base_url that is not a web address and a priority that does not exist', () => {
    expect(
      problems('publish:\n  base_url: ftp://x\nlint:\n  due_within_days:\n    P9: 3\n    P2: 60\n'),
    ).toEqual([
      {
        line: 2,
        message:
          'publish.base_url "ftp://x" is not a web address: expected one like https://status.example.com/incidents/',
      },
      {
        line: 5,
        message: 'unknown priority "lint.due_within_days.P9": expected one of P0, P1, P2, P3',
      },
    ]);
    const config = parseConfig(
      'publish:\n  base_url: https://status.example.com/\nlint:\n  due_within_days:\n    P2: 60\n',
      'postmortem.yml',
    );
    expect(config.lint.due_within_days).toEqual({ P0: 7, P1: 30, P2: 60 });
  });

  it('lists the problems in the order of the file', () => {
    const lines = problems(
      'timezone: Mars/Olympus\ngit:\n  commit: yes\nunknown_key: 1\nfolder: /x\n',
    ).map((p) => p.line);
    expect(lines).toEqual([1, 3, 4, 5]);
  });
});
