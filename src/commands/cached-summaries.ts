// What list, actions and stats show of each post-mortem, read through a summary cache in
// .git/postmortem/: a file unchanged since the last run is not read and parsed again (see
// store/summary-cache.ts for what "unchanged" means). A changed or new file is parsed and
// validated whole, exactly as `show` would; errors are remembered like summaries, since
// they too only change when the file does. The parser is loaded only for such a file.
import { join } from 'node:path';
import { loadConfig, severityNames, type Config } from '../config/config.js';
import type { CommandContext } from '../context.js';
import type { DocumentStore } from '../store/documents.js';
import { postmortemFiles } from '../store/files.js';
import { gitStateFile, locateRepo, type RepoLocation } from '../store/repo.js';
import { buildStamp, stampOf, SummaryCache } from '../store/summary-cache.js';

/** The repository and its config, as openWorkspace finds them, without the document store. */
export interface SummarySource {
  location: RepoLocation;
  config: Config;
}

export function summarySource(ctx: CommandContext): SummarySource {
  const location = locateRepo(ctx.cwd, ctx.repo);
  return { location, config: loadConfig(location.root) };
}

/** Everything a summary depends on besides its file: validation settings, build, zone data. */
function fingerprint(root: string, config: Config, format: number): string {
  return JSON.stringify({
    format,
    // Summaries name files from the root, which --repo DIR may move.
    root,
    build: buildStamp(),
    severities: severityNames(config),
    icu: process.versions.icu,
    tz: process.versions.tz,
  });
}

export interface CachedSummaries<T> {
  /** The cache file's name in .git/postmortem/. */
  name: string;
  /** Changed with the shape of the summaries: a cache of another format is dropped. */
  format: number;
  summarize: (store: DocumentStore, file: string) => T;
  isValue: (value: unknown) => value is T;
}

/** Every post-mortem's summary, in file name order. */
export async function readSummaries<T>(
  source: SummarySource,
  kind: CachedSummaries<T>,
  now?: () => number,
): Promise<T[]> {
  const { location, config } = source;
  const root = location.root;
  const cacheFile = location.isGit ? gitStateFile(root, kind.name) : undefined;
  const cache = new SummaryCache(cacheFile, fingerprint(root, config, kind.format), kind.isValue);
  let store: DocumentStore | undefined;
  const summaries: T[] = [];
  for (const file of postmortemFiles(join(root, config.folder))) {
    const stamp = stampOf(file, now);
    let summary = cache.get(file, stamp);
    if (summary === undefined) {
      store ??= new (await import('../store/documents.js')).DocumentStore(root, config);
      summary = kind.summarize(store, file);
      cache.setIfUnchanged(file, stamp, summary, now);
    }
    summaries.push(summary);
  }
  cache.save();
  return summaries;
}
