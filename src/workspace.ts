// Repo + config + document store, opened the same way by every command.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from './config/config.js';
import type { CommandContext } from './context.js';
import {
  ZONE_PARTS_FORMAT,
  learnedZoneParts,
  rememberZoneParts,
  type ZoneMemory,
} from './core/time.js';
import { writeFileAtomic } from './store/atomic.js';
import { DocumentStore } from './store/documents.js';
import { gitStateFile, locateRepo, requireGitRepo, type RepoLocation } from './store/repo.js';

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

// Zone formatting Intl worked out in earlier runs, in .git/postmortem/zones.json: the
// first Intl formatter of a process costs more than rendering a document. The results
// depend only on the ICU and time zone data of this Node and on how they are asked for;
// a file made under anything else is ignored whole.
interface ZonesFile extends ZoneMemory {
  stamp: string;
}

/** At most this many (zone, instant) results are kept, the latest learnt first. */
const MAX_ZONE_PARTS = 1000;

function zonesStamp(): string {
  const v = process.versions;
  return `${process.version} icu ${v.icu} tz ${v.tz} cldr ${v.cldr} ${ZONE_PARTS_FORMAT}`;
}

const isObject = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readZones(file: string): ZoneMemory {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ZonesFile>;
    if (parsed.stamp === zonesStamp() && isObject(parsed.parts) && Array.isArray(parsed.zones))
      return { parts: parsed.parts, zones: parsed.zones };
  } catch {
    // unreadable: start afresh
  }
  return { parts: {}, zones: [] };
}

/**
 * Hands zone formatting from earlier runs to core/time; the returned function keeps what
 * this run had to ask Intl for (nothing is written when it asked for nothing new).
 */
export function recallZones(location: RepoLocation): () => void {
  const file = gitStateFile(location.root, 'zones.json');
  if (file === undefined) return () => undefined;
  const known = readZones(file);
  rememberZoneParts(known);
  return () => {
    const learned = learnedZoneParts();
    const parts = Object.entries(learned.parts);
    const zones = learned.zones.filter((zone) => !known.zones.includes(zone));
    if (parts.length === 0 && zones.length === 0) return;
    const entry: ZonesFile = {
      stamp: zonesStamp(),
      parts: Object.fromEntries(
        [...parts, ...Object.entries(known.parts)].slice(0, MAX_ZONE_PARTS),
      ),
      zones: [...zones, ...known.zones].slice(0, MAX_ZONE_PARTS),
    };
    try {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileAtomic(file, JSON.stringify(entry));
    } catch {
      // A cache that cannot be written only costs the next run its first formatter.
    }
  };
}
