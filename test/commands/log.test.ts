import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FOLDER, runLog } from '../../src/commands/log.js';
import { defaultConfig } from '../../src/config/config.js';
import type { CommandContext } from '../../src/context.js';
import { makeTempRepo } from '../helpers/repo.js';

const ID = '2026-03-14-app-server-outage';
const EXAMPLE = readFileSync(new URL(`../../examples/${ID}.md`, import.meta.url), 'utf8');

function context(cwd: string): { ctx: CommandContext; printed: string[] } {
  const printed: string[] = [];
  const out = {
    color: false,
    print: (text: string) => printed.push(text),
    printJson: (value: unknown) => printed.push(JSON.stringify(value)),
    info: () => undefined,
  };
  return { ctx: { cwd, repo: undefined, out } as unknown as CommandContext, printed };
}

describe('runLog', () => {
  it('guesses the folder config.ts gives by default', () => {
    expect(DEFAULT_FOLDER).toBe(defaultConfig().folder);
  });

  it('reads the right history when the config names another folder', async () => {
    const repo = makeTempRepo({
      'postmortem.yml': 'folder: incidents\n',
      [`incidents/${ID}.md`]: EXAMPLE,
      [`${DEFAULT_FOLDER}/${ID}.md`]: EXAMPLE.replace('title:', 'title: Decoy'),
    });
    repo.write(`incidents/${ID}.md`, EXAMPLE.replace('status: published', 'status: approved'));
    repo.git('commit', '--quiet', '-am', 'Back to approved');
    const { ctx, printed } = context(repo.root);
    await runLog(ctx, { id: ID, json: true });
    const history = JSON.parse(printed[0] ?? '[]') as { message: string; path: string }[];
    expect(history.map((h) => [h.message, h.path])).toEqual([
      ['Back to approved', `incidents/${ID}.md`],
      ['initial', `incidents/${ID}.md`],
    ]);
  });
});
