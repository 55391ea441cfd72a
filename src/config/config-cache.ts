// The parsed config, remembered in .git/postmortem/config.json next to the exact text it
// came from: a repo's commented postmortem.yml needs the full YAML library (~25 ms to
// load), and every command reads it. The cache is used only when the text is the same
// byte for byte and the build that wrote it is this one; anything else is re-parsed.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/atomic.js';
import { gitStateFile } from '../store/repo.js';
import { buildStamp } from '../store/summary-cache.js';
import type { Config } from './config.js';

interface CacheFile {
  build: string;
  text: string;
  config: Config;
}

const cacheFile = (root: string): string | undefined => gitStateFile(root, 'config.json');

export function readCachedConfig(root: string, text: string): Config | undefined {
  const file = cacheFile(root);
  if (file === undefined) return undefined;
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    return cached.build === buildStamp() && cached.text === text ? cached.config : undefined;
  } catch {
    return undefined;
  }
}

export function writeCachedConfig(root: string, text: string, config: Config): void {
  const file = cacheFile(root);
  if (file === undefined) return;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const entry: CacheFile = { build: buildStamp(), text, config };
    writeFileAtomic(file, JSON.stringify(entry));
  } catch {
    // A cache that cannot be written only costs the next run a parse.
  }
}
