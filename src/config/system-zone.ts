// The system's time zone, as Intl names it. Intl's own answer costs ~12 ms in a fresh
// process (its first DateTimeFormat loads ICU's locale data), a tenth of `init`. Where the
// system says it the way ICU reads it, it is read the same way: no TZ variable, and
// /etc/localtime a link into a zoneinfo/ folder, whose name ICU takes as the zone. Only a
// name on Intl's own list of canonical zones (or UTC under another name) is taken;
// anything else is left to Intl.
import { readlinkSync } from 'node:fs';
import { isCanonicalTimeZone } from '../core/time.js';

/** What ICU and V8 call UTC whichever of these names the link has. */
const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'Etc/Universal', 'Etc/Zulu', 'Etc/GMT']);

export interface SystemZoneSources {
  env: Record<string, string | undefined>;
  /** The target of /etc/localtime; throws when it is not a link. */
  localtimeLink: () => string;
  /** Intl's answer, the fallback. */
  intlZone: () => string | undefined;
}

const SYSTEM: SystemZoneSources = {
  env: process.env,
  localtimeLink: () => readlinkSync('/etc/localtime'),
  intlZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
};

function fromLink(sources: SystemZoneSources): string | undefined {
  if (sources.env.TZ !== undefined) return undefined;
  let target: string;
  try {
    target = sources.localtimeLink();
  } catch {
    return undefined;
  }
  const at = target.lastIndexOf('zoneinfo/');
  if (at === -1) return undefined;
  const name = target.slice(at + 'zoneinfo/'.length);
  if (UTC_NAMES.has(name)) return 'UTC';
  return isCanonicalTimeZone(name) ? name : undefined;
}

/** The IANA name of the system's zone, the same as Intl's. */
export function systemTimezone(sources: SystemZoneSources = SYSTEM): string | undefined {
  return fromLink(sources) ?? sources.intlZone();
}
