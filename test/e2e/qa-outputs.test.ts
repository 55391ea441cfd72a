// render --out and publish --out never overwrite what the tool reads: the post-mortems,
// postmortem.yml, the git folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo } from '../helpers/repo.js';

const ID = '2026-03-14-app-server-outage';
const EXAMPLE = readFileSync(new URL(`../../examples/${ID}.md`, import.meta.url), 'utf8');
const CONFIG = 'timezone: UTC\n';

describe('output paths that are sources', () => {
  it('refuses them as usage errors and leaves every source byte as it was', async () => {
    const repo = makeTempRepo({ [`postmortems/${ID}.md`]: EXAMPLE, 'postmortem.yml': CONFIG });
    const gitConfig = readFileSync(join(repo.root, '.git', 'config'), 'utf8');
    const cases: [string[], string][] = [
      [['publish', '--out', 'postmortems'], 'the post-mortems folder postmortems/'],
      [['publish', '--out', 'postmortems/site'], 'the post-mortems folder postmortems/'],
      [['publish', '--out', '.git'], 'the git folder'],
      [
        ['render', ID, '--audience', 'public', '--out', `postmortems/${ID}.md`],
        'the post-mortems folder postmortems/',
      ],
      [['render', ID, '--audience', 'public', '--out', 'postmortem.yml'], 'postmortem.yml'],
      [['render', ID, '--audience', 'public', '--out', '.git/config'], 'the git folder'],
    ];
    for (const [args, source] of cases) {
      const result = await runCli(args, { cwd: repo.root, env: repo.env });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(`would overwrite ${source}: not writing there\n`);
    }
    expect(readFileSync(join(repo.root, 'postmortems', `${ID}.md`), 'utf8')).toBe(EXAMPLE);
    expect(readFileSync(join(repo.root, 'postmortem.yml'), 'utf8')).toBe(CONFIG);
    expect(readFileSync(join(repo.root, '.git', 'config'), 'utf8')).toBe(gitConfig);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('still writes next to them', async () => {
    const repo = makeTempRepo({ [`postmortems/${ID}.md`]: EXAMPLE });
    const render = await runCli(['render', ID, '--audience', 'public', '--out', 'report.md'], {
      cwd: repo.root,
      env: repo.env,
    });
    expect(render.code).toBe(0);
    const publish = await runCli(['publish', '--out', 'site'], { cwd: repo.root, env: repo.env });
    expect(publish.code).toBe(0);
    expect(readFileSync(join(repo.root, 'site', `${ID}.md`), 'utf8')).toBe(
      readFileSync(join(repo.root, 'report.md'), 'utf8'),
    );
  });
});
