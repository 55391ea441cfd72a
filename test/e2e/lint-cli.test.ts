// `postmortem lint` as users run it: the built CLI on real temporary git repositories.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo } from '../helpers/repo.js';

const example = (name: string): string =>
  readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');
const OUTAGE = '2026-03-14-app-server-outage';
const BREACH = '2026-10-17-spam-posts-after-breach';
const DST = '2026-10-25-update-without-where';

function examplesRepo(extra: Record<string, string> = {}) {
  return makeTempRepo({
    [`postmortems/${OUTAGE}.md`]: example(`${OUTAGE}.md`),
    [`postmortems/${BREACH}.md`]: example(`${BREACH}.md`),
    [`postmortems/${DST}.md`]: example(`${DST}.md`),
    ...extra,
  });
}

/** The outage with a detection before the start, blame in a factor, and a non-apology. */
function brokenOutage(): string {
  const text = example(`${OUTAGE}.md`)
    .replace('detected_at: 2026-03-14T02:04:00+11:00', 'detected_at: 2026-03-14T01:50:00+11:00')
    .replace(
      '- Only one engineer had the access',
      '- Human error: only one engineer had the access',
    )
    .replace(
      'We are sorry. For three hours',
      'We apologize for any inconvenience. For three hours',
    );
  expect(text).toContain('01:50:00');
  expect(text).toContain('Human error');
  expect(text).toContain('any inconvenience');
  return text;
}

const lineOf = (text: string, needle: string): number =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const run = (repo: ReturnType<typeof makeTempRepo>, args: string[]) =>
  runCli(['lint', ...args], { cwd: repo.root, env: repo.env });

describe('postmortem lint', () => {
  it('passes the examples: exit 0 and a summary line', async () => {
    const repo = examplesRepo();
    const result = await run(repo, []);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('✔ 3 post-mortems checked: no problems\n');
    expect(result.code).toBe(0);
  });

  it('reports findings grouped by file, with line, severity, rule and hint; exit 1 on errors', async () => {
    const broken = brokenOutage();
    const repo = examplesRepo({ [`postmortems/${OUTAGE}.md`]: broken });
    const result = await run(repo, []);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`postmortems/${OUTAGE}.md`);
    const detected = lineOf(broken, 'detected_at:');
    expect(result.stdout).toMatch(
      new RegExp(
        `\\n\\s+${detected}  error  detected_at 2026-03-14T01:50:00\\+11:00 is before started_at 2026-03-14T02:00:00\\+11:00  chronology\\n\\s+hint: key times must run`,
      ),
    );
    expect(result.stdout).toMatch(
      new RegExp(
        `\\n\\s+${lineOf(broken, 'Human error')}  warn   "Human error" in a contributing factor puts the blame on people  blameless-language\\n\\s+hint: `,
      ),
    );
    expect(result.stdout).toMatch(
      new RegExp(
        `\\n\\s+${lineOf(broken, 'any inconvenience')}  error  "apologize for any inconvenience" in the Apology is a non-apology  apology\\n`,
      ),
    );
    expect(result.stdout).not.toContain(BREACH);
    expect(lines.at(-2)).toMatch(
      /^✖ \d+ problems \(\d+ errors, 1 warning\) in 1 of 3 post-mortems$/,
    );
  });

  it('exits 0 when there are only warnings', async () => {
    const text = example(`${OUTAGE}.md`).replace(
      '- Only one engineer had the access',
      '- Human error: only one engineer had the access',
    );
    const repo = makeTempRepo({ [`postmortems/${OUTAGE}.md`]: text });
    const result = await run(repo, []);
    expect(result.stdout).toContain('⚠ 1 problem (0 errors, 1 warning) in 1 of 1 post-mortem');
    expect(result.code).toBe(0);
  });

  it('reports a file that does not parse as error findings with their lines, and checks the others', async () => {
    const bad = example(`${BREACH}.md`)
      .replace('severity: SEV1', 'severity: SEV9')
      .replace('timezone: America/Los_Angeles', 'timezone: Mars/Olympus');
    const repo = examplesRepo({
      [`postmortems/${BREACH}.md`]: bad,
      'postmortems/2026-01-01-code.md': '---js\nmodule.exports = {}\n---\n',
    });
    const result = await run(repo, ['--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      findings: {
        file: string;
        line: number;
        rule: string;
        severity: string;
        message: string;
        hint: string;
      }[];
      summary: Record<string, number>;
    };
    expect(
      report.findings
        .filter((f) => f.file === `postmortems/${BREACH}.md`)
        .map((f) => [f.line, f.rule, f.severity]),
    ).toEqual([
      [lineOf(bad, 'severity:'), 'parse', 'error'],
      [lineOf(bad, 'timezone:'), 'parse', 'error'],
    ]);
    expect(report.findings.find((f) => f.file === 'postmortems/2026-01-01-code.md')).toMatchObject({
      line: 1,
      rule: 'parse',
      severity: 'error',
      message: expect.stringContaining('never code') as unknown,
    });
    expect(report.findings.every((f) => f.hint.length > 0 && f.message.length > 0)).toBe(true);
    expect(report.summary).toEqual({ files: 4, filesWithFindings: 2, errors: 3, warnings: 0 });
  });

  it('writes GitHub workflow annotations with escaped properties and messages', async () => {
    const broken = brokenOutage();
    const repo = examplesRepo({ [`postmortems/${OUTAGE}.md`]: broken });
    const result = await run(repo, ['--format', 'github']);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    const annotations = lines.slice(0, -1);
    expect(annotations.length).toBeGreaterThanOrEqual(3);
    for (const line of annotations) {
      // The workflow command grammar: nothing unescaped may break a property or the line.
      expect(line).toMatch(
        /^::(error|warning) file=[^,:\r\n]+,line=\d+,title=[^,:\r\n]+::[^\r\n]*%0Ahint: [^\r\n]*$/,
      );
    }
    expect(annotations).toContain(
      `::error file=postmortems/${OUTAGE}.md,line=${lineOf(broken, 'detected_at:')},title=postmortem chronology::detected_at 2026-03-14T01:50:00+11:00 is before started_at 2026-03-14T02:00:00+11:00%0Ahint: key times must run started_at <= detected_at <= mitigated_at <= resolved_at: correct whichever time is wrong (check the UTC offset too)`,
    );
    expect(
      annotations.some((l) =>
        l.startsWith(
          `::warning file=postmortems/${OUTAGE}.md,line=${lineOf(broken, 'Human error')},title=postmortem blameless-language::`,
        ),
      ),
    ).toBe(true);
    expect(lines.at(-1)).toMatch(/problems? \(/);
  });

  it('escapes a path with a comma and a colon in the file property', async () => {
    const repo = makeTempRepo({ 'drafts/outage,v2:final.md': brokenOutage() });
    const result = await run(repo, ['--format', 'github', 'drafts/outage,v2:final.md']);
    expect(result.code).toBe(1);
    const first = result.stdout.split('\n')[0] ?? '';
    expect(first).toMatch(
      /^::error file=drafts\/outage%2Cv2%3Afinal\.md,line=\d+,title=postmortem [a-z-]+::/,
    );
  });

  it('lints only the ids and paths given, and refuses one that does not exist', async () => {
    const repo = examplesRepo({ [`postmortems/${OUTAGE}.md`]: brokenOutage() });
    const byId = await run(repo, [BREACH]);
    expect(byId.stdout).toBe('✔ 1 post-mortem checked: no problems\n');
    expect(byId.code).toBe(0);
    const byPath = await run(repo, [`postmortems/${OUTAGE}.md`, DST]);
    expect(byPath.code).toBe(1);
    expect(byPath.stdout).toContain('in 1 of 2 post-mortems');
    const missing = await run(repo, ['2026-01-01-nothing']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no post-mortem at postmortems/2026-01-01-nothing.md');
  });

  it('takes rule levels and phrases from postmortem.yml', async () => {
    const config = [
      'lint:',
      '  rules:',
      '    chronology: off',
      '    apology: warn',
      '    blameless-language: error',
      '  blameless_phrases:',
      '    "single point of failure": name the component, not the person who owns it',
      '    human error: off',
      '',
    ].join('\n');
    const text = brokenOutage().replace(
      'The process had no automatic restart',
      'Dana was a single point of failure, and the process had no automatic restart',
    );
    const repo = makeTempRepo({ 'postmortem.yml': config, [`postmortems/${OUTAGE}.md`]: text });
    const result = await run(repo, ['--format', 'json']);
    const { findings } = JSON.parse(result.stdout) as {
      findings: { rule: string; severity: string; message: string; hint: string }[];
    };
    expect(findings.some((f) => f.rule === 'chronology')).toBe(false);
    expect(findings.filter((f) => f.rule === 'apology').every((f) => f.severity === 'warn')).toBe(
      true,
    );
    expect(
      findings
        .filter((f) => f.rule === 'blameless-language')
        .map((f) => [f.severity, f.message, f.hint]),
    ).toEqual([
      [
        'error',
        '"single point of failure" in a contributing factor puts the blame on people',
        'name the component, not the person who owns it',
      ],
    ]);
    expect(result.code).toBe(1);
  });

  it('refuses a rule name that does not exist, with a suggestion', async () => {
    const repo = makeTempRepo({
      'postmortem.yml': 'lint:\n  rules:\n    chronolgy: off\n',
      [`postmortems/${OUTAGE}.md`]: example(`${OUTAGE}.md`),
    });
    const result = await run(repo, []);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('there is no rule "chronolgy" (did you mean "chronology"?)');
    expect(result.stdout).toBe('');
  });

  it('checks public leaks without writing anything', async () => {
    const text = example(`${OUTAGE}.md`).replace(
      'Nothing restarted it automatically.',
      'Nothing restarted app-prod-1 automatically.',
    );
    const repo = makeTempRepo({ [`postmortems/${OUTAGE}.md`]: text });
    const result = await run(repo, []);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${lineOf(text, 'Nothing restarted app-prod-1')}  error  public version: root_cause.description contains the redacted term "app-prod-1"  public-leak`,
    );
    expect(repo.git('status', '--porcelain')).toBe('');
  });
});
