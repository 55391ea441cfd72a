// Zone formatting works out most wall times from an offset Intl gave for the whole hour:
// it must give exactly what Intl gives for each instant, at every kind of zone change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInZone, offsetMinutes, toIsoInZone } from '../../src/core/time.js';

const ZONES = [
  'UTC',
  'America/New_York',
  'America/Phoenix',
  'America/St_Johns',
  'Europe/London',
  'Europe/Moscow',
  'Europe/Dublin',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Pacific/Kiritimati',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Africa/Casablanca',
  'America/Santiago',
];

/** What Intl itself says, instant by instant: the reference. */
function intlText(ms: number, zone: string): string {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  for (const p of format.formatToParts(new Date(ms))) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('zone formatting by the hour', () => {
  it('gives what Intl gives for any instant and zone, 1850 to 2100', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...ZONES),
        (ms, zone) => {
          const at = Math.floor(ms / 1000) * 1000;
          expect(formatInZone(iso(at), zone)).toBe(intlText(at, zone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('every minute around changes of offset: DST, half-hour DST, +12:45, a skipped day', () => {
    const around = [
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['America/New_York', '2026-11-01T06:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
      ['Pacific/Chatham', '2026-04-04T14:00:00Z'],
      ['Pacific/Apia', '2011-12-30T10:00:00Z'],
      ['Europe/Moscow', '2011-03-26T23:00:00Z'],
      ['Australia/Sydney', '1895-01-31T13:55:08Z'],
      ['Asia/Kathmandu', '1985-12-31T18:30:00Z'],
    ] as const;
    for (const [zone, change] of around) {
      const centre = Date.parse(change);
      for (let m = -90; m <= 90; m++) {
        const at = centre + m * 60_000 + (m % 7) * 1000;
        expect(formatInZone(iso(at), zone), `${zone} ${iso(at)}`).toBe(intlText(at, zone));
      }
    }
  });

  it('offsets and ISO text agree with the wall time on both sides of a change', () => {
    const before = Date.parse('2026-04-04T14:59:59Z');
    const after = Date.parse('2026-04-04T15:00:00Z');
    expect(offsetMinutes(before, 'Australia/Lord_Howe')).toBe(11 * 60);
    expect(offsetMinutes(after, 'Australia/Lord_Howe')).toBe(10 * 60 + 30);
    expect(toIsoInZone(before, 'Australia/Lord_Howe')).toBe('2026-04-05T01:59:59+11:00');
    expect(toIsoInZone(after, 'Australia/Lord_Howe')).toBe('2026-04-05T01:30:00+10:30');
  });
});
