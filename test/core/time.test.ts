import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src/core/metrics.js';
import {
  dateInZone,
  formatDuration,
  formatInZone,
  isIsoTime,
  isPlainDate,
  isRealDate,
  isTimeZone,
  minutesBetween,
  monthInZone,
  parseIsoTime,
  toIsoInZone,
  wallTimeToInstant,
} from '../../src/core/time.js';

const utc = (iso: string): number => Date.parse(iso);

describe('durations are exact across DST changes', () => {
  it('Australia/Sydney, DST ends 2026-04-05 03:00 AEDT -> 02:00 AEST', () => {
    // One wall-clock hour apart, two real hours apart.
    expect(minutesBetween('2026-04-05T01:30:00+11:00', '2026-04-05T02:30:00+10:00')).toBe(120);
    // The repeated hour: the same wall time twice, 60 minutes apart.
    expect(minutesBetween('2026-04-05T02:30:00+11:00', '2026-04-05T02:30:00+10:00')).toBe(60);
  });

  it('Australia/Sydney, DST starts 2026-10-04 02:00 AEST -> 03:00 AEDT', () => {
    expect(minutesBetween('2026-10-04T01:30:00+10:00', '2026-10-04T03:30:00+11:00')).toBe(60);
  });

  it('America/New_York, both changes of 2026', () => {
    expect(minutesBetween('2026-03-08T01:30:00-05:00', '2026-03-08T03:30:00-04:00')).toBe(60);
    expect(minutesBetween('2026-11-01T01:30:00-04:00', '2026-11-01T01:30:00-05:00')).toBe(60);
    expect(minutesBetween('2026-11-01T00:30:00-04:00', '2026-11-01T02:30:00-05:00')).toBe(180);
  });

  it('metrics: whole minutes, truncated, null where a time is missing', () => {
    expect(
      computeMetrics({
        started_at: '2026-04-05T01:50:00+11:00',
        detected_at: '2026-04-05T02:10:00+10:00',
        mitigated_at: '2026-04-05T02:14:59+10:00',
      }),
    ).toStrictEqual({ time_to_detect: 80, time_to_mitigate: 84, time_to_resolve: null });
    expect(minutesBetween('2026-01-01T00:00:00Z', '2026-01-01T00:00:59Z')).toBe(0);
    expect(Object.is(minutesBetween('2026-01-01T00:00:30Z', '2026-01-01T00:00:00Z'), 0)).toBe(true);
    expect(minutesBetween('2026-01-01T00:00:00Z', '2025-12-31T23:59:00Z')).toBe(-1);
    expect(minutesBetween('2026-01-01T00:00:00Z', undefined)).toBeNull();
    expect(minutesBetween('2026-01-01T00:00:00Z', 'later')).toBeNull();
  });
});

describe('wallTimeToInstant', () => {
  it('picks the earlier instant in the repeated hour and says it is ambiguous', () => {
    expect(
      wallTimeToInstant({ year: 2026, month: 4, day: 5, hour: 2, minute: 30 }, 'Australia/Sydney'),
    ).toStrictEqual({
      ms: utc('2026-04-04T15:30:00Z'),
      ambiguous: true,
    });
    expect(
      wallTimeToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York'),
    ).toStrictEqual({
      ms: utc('2026-11-01T05:30:00Z'),
      ambiguous: true,
    });
  });

  it('refuses a wall time that DST skips', () => {
    expect(
      wallTimeToInstant({ year: 2026, month: 10, day: 4, hour: 2, minute: 30 }, 'Australia/Sydney'),
    ).toBeUndefined();
    expect(
      wallTimeToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York'),
    ).toBeUndefined();
  });

  it('finds ordinary times, also in zones with odd offsets', () => {
    expect(
      wallTimeToInstant({ year: 2026, month: 7, day: 1, hour: 12, minute: 0 }, 'America/New_York'),
    ).toStrictEqual({
      ms: utc('2026-07-01T16:00:00Z'),
      ambiguous: false,
    });
    expect(
      wallTimeToInstant({ year: 2026, month: 1, day: 1, hour: 5, minute: 45 }, 'Asia/Kathmandu'),
    ).toStrictEqual({
      ms: utc('2026-01-01T00:00:00Z'),
      ambiguous: false,
    });
  });
});

describe('times as text', () => {
  it('accepts ISO 8601 with an offset and refuses everything else', () => {
    for (const ok of [
      '2026-11-24T02:07:00+11:00',
      '2026-11-24T02:07+11:00',
      '2026-11-24T02:07:00.123Z',
      '2024-02-29T00:00:00Z',
      '2026-01-01T00:00:00-00:00',
    ]) {
      expect(isIsoTime(ok), ok).toBe(true);
    }
    for (const bad of [
      '2026-11-24T02:07:00',
      '2026-11-24',
      '12:30',
      '2026-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T00:00:60Z',
      '2026-01-01T00:00:00+24:00',
      '2026-01-01T00:00:00+0100',
      '2026-01-01 00:00:00Z',
      '2026-01-01t00:00:00z',
      '+002026-01-01T00:00:00Z',
      '',
    ]) {
      expect(isIsoTime(bad), bad).toBe(false);
    }
    expect(parseIsoTime('2026-11-24T02:07:00+11:00')).toBe(utc('2026-11-23T15:07:00Z'));
  });

  it('reads every field where the pattern puts it, as a reading by the calendar would', () => {
    // The reference: the pattern's groups, and the calendar of Date.UTC (years 0-99 are 1900-1999).
    const reference = (text: string): number | undefined => {
      const m =
        /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/.exec(
          text,
        );
      if (!m) return undefined;
      const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i])) as [
        number,
        number,
        number,
        number,
        number,
      ];
      const second = m[6] === undefined ? 0 : Number(m[6]);
      const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
      if (month < 1 || month > 12 || day < 1 || day > days) return undefined;
      if (hour > 23 || minute > 59 || second > 59) return undefined;
      if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
      const ms = Date.parse(text);
      return Number.isNaN(ms) ? undefined : ms;
    };
    const two = (max: number): fc.Arbitrary<string> =>
      fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom('0000', '0004', '0099', '0100', '1900', '2000', '2024', '2100', '9999'),
          fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        ),
        two(13),
        two(32),
        two(25),
        two(61),
        fc.option(two(61)),
        fc.constantFrom('', '.5', '.123456789', '.1234567890', '.'),
        fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), two(25), two(61))),
        (year, month, day, hour, minute, second, fraction, zone) => {
          const text = `${year}-${month}-${day}T${hour}:${minute}${second === null ? '' : `:${second}${fraction}`}${typeof zone === 'string' ? zone : zone.join('').replace(/(\d{2})$/, ':$1')}`;
          expect(parseIsoTime(text), text).toBe(reference(text));
        },
      ),
      { numRuns: 3000 },
    );
    // Near misses: a time with characters changed, added or taken away.
    fc.assert(
      fc.property(
        fc.constantFrom('2026-11-24T02:07:00+11:00', '2024-02-29T23:59:59.5Z', '2026-01-02T03:04Z'),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.constantFrom('', '0', '9', '-', ':', 'T', 't', 'Z', '+', '.', ' ', '\n', '١'),
            fc.boolean(),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        (time, edits) => {
          let text = time;
          for (const [at, insert, replace] of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert + text.slice(replace ? i + 1 : i);
          }
          expect(parseIsoTime(text), text).toBe(reference(text));
        },
      ),
      { numRuns: 3000 },
    );
    for (let year = 0; year <= 2400; year += year < 120 ? 1 : 4) {
      expect(isRealDate(year, 2, 29), String(year)).toBe(
        new Date(Date.UTC(year, 2, 0)).getUTCDate() === 29,
      );
    }
  });

  it('plain dates and timezones', () => {
    expect(isPlainDate('2026-12-15')).toBe(true);
    expect(isPlainDate('2026-02-30')).toBe(false);
    expect(isPlainDate('2026-12-15T00:00:00Z')).toBe(false);
    for (const bad of ['2026-12-1', '2026-12-150', '2026/12/15', '2026-1a-15', ' 2026-12-15']) {
      expect(isPlainDate(bad), bad).toBe(false);
    }
    expect(isPlainDate('2024-02-29')).toBe(true);
    expect(isTimeZone('Australia/Sydney')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('shows an instant in the document timezone, on the right side of the repeated hour', () => {
    expect(formatInZone('2026-04-05T02:30:00+11:00', 'Australia/Sydney')).toBe(
      '2026-04-05 02:30 GMT+11',
    );
    expect(formatInZone('2026-04-05T02:30:00+10:00', 'Australia/Sydney')).toBe(
      '2026-04-05 02:30 GMT+10',
    );
    expect(formatInZone('2026-11-01T06:30:00Z', 'America/New_York')).toBe('2026-11-01 01:30 EST');
    expect(formatInZone('not a time', 'UTC')).toBe('not a time');
    // A plain date read as UTC would show the day before in New York; an instant does not move.
    expect(dateInZone('2026-03-10T02:00:00Z', 'America/New_York')).toBe('2026-03-09');
    expect(dateInZone('2026-03-10T02:00:00-05:00', 'America/New_York')).toBe('2026-03-10');
  });

  it('writes an instant with the offset its zone has then', () => {
    expect(toIsoInZone(utc('2026-04-04T15:30:00Z'), 'Australia/Sydney')).toBe(
      '2026-04-05T02:30:00+11:00',
    );
    expect(toIsoInZone(utc('2026-04-04T16:30:00Z'), 'Australia/Sydney')).toBe(
      '2026-04-05T02:30:00+10:00',
    );
    expect(toIsoInZone(utc('2026-01-01T00:00:00Z'), 'America/St_Johns')).toBe(
      '2025-12-31T20:30:00-03:30',
    );
    expect(toIsoInZone(utc('2026-01-01T00:00:00Z'), 'UTC')).toBe('2026-01-01T00:00:00+00:00');
  });

  it('formats durations for people', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(0)).toBe('0m');
    expect(formatDuration(45)).toBe('45m');
    expect(formatDuration(183)).toBe('3h 3m');
    expect(formatDuration(3000)).toBe('2d 2h');
    expect(formatDuration(-5)).toBe('-5m');
  });
});

describe('monthInZone', () => {
  it("is the month of dateInZone, for every zone, near a month's ends and away from them", () => {
    // The zones furthest from UTC either way (historical local mean times included), and
    // instants spread over years, thick around month ends.
    const zones = Intl.supportedValuesOf('timeZone');
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2100, 0, 1) }),
      fc
        .tuple(
          fc.integer({ min: 1850, max: 2099 }),
          fc.integer({ min: 0, max: 11 }),
          fc.integer({ min: -50, max: 50 }),
        )
        .map(([y, m, h]) => Date.UTC(y, m, 1) + h * 3_600_000),
    );
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom(
          ...zones,
          'Pacific/Kiritimati',
          'Etc/GMT+12',
          'America/Sitka',
          'Asia/Manila',
        ),
        (ms, zone) => {
          const iso = new Date(ms).toISOString();
          expect(monthInZone(iso, zone)).toBe(dateInZone(iso, zone).slice(0, 7));
        },
      ),
      { numRuns: 3000 },
    );
    expect(monthInZone('2026-03-01T02:00:00Z', 'America/New_York')).toBe('2026-02');
    expect(monthInZone('2026-03-31T12:00:00Z', 'Pacific/Kiritimati')).toBe('2026-04');
    expect(monthInZone('not a time', 'UTC')).toBe('not a t');
  });
});
