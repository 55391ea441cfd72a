import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { systemTimezone, type SystemZoneSources } from '../../src/config/system-zone.js';

const intlName = (zone: string): string =>
  new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;

function sources(link: string | Error, env: Record<string, string> = {}): SystemZoneSources {
  return {
    env,
    localtimeLink: () => {
      if (link instanceof Error) throw link;
      return link;
    },
    intlZone: () => 'From/Intl',
  };
}

describe('systemTimezone', () => {
  it('names every zone the way Intl names it when /etc/localtime links to it', () => {
    // Intl canonicalizes a zone given by name as it does the system's: the oracle.
    const names = [
      ...Intl.supportedValuesOf('timeZone'),
      'UTC',
      'Etc/UTC',
      'Etc/UCT',
      'Etc/Universal',
      'Etc/Zulu',
      'Etc/GMT',
    ];
    for (const zone of names) {
      expect(systemTimezone(sources(`/usr/share/zoneinfo/${zone}`)), zone).toBe(intlName(zone));
    }
    expect(systemTimezone(sources('/usr/share/zoneinfo/Europe/Berlin'))).toBe('Europe/Berlin');
    expect(systemTimezone(sources('/var/db/timezone/zoneinfo/Etc/UTC'))).toBe('UTC');
  });

  it('leaves every other case to Intl', () => {
    // An alias (Intl gives its canonical name), a name ICU does not know, no link at all,
    // a link outside zoneinfo/, and a TZ variable, which ICU reads first.
    expect(systemTimezone(sources('/usr/share/zoneinfo/US/Eastern'))).toBe('From/Intl');
    expect(systemTimezone(sources('/usr/share/zoneinfo/Mars/Olympus'))).toBe('From/Intl');
    expect(systemTimezone(sources(new Error('EINVAL: not a link')))).toBe('From/Intl');
    expect(systemTimezone(sources('/etc/zones/Europe/Berlin'))).toBe('From/Intl');
    const tz = { TZ: 'Asia/Tokyo' };
    expect(systemTimezone(sources('/usr/share/zoneinfo/Europe/Berlin', tz))).toBe('From/Intl');
  });

  it('gives what Intl gives on this machine, and under TZ (the build, in a new process)', () => {
    const built = new URL('../../dist/config/system-zone.js', import.meta.url).href;
    const script = `import(${JSON.stringify(built)}).then((m) => console.log(JSON.stringify([m.systemTimezone(), Intl.DateTimeFormat().resolvedOptions().timeZone])))`;
    for (const env of [{}, { TZ: 'America/New_York' }, { TZ: 'Australia/Sydney' }]) {
      const run = spawnSync(process.execPath, ['-e', script], {
        encoding: 'utf8',
        env: { ...process.env, TZ: undefined, ...env },
      });
      const [ours, intl] = JSON.parse(run.stdout) as [string, string];
      expect(ours).toBe(intl);
      if ('TZ' in env) expect(ours).toBe(env.TZ);
    }
  });
});
