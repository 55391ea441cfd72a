// A workspace on a real temp repo, for testing the store in-process. git runs with this
// process's environment, so it is isolated from the developer's own git config first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig, type Config } from '../../src/config/config.js';
import type { Postmortem } from '../../src/core/model.js';
import { parsePostmortemText } from '../../src/core/parse.js';
import { serializePostmortem } from '../../src/core/serialize.js';
import { DocumentStore } from '../../src/store/documents.js';
import type { Workspace } from '../../src/workspace.js';
import { isolatedEnv, makeTempRepo, type TempRepo } from '../helpers/repo.js';

export const EXAMPLE_ID = '2026-03-14-app-server-outage';
export const EXAMPLE_TEXT = readFileSync(
  new URL(`../../examples/${EXAMPLE_ID}.md`, import.meta.url),
  'utf8',
);

export function exampleDoc(overrides: Partial<Postmortem> = {}): Postmortem {
  return { ...parsePostmortemText(EXAMPLE_TEXT, 'example.md'), ...overrides };
}

export function docText(overrides: Partial<Postmortem> = {}): string {
  return serializePostmortem(exampleDoc(overrides));
}

/** Point this process's git at the temp repo's home, away from the developer's config. */
export function isolateProcess(repo: TempRepo): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('GIT_')) delete process.env[key];
  Object.assign(process.env, isolatedEnv(repo.home));
}

export function workspaceFor(repo: TempRepo, config: Partial<Config> = {}): Workspace {
  const merged = { ...defaultConfig(), ...config };
  return {
    location: { root: repo.root, isGit: true },
    config: merged,
    store: new DocumentStore(repo.root, merged),
  };
}

/** A repo holding the example post-mortem, committed, with the process isolated. */
export function repoWithExample(
  files: Record<string, string> = {},
  options: Parameters<typeof makeTempRepo>[1] = {},
): TempRepo {
  const repo = makeTempRepo({ [`postmortems/${EXAMPLE_ID}.md`]: EXAMPLE_TEXT, ...files }, options);
  isolateProcess(repo);
  return repo;
}

export const docPath = (repo: TempRepo, id = EXAMPLE_ID): string =>
  join(repo.root, 'postmortems', `${id}.md`);

/** Paths changed by a commit. */
export function filesIn(repo: TempRepo, rev = 'HEAD'): string[] {
  return repo.git('show', '--name-only', '--format=', rev).split('\n').filter(Boolean).sort();
}
