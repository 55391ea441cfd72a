// Forgiving but exact time input: what a tired engineer types ("02:07", "+15m",
// "yesterday 23:50") -> one ISO 8601 instant with its offset, or the reason it cannot be.
// Pure: the clock, the zone and the reference times are passed in.
import {
  dateInZone,
  formatDuration,
  formatInZone,
  isRealDate,
  parseIsoTime,
  toIsoInZone,
  wallTimeToInstant,
} from './time.js';

export interface TimeInputOptions {
  /** IANA zone the incident is written in: wall times are read in it. */
  zone: string;
  /** The current instant (the clock is injected). */
  now: Date;
  /** The day (YYYY-MM-DD, in `zone`) a bare "02:07" belongs to; default: today. */
  day?: string;
  /** What "+15m" counts from (ISO 8601), and its name for messages. */
  reference?: { at: string; label: string };
  /** The answer may not be earlier than this (ISO 8601), e.g. detected not before started. */
  notBefore?: { at: string; label: string };
  /** A bare "HH:MM" more than 12 hours before this moves to the next day (an incident that crossed midnight). */
  rollForwardAfter?: string;
  /** Refuse times later than now plus this many minutes (default 5; null: no limit). */
  futureToleranceMinutes?: number | null;
}

export type TimeInputResult =
  | { ok: true; iso: string; echo: string }
  | { ok: false; reason: string }
  /** A wall time in the hour that repeats when DST ends: the caller must choose. */
  | { ok: false; reason: string; ambiguous: [TimeChoice, TimeChoice] };

export interface TimeChoice {
  iso: string;
  label: string;
}

export const TIME_INPUT_HELP =
  'ISO 8601 (2026-11-24T02:07+11:00), 02:07, +15m, +1h30m, yesterday 23:50, or now';

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const ISO_OFFSET = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2})(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/i;
const CLOCK = /^(?:(today|yesterday|tomorrow)\s+)?(\d{1,2})[:.h](\d{2})$/i;
const RELATIVE = /^([+-])\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?$/i;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function wallOf(day: string, hour: number, minute: number): Wall | string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  if (hour > 23) return `${hour}:${pad(minute)} is not a time of day: hours go from 00 to 23`;
  if (minute > 59) return `${hour}:${pad(minute)} is not a time of day: minutes go from 00 to 59`;
  if (!isRealDate(year, month, date)) return `${day} is not a date on the calendar`;
  return { year, month, day: date, hour, minute };
}

function zoneAbbreviation(ms: number, zone: string): string {
  return formatInZone(new Date(ms).toISOString(), zone).split(' ')[2] ?? '';
}

/** Every instant that shows this wall time in the zone, earliest first (0, 1 or 2). */
export function instantsOfWallTime(wall: Wall, zone: string): number[] {
  const first = wallTimeToInstant(wall, zone);
  if (!first) return [];
  if (!first.ambiguous) return [first.ms];
  const out = [first.ms];
  // The repeated hour: the same wall time comes back after the clocks go back
  // (by an hour almost everywhere, 30 minutes on Lord Howe Island).
  for (let step = 15; step <= 180; step += 15) {
    const ms = first.ms + step * 60_000;
    if (toIsoInZone(ms, zone).slice(0, 16) === toIsoInZone(first.ms, zone).slice(0, 16)) {
      out.push(ms);
      break;
    }
  }
  return out;
}

function fromWall(
  wall: Wall | string,
  zone: string,
): { ms: number } | { reason: string } | { ambiguous: [TimeChoice, TimeChoice]; reason: string } {
  if (typeof wall === 'string') return { reason: wall };
  const text = `${wall.year}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}`;
  const instants = instantsOfWallTime(wall, zone);
  if (instants.length === 0) {
    return {
      reason: `${text} does not exist in ${zone}: the clocks skipped that time when daylight saving time started`,
    };
  }
  const [a, b] = instants;
  if (a !== undefined && b !== undefined) {
    const choice = (ms: number, which: string): TimeChoice => {
      const iso = toIsoInZone(ms, zone);
      return {
        iso,
        label: `${text} ${zoneAbbreviation(ms, zone)} (${iso.slice(19)}, the ${which} time)`,
      };
    };
    return {
      reason: `${text} happened twice in ${zone} (the clocks went back): say which, with its offset, e.g. ${toIsoInZone(a, zone)} or ${toIsoInZone(b, zone)}`,
      ambiguous: [choice(a, 'first'), choice(b, 'second')],
    };
  }
  return { ms: a as number };
}

function relativeMinutes(m: RegExpExecArray): number | undefined {
  if (m[2] === undefined && m[3] === undefined && m[4] === undefined) return undefined;
  const minutes = Number(m[2] ?? 0) * 1440 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

type Parsed =
  | { ms: number; how?: string }
  | { reason: string }
  | { ambiguous: [TimeChoice, TimeChoice]; reason: string };

function parseIsoWithOffset(text: string): Parsed | undefined {
  const m = ISO_OFFSET.exec(text);
  if (!m) return undefined;
  const time = (m[2] ?? '').padStart(5, '0');
  const offset =
    (m[5] ?? '').toUpperCase() === 'Z'
      ? 'Z'
      : (m[5] ?? '').replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const normalized = `${m[1]}T${time}${m[3] ?? ':00'}${m[4] ?? ''}${offset}`;
  const ms = parseIsoTime(normalized);
  return ms === undefined
    ? { reason: `${text} is not a real time: check the date, the hour and the offset` }
    : { ms };
}

function parseClock(text: string, options: TimeInputOptions): Parsed | undefined {
  const m = CLOCK.exec(text);
  if (!m) return undefined;
  const today = dateInZone(options.now.toISOString(), options.zone);
  const word = m[1]?.toLowerCase();
  const base =
    word === 'yesterday'
      ? addDays(today, -1)
      : word === 'tomorrow'
        ? addDays(today, 1)
        : word === 'today'
          ? today
          : (options.day ?? today);
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  const parsed = fromWall(wallOf(base, hour, minute), options.zone);
  if (word === undefined && 'ms' in parsed && options.rollForwardAfter !== undefined) {
    const after = parseIsoTime(options.rollForwardAfter);
    // Only an answer far before the reference is taken as the next day: "00:10" after a
    // 23:50 start. "01:00" after a 02:00 start stays an hour earlier.
    if (after !== undefined && after - parsed.ms > 12 * 3_600_000) {
      const next = fromWall(wallOf(addDays(base, 1), hour, minute), options.zone);
      if ('ms' in next && next.ms - after < 24 * 3_600_000) return { ...next, how: 'the next day' };
    }
  }
  return parsed;
}

function parseRelative(text: string, options: TimeInputOptions): Parsed | undefined {
  const m = RELATIVE.exec(text);
  if (!m) return undefined;
  const minutes = relativeMinutes(m);
  if (minutes === undefined) return undefined;
  if (!options.reference)
    return {
      reason: `${text} counts from the previous time, and there is none yet: type a time like 02:07`,
    };
  const from = parseIsoTime(options.reference.at);
  if (from === undefined)
    return { reason: `${text}: the previous time ${options.reference.at} is not readable` };
  const sign = minutes < 0 ? '-' : '+';
  return {
    ms: from + minutes * 60_000,
    how: `${sign}${formatDuration(Math.abs(minutes))} after ${options.reference.label}`.replace(
      '+-',
      '-',
    ),
  };
}

function parseAny(text: string, options: TimeInputOptions): Parsed {
  if (/^now$/i.test(text)) return { ms: Math.floor(options.now.getTime() / 60_000) * 60_000 };
  const parsed =
    parseIsoWithOffset(text) ?? parseClock(text, options) ?? parseRelative(text, options);
  if (parsed) return parsed;
  const local = ISO_LOCAL.exec(text);
  if (local) {
    const [, y, mo, d, h, mi] = local;
    return fromWall(wallOf(`${y}-${mo}-${d}`, Number(h), Number(mi)), options.zone);
  }
  return { reason: `"${text}" is not a time I can read: use ${TIME_INPUT_HELP}` };
}

function checkBounds(ms: number, options: TimeInputOptions): string | undefined {
  const tolerance =
    options.futureToleranceMinutes === undefined ? 5 : options.futureToleranceMinutes;
  if (tolerance !== null && ms > options.now.getTime() + tolerance * 60_000) {
    return `${formatInZone(toIsoInZone(ms, options.zone), options.zone)} is in the future (it is now ${formatInZone(toIsoInZone(options.now.getTime(), options.zone), options.zone)})`;
  }
  if (options.notBefore) {
    const floor = parseIsoTime(options.notBefore.at);
    if (floor !== undefined && ms < floor) {
      return `${formatInZone(toIsoInZone(ms, options.zone), options.zone)} is before ${options.notBefore.label} (${formatInZone(options.notBefore.at, options.zone)}): it cannot be`;
    }
  }
  return undefined;
}

/** Read what was typed as a time. Never guesses silently: the echo says what it became. */
export function parseTimeInput(input: string, options: TimeInputOptions): TimeInputResult {
  const text = input.trim().replace(/\s+/g, ' ');
  if (text === '') return { ok: false, reason: `type a time: ${TIME_INPUT_HELP}` };
  const parsed = parseAny(text, options);
  if ('ambiguous' in parsed)
    return { ok: false, reason: parsed.reason, ambiguous: parsed.ambiguous };
  if ('reason' in parsed) return { ok: false, reason: parsed.reason };
  return acceptInstant(parsed.ms, options, parsed.how);
}

/** The checks and the echo for an instant already chosen (e.g. one side of a DST choice). */
export function acceptInstant(
  ms: number,
  options: TimeInputOptions,
  how?: string,
): TimeInputResult {
  const problem = checkBounds(ms, options);
  if (problem !== undefined) return { ok: false, reason: problem };
  const iso = toIsoInZone(ms, options.zone);
  const shown = formatInZone(iso, options.zone);
  return { ok: true, iso, echo: `${shown} (${iso})${how === undefined ? '' : `, ${how}`}` };
}

/** "02:07" for a time on `day`, else "2026-11-25 02:07": short but never ambiguous about the day. */
export function shortTime(iso: string, zone: string, day?: string): string {
  const shown = formatInZone(iso, zone);
  const [date = '', clock = ''] = shown.split(' ');
  return date === day ? clock : `${date} ${clock}`;
}
