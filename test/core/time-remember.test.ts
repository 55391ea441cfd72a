// Zone formatting handed back from an earlier run gives exactly what Intl gives, on the
// hard cases too (DST edges, half-hour and 45-minute offsets, pre-1970 local mean time),
// and is used instead of Intl only for the exact (zone, instant) pairs it holds.
import { afterEach, describe, expect, it, vi } from 'vitest';

type Time = typeof import('../../src/core/time.js');

/** A fresh copy of the module: nothing formatted, nothing remembered. */
async function freshTime(): Promise<Time> {
  vi.resetModules();
  return import('../../src/core/time.js');
}

const CASES: [string, string][] = [
  // Lord Howe: DST ends 2026-04-05 02:00 +11:00 -> 01:30 +10:30 (a half-hour change).
  ['2026-04-05T01:59:00+11:00', 'Australia/Lord_Howe'],
  ['2026-04-05T01:30:00+10:30', 'Australia/Lord_Howe'],
  ['2026-10-04T02:00:00+10:30', 'Australia/Lord_Howe'],
  ['2026-10-04T01:59:00+10:30', 'Australia/Lord_Howe'],
  // Chatham: +12:45 / +13:45.
  ['2026-01-01T13:45:00+13:45', 'Pacific/Chatham'],
  ['2026-04-05T02:44:00+13:45', 'Pacific/Chatham'],
  ['2026-04-05T02:45:00+12:45', 'Pacific/Chatham'],
  // New York: the skipped and the repeated hour.
  ['2026-03-08T01:59:59-05:00', 'America/New_York'],
  ['2026-03-08T03:00:00-04:00', 'America/New_York'],
  ['2026-11-01T01:30:00-04:00', 'America/New_York'],
  ['2026-11-01T01:30:00-05:00', 'America/New_York'],
  // Sydney in 1890: local mean time, +10:04:52.
  ['1890-01-01T00:00:00Z', 'Australia/Sydney'],
  ['1969-12-31T23:59:59Z', 'Asia/Kolkata'],
  ['2026-03-14T02:07:00+11:00', 'UTC'],
  ['2026-06-30T12:00:00+01:00', 'Europe/London'],
];

function outputs(time: Time): string[] {
  return CASES.flatMap(([iso, zone]) => {
    const ms = time.parseIsoTime(iso) as number;
    return [
      time.formatInZone(iso, zone),
      time.dateInZone(iso, zone),
      time.toIsoInZone(ms, zone),
      String(time.offsetMinutes(ms, zone)),
    ];
  });
}

describe('zone formatting remembered between runs', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives exactly what Intl gives, without asking Intl', async () => {
    const first = await freshTime();
    const expected = outputs(first);
    const learned = first.learnedZoneParts();
    expect(Object.keys(learned.parts)).toHaveLength(CASES.length);
    expect(learned.parts[`Australia/Sydney ${Date.parse('1890-01-01T00:00:00Z')}`]).toBe(
      '1890-01-01T10:04:52 GMT+10:04:52',
    );

    const second = await freshTime();
    second.rememberZoneParts(learned);
    const intl = vi.spyOn(Intl, 'DateTimeFormat');
    expect(outputs(second)).toEqual(expected);
    expect(intl).not.toHaveBeenCalled();
    expect(second.learnedZoneParts()).toEqual({ parts: {}, zones: [] });
  });

  it('remembers valid zone names, so checking one needs no Intl', async () => {
    const first = await freshTime();
    expect(first.isTimeZone('Pacific/Chatham')).toBe(true);
    expect(first.isTimeZone('US/Eastern')).toBe(true);
    expect(first.isTimeZone('Mars/Olympus')).toBe(false);
    const learned = first.learnedZoneParts();
    expect(learned.zones).toEqual(['Pacific/Chatham', 'US/Eastern']);

    const second = await freshTime();
    second.rememberZoneParts(learned);
    const list = vi.spyOn(Intl, 'supportedValuesOf');
    expect(second.isTimeZone('Pacific/Chatham')).toBe(true);
    expect(second.isTimeZone('US/Eastern')).toBe(true);
    expect(list).not.toHaveBeenCalled();
    expect(second.isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('uses a remembered result only for its exact zone and instant', async () => {
    const time = await freshTime();
    const at = Date.parse('2026-03-14T02:07:00+11:00');
    time.rememberZoneParts({
      parts: { [`Australia/Sydney ${at}`]: '2026-03-14T02:07:00 TEST' },
      zones: [],
    });
    expect(time.formatInZone('2026-03-14T02:07:00+11:00', 'Australia/Sydney')).toBe(
      '2026-03-14 02:07 TEST',
    );
    expect(time.formatInZone('2026-03-14T02:08:00+11:00', 'Australia/Sydney')).toBe(
      '2026-03-14 02:08 GMT+11',
    );
    expect(time.formatInZone('2026-03-14T02:07:00+11:00', 'Australia/Melbourne')).toBe(
      '2026-03-14 02:07 GMT+11',
    );
  });

  it('ignores malformed remembered results and asks Intl', async () => {
    const time = await freshTime();
    const at = Date.parse('2026-03-14T02:07:00+11:00');
    time.rememberZoneParts({
      parts: {
        [`Australia/Sydney ${at}`]: '2026-03-14 02:07:00 GMT+11',
        [`Europe/Paris ${at}`]: 42 as unknown as string,
      },
      zones: [],
    });
    expect(time.formatInZone('2026-03-14T02:07:00+11:00', 'Australia/Sydney')).toBe(
      '2026-03-14 02:07 GMT+11',
    );
    expect(time.formatInZone('2026-03-14T02:07:00+11:00', 'Europe/Paris')).toBe(
      '2026-03-13 16:07 GMT+1',
    );
  });

  it('wall times to instants agree with and without remembered results', async () => {
    const wall = { year: 2026, month: 4, day: 5, hour: 1, minute: 45 };
    const first = await freshTime();
    const expected = [
      first.wallTimeToInstant(wall, 'Australia/Lord_Howe'),
      first.wallTimeToInstant(
        { ...wall, month: 3, day: 8, hour: 2, minute: 30 },
        'America/New_York',
      ),
    ];
    const second = await freshTime();
    second.rememberZoneParts(first.learnedZoneParts());
    expect([
      second.wallTimeToInstant(wall, 'Australia/Lord_Howe'),
      second.wallTimeToInstant(
        { ...wall, month: 3, day: 8, hour: 2, minute: 30 },
        'America/New_York',
      ),
    ]).toEqual(expected);
    expect(expected[0]?.ambiguous).toBe(true);
    expect(expected[1]).toBeUndefined();
  });
});
