import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimeInput, type TimeInputOptions } from '../../src/core/time-input.js';
import { toIsoInZone } from '../../src/core/time.js';

const sydney: TimeInputOptions = {
  zone: 'Australia/Sydney',
  now: new Date('2026-11-24T10:00:00+11:00'),
  day: '2026-11-24',
};

function iso(input: string, options: Partial<TimeInputOptions> = {}): string {
  const result = parseTimeInput(input, { ...sydney, ...options });
  if (!result.ok) throw new Error(`not ok: ${result.reason}`);
  return result.iso;
}

function reason(input: string, options: Partial<TimeInputOptions> = {}): string {
  const result = parseTimeInput(input, { ...sydney, ...options });
  if (result.ok) throw new Error(`expected a refusal, got ${result.iso}`);
  return result.reason;
}

describe('parseTimeInput', () => {
  it('reads ISO 8601 with an offset and writes it in the incident zone', () => {
    expect(iso('2026-11-24T02:07:00+11:00')).toBe('2026-11-24T02:07:00+11:00');
    expect(iso('2026-11-23T15:07Z')).toBe('2026-11-24T02:07:00+11:00');
    expect(iso('2026-11-24 02:07+1100')).toBe('2026-11-24T02:07:00+11:00');
  });

  it('reads 02:07 as that day in the incident zone, and echoes the absolute time', () => {
    const result = parseTimeInput('02:07', sydney);
    expect(result).toMatchObject({ ok: true, iso: '2026-11-24T02:07:00+11:00' });
    expect(result.ok && result.echo).toContain('2026-11-24 02:07');
    expect(result.ok && result.echo).toContain('2026-11-24T02:07:00+11:00');
  });

  it('reads +15m and +1h30m after the previous entry, and says so', () => {
    const reference = { at: '2026-11-24T02:00:00+11:00', label: 'the previous entry' };
    expect(iso('+15m', { reference })).toBe('2026-11-24T02:15:00+11:00');
    expect(iso('+1h30m', { reference })).toBe('2026-11-24T03:30:00+11:00');
    const result = parseTimeInput('+1h30m', { ...sydney, reference });
    expect(result.ok && result.echo).toContain('+1h 30m after the previous entry');
    expect(reason('+15m')).toMatch(/counts from the previous time/);
  });

  it('reads "yesterday 23:50" relative to today, not to the incident day', () => {
    expect(iso('yesterday 23:50', { day: '2026-11-20' })).toBe('2026-11-23T23:50:00+11:00');
    expect(iso('now')).toBe('2026-11-24T10:00:00+11:00');
  });

  it('refuses impossible times with the reason', () => {
    expect(reason('25:00')).toMatch(/hours go from 00 to 23/);
    expect(reason('02:61')).toMatch(/minutes go from 00 to 59/);
    expect(reason('2026-02-30T10:00')).toMatch(/not a date on the calendar/);
    expect(reason('2026-02-30T10:00:00+11:00')).toMatch(/not a real time/);
    expect(reason('half past two')).toMatch(/not a time I can read/);
    expect(reason('')).toMatch(/type a time/);
  });

  it('refuses a time before the one it must follow (detected before started)', () => {
    const notBefore = { at: '2026-11-24T02:00:00+11:00', label: 'the start' };
    expect(reason('01:55', { notBefore })).toMatch(/is before the start .*cannot be/);
    expect(iso('02:00', { notBefore })).toBe('2026-11-24T02:00:00+11:00');
  });

  it('refuses a time in the future', () => {
    expect(reason('23:00')).toMatch(/is in the future/);
    expect(iso('10:04')).toBe('2026-11-24T10:04:00+11:00');
  });

  it('moves a bare time far before the reference to the next day, and says so', () => {
    const options = { day: '2026-11-23', rollForwardAfter: '2026-11-23T23:50:00+11:00' };
    const result = parseTimeInput('00:10', { ...sydney, ...options });
    expect(result).toMatchObject({ ok: true, iso: '2026-11-24T00:10:00+11:00' });
    expect(result.ok && result.echo).toContain('the next day');
    expect(iso('23:00', { day: '2026-11-23', rollForwardAfter: '2026-11-23T23:50:00+11:00' })).toBe(
      '2026-11-23T23:00:00+11:00',
    );
  });

  describe('daylight saving time', () => {
    const berlin = {
      zone: 'Europe/Berlin',
      now: new Date('2026-10-26T12:00:00Z'),
      day: '2026-10-25',
    };

    it('asks which of the two 02:30 on the night the clocks go back, with both offsets', () => {
      const result = parseTimeInput('02:30', berlin);
      expect(result.ok).toBe(false);
      if (result.ok || !('ambiguous' in result)) throw new Error('expected an ambiguous answer');
      expect(result.reason).toMatch(/happened twice in Europe\/Berlin/);
      expect(result.ambiguous.map((c) => c.iso)).toEqual([
        '2026-10-25T02:30:00+02:00',
        '2026-10-25T02:30:00+01:00',
      ]);
      expect(result.ambiguous[0].label).toContain('+02:00');
      expect(result.ambiguous[1].label).toContain('+01:00');
    });

    it('takes an explicit offset in the repeated hour as written', () => {
      const result = parseTimeInput('2026-10-25T02:20+01:00', berlin);
      expect(result).toMatchObject({ ok: true, iso: '2026-10-25T02:20:00+01:00' });
    });

    it('refuses a time the clocks skipped', () => {
      const spring = {
        zone: 'Europe/Berlin',
        now: new Date('2026-03-30T12:00:00Z'),
        day: '2026-03-29',
      };
      expect(reason('02:30', spring)).toMatch(/does not exist in Europe\/Berlin/);
    });
  });

  it('reads back any instant typed as ISO 8601 exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2030, 0, 1) / 60_000 }),
        fc.constantFrom(
          'Australia/Sydney',
          'Europe/Berlin',
          'America/New_York',
          'Asia/Kolkata',
          'UTC',
        ),
        (minute, zone) => {
          const text = toIsoInZone(minute * 60_000, zone);
          const result = parseTimeInput(text, { zone, now: new Date(Date.UTC(2031, 0, 1)) });
          expect(result).toMatchObject({ ok: true, iso: text });
        },
      ),
    );
  });
});
