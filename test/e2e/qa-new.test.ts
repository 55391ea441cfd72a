// `new` when the id it would use is taken: a second incident with the same title that day.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempRepo } from '../helpers/repo.js';

const ANSWERS = new URL('../../examples/answers/2026-03-14-app-server-outage.yml', import.meta.url)
  .pathname;

describe('new with an id that is taken', () => {
  it('--quick names the update for the same incident and the first free --id for another', async () => {
    const repo = makeTempRepo({ 'postmortem.yml': 'timezone: UTC\n' });
    const env = { ...repo.env, POSTMORTEM_NOW: '2026-05-02T10:00:00Z' };
    const file = join(repo.root, 'postmortems', '2026-05-02-api-down.md');
    expect((await runCli(['new', '--quick', 'API down'], { cwd: repo.root, env })).code).toBe(0);
    const first = readFileSync(file, 'utf8');
    const again = await runCli(['new', '--quick', 'API down'], { cwd: repo.root, env });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      'postmortem: postmortems/2026-05-02-api-down.md already exists: not overwriting it\n' +
        '  if it is the same incident, add to it with `postmortem update 2026-05-02-api-down "text"`; if not, run `postmortem new --quick "API down" --id 2026-05-02-api-down-2`\n',
    );
    expect(readFileSync(file, 'utf8')).toBe(first);
    const second = await runCli(['new', '--quick', 'API down', '--id', '2026-05-02-api-down-2'], {
      cwd: repo.root,
      env,
    });
    expect(second.code).toBe(0);
    const third = await runCli(['new', '--quick', 'API down'], { cwd: repo.root, env });
    expect(third.stderr).toContain('--id 2026-05-02-api-down-3`');
  });

  it('--answers points at edit for the same post-mortem', async () => {
    const repo = makeTempRepo();
    expect(
      (await runCli(['new', '--answers', ANSWERS], { cwd: repo.root, env: repo.env })).code,
    ).toBe(0);
    const again = await runCli(['new', '--answers', ANSWERS], { cwd: repo.root, env: repo.env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      'change it with `postmortem edit 2026-03-14-app-server-outage`; if not, run `postmortem new --answers',
    );
    expect(again.stderr).toContain('--id 2026-03-14-app-server-outage-2`');
  });
});
