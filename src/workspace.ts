// Repo + config + document store, opened the same way by every command.
import { loadConfig, type Config } from './config/config.js';
import type { CommandContext } from './context.js';
import { DocumentStore } from './store/documents.js';
import { locateRepo, requireGitRepo, type RepoLocation } from './store/repo.js';

export interface Workspace {
  location: RepoLocation;
  config: Config;
  store: DocumentStore;
}

export function openWorkspace(ctx: CommandContext, options: { write?: boolean } = {}): Workspace {
  const location = locateRepo(ctx.cwd, ctx.repo);
  if (options.write) requireGitRepo(location);
  const config = loadConfig(location.root);
  return { location, config, store: new DocumentStore(location.root, config) };
}
