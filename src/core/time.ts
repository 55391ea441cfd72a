// Times are kept as the ISO 8601 text the author wrote (offset included) and turned
// into instants only to compare, measure or display them, so no offset is ever lost.

export const TIME_EXAMPLE = '2026-11-24T02:07:00+11:00';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Is year-month-day (month 1-12) a day on the calendar? */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (!Number.isInteger(year) || !Number.isInteger(month) || year < 0 || year > 999_999) {
    return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
  }
  // As Date.UTC counts: years 0-99 are 1900-1999.
  const y = year <= 99 ? year + 1900 : year;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number));
}

/** Days from 1970-01-01 to a day of the (proleptic) Gregorian calendar, month 1-12. */
function daysFromEpoch(year: number, month: number, day: number): number {
  // Years counted from March, so the leap day ends a year (H. Hinnant's days_from_civil).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The number written by the ASCII digits from `from` to `to`. */
function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Is `YYYY-MM-DD` written from `at` (the digits and dashes only, not the calendar)? */
function isDateShapeAt(text: string, at: number): boolean {
  return (
    isDigitAt(text, at) &&
    isDigitAt(text, at + 1) &&
    isDigitAt(text, at + 2) &&
    isDigitAt(text, at + 3) &&
    text.charCodeAt(at + 4) === 45 &&
    isDigitAt(text, at + 5) &&
    isDigitAt(text, at + 6) &&
    text.charCodeAt(at + 7) === 45 &&
    isDigitAt(text, at + 8) &&
    isDigitAt(text, at + 9)
  );
}

/**
 * Where the offset (`Z` or `+HH:MM`) starts in `YYYY-MM-DDTHH:MM[:SS[.fraction]]<offset>`,
 * or -1 for any other shape: the pattern
 * `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$`, read
 * character by character because every time of every document passes here.
 */
function offsetStart(text: string): number {
  if (!isDateShapeAt(text, 0) || text.charCodeAt(10) !== 84) return -1;
  if (!isDigitAt(text, 11) || !isDigitAt(text, 12) || text.charCodeAt(13) !== 58) return -1;
  if (!isDigitAt(text, 14) || !isDigitAt(text, 15)) return -1;
  let at = 16;
  if (text.charCodeAt(at) === 58) {
    if (!isDigitAt(text, 17) || !isDigitAt(text, 18)) return -1;
    at = 19;
    if (text.charCodeAt(at) === 46) {
      const first = at + 1;
      at = first;
      while (at < first + 9 && isDigitAt(text, at)) at++;
      if (at === first) return -1;
    }
  }
  const c = text.charCodeAt(at);
  if (c === 90) return at + 1 === text.length ? at : -1;
  const signed =
    (c === 43 || c === 45) &&
    at + 6 === text.length &&
    isDigitAt(text, at + 1) &&
    isDigitAt(text, at + 2) &&
    text.charCodeAt(at + 3) === 58 &&
    isDigitAt(text, at + 4) &&
    isDigitAt(text, at + 5);
  return signed ? at : -1;
}

/**
 * Milliseconds since the epoch for an ISO 8601 time with an offset, or undefined. Every
 * time is read again by validation, metrics, each helper and the site pages: reading one
 * costs less than looking it up would, so nothing is remembered. The shape fixes where
 * each field is, so the fields are read by position.
 */
export function parseIsoTime(text: string): number | undefined {
  const offset = offsetStart(text);
  if (offset === -1) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  const hour = digitsAt(text, 11, 13);
  const minute = digitsAt(text, 14, 16);
  const second = text.charCodeAt(16) === 58 ? digitsAt(text, 17, 19) : 0;
  if (!isRealDate(year, month, day)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const zulu = text.charCodeAt(offset) === 90;
  const offsetHours = zulu ? 0 : digitsAt(text, offset + 1, offset + 3);
  const offsetMins = zulu ? 0 : digitsAt(text, offset + 4, offset + 6);
  if (offsetHours > 23 || offsetMins > 59) return undefined;
  // Whole seconds from year 100 on are plain arithmetic (isRealDate reads years 0-99 as
  // 19xx, as Date.UTC does); a fraction or an earlier year is left to Date.parse.
  if (year >= 100 && offset <= 19) {
    const sign = text.charCodeAt(offset) === 45 ? -1 : 1;
    const minutes = (daysFromEpoch(year, month, day) * 24 + hour) * 60 + minute;
    return (minutes - sign * (offsetHours * 60 + offsetMins)) * 60_000 + second * 1000;
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

export function isIsoTime(text: string): boolean {
  return parseIsoTime(text) !== undefined;
}

export function isPlainDate(text: string): boolean {
  return (
    text.length === 10 &&
    isDateShapeAt(text, 0) &&
    isRealDate(digitsAt(text, 0, 4), digitsAt(text, 5, 7), digitsAt(text, 8, 10))
  );
}

// Building an Intl.DateTimeFormat costs far more than a lookup (the first one ~10 ms of
// locale data); a repo uses a few zones. Canonical names are checked against the list
// ICU publishes; only aliases (US/Eastern, ...) need a formatter to be recognised.
const knownZones = new Map<string, boolean>();
let canonicalZones: Set<string> | undefined;
// Even the list costs ~1.5 ms: zones found valid in earlier runs (see rememberZoneParts).
const rememberedZones = new Set<string>();
const learnedZones = new Set<string>();

/** Is the name on ICU's list of canonical zones (an alias such as US/Eastern is not)? */
export function isCanonicalTimeZone(zone: string): boolean {
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  return canonicalZones.has(zone);
}

export function isTimeZone(zone: string): boolean {
  if (zone.length === 0) return false;
  if (rememberedZones.has(zone)) return true;
  let known = isCanonicalTimeZone(zone) || knownZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(zone, known);
  }
  if (known && learnedZones.size < 1000) learnedZones.add(zone);
  return known;
}

/**
 * Whole minutes from `from` to `to`: exact across DST because both carry offsets, and
 * truncated like a stopwatch (4 min 59 s is 4), never rounded up.
 */
export function minutesBetween(from: string | undefined, to: string | undefined): number | null {
  if (from === undefined || to === undefined) return null;
  const a = parseIsoTime(from);
  const b = parseIsoTime(to);
  if (a === undefined || b === undefined) return null;
  const whole = Math.trunc((b - a) / 60_000);
  return whole === 0 ? 0 : whole;
}

interface ZonedParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  timeZoneName: string;
}

/**
 * Values by zone, then key, emptied whole once it holds `limit` of them: a run formats a
 * few zones, and a lookup by two keys builds no "zone key" string.
 */
class ZoneCache<K, V> {
  private readonly zones = new Map<string, Map<K, V>>();
  private size = 0;

  constructor(private readonly limit: number) {}

  get(zone: string, key: K): V | undefined {
    return this.zones.get(zone)?.get(key);
  }

  set(zone: string, key: K, value: V): void {
    if (this.size >= this.limit) {
      this.zones.clear();
      this.size = 0;
    }
    let inZone = this.zones.get(zone);
    if (inZone === undefined) this.zones.set(zone, (inZone = new Map<K, V>()));
    inZone.set(key, value);
    this.size++;
  }
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

const FORMAT_OPTIONS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};

// `format` costs a third of `formatToParts`; its text is the parts joined, so reading it
// back with the literal separators gives the same values. Anything else (another
// calendar, an era, unexpected separators) takes the parts route.
const FORMATTED = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2}) ([^\s,/:]+)$/;

// A document formats the same instants several times (Markdown, page, index): remember
// the latest few hundred per run, by zone, then instant.
const partsCache = new ZoneCache<number, ZonedParts>(256);

// The first Intl.DateTimeFormat of a process costs ~10 ms (ICU locale data), more than a
// whole document's formatting: results Intl gave in earlier runs can be handed back in
// (rememberZoneParts), exact (zone, instant) pairs only, so nothing is inferred. Who keeps
// them must keep them apart per ICU and time zone data version (ZONE_PARTS_FORMAT names
// the rest they depend on).
export const ZONE_PARTS_FORMAT = `en-US ${JSON.stringify(FORMAT_OPTIONS)}`;
const REMEMBERED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2}) (\S+)$/;
const MAX_REMEMBERED = 1000;
const remembered = new Map<string, string>();
const learned = new Map<string, string>();

/** What earlier runs learnt, as `learnedZoneParts` gave it. */
export interface ZoneMemory {
  /** "<zone> <ms>" -> the parts as text. */
  parts: Record<string, string>;
  /** Valid zone names. */
  zones: string[];
}

/** Hands in what earlier runs learnt from Intl (under the same ICU and tz data). */
export function rememberZoneParts(memory: ZoneMemory): void {
  for (const [key, text] of Object.entries(memory.parts)) {
    if (remembered.size >= MAX_REMEMBERED) break;
    if (typeof text === 'string' && REMEMBERED.test(text)) remembered.set(key, text);
  }
  for (const zone of memory.zones.slice(0, MAX_REMEMBERED))
    if (typeof zone === 'string' && zone !== '') rememberedZones.add(zone);
}

/** What Intl worked out in this run and was not remembered, to keep for later runs. */
export function learnedZoneParts(): ZoneMemory {
  return { parts: Object.fromEntries(learned), zones: [...learnedZones] };
}

/** Kept only in a form that reads back as these very parts. */
function learn(key: string, p: ZonedParts): void {
  const text = `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second} ${p.timeZoneName}`;
  if (REMEMBERED.test(text)) learned.set(key, text);
}

/** Parts from a match whose groups 1-7 are in the order `fields` names. */
function partsOf(m: RegExpExecArray, fields: readonly (keyof ZonedParts)[]): ZonedParts {
  const parts = {} as ZonedParts;
  fields.forEach((field, i) => (parts[field] = m[i + 1] as string));
  return parts;
}

const REMEMBERED_ORDER = [
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'timeZoneName',
] as const;
const FORMATTED_ORDER = [
  'month',
  'day',
  'year',
  'hour',
  'minute',
  'second',
  'timeZoneName',
] as const;

function partsFromText(text: string): ZonedParts | undefined {
  const m = REMEMBERED.exec(text);
  return m ? partsOf(m, REMEMBERED_ORDER) : undefined;
}

function formatWithIntl(ms: number, zone: string): ZonedParts {
  let formatter = formatterCache.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { ...FORMAT_OPTIONS, timeZone: zone });
    formatterCache.set(zone, formatter);
  }
  const date = new Date(ms);
  const m = FORMATTED.exec(formatter.format(date));
  if (m) return partsOf(m, FORMATTED_ORDER);
  const all: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) all[part.type] = part.value;
  return all as unknown as ZonedParts;
}

// A document's times fall within a few hours; publish formats ~40 of them per document.
// Within an hour whose start and the start of the next hour Intl gives the same offset
// and zone name, every instant has that offset (no zone changes its offset twice within
// an hour): its wall time is arithmetic. Neighbouring hours share the Intl call at the
// hour between them, so a run of hours costs about one call an hour.
const SPAN_MS = 3_600_000;
type Span = { offset: number; name: string } | null;
const spans = new ZoneCache<number, Span>(1024);
const hourStarts = new ZoneCache<number, ZonedParts>(1024);

function hourStartParts(ms: number, zone: string): ZonedParts {
  let parts = hourStarts.get(zone, ms);
  if (parts === undefined) {
    parts = formatWithIntl(ms, zone);
    hourStarts.set(zone, ms, parts);
  }
  return parts;
}

/** The wall time of parts, as if it were UTC (in milliseconds). */
function wallAsUtc(p: ZonedParts): number {
  return Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
}

function offsetOf(p: ZonedParts, ms: number): number | undefined {
  const wall = wallAsUtc(p);
  return Number.isNaN(wall) || p.year.length !== 4 ? undefined : wall - ms;
}

function fromSpan(ms: number, zone: string): ZonedParts | undefined {
  const start = Math.floor(ms / SPAN_MS) * SPAN_MS;
  let span = spans.get(zone, start);
  if (span === undefined) {
    const next = start + SPAN_MS;
    const a = hourStartParts(start, zone);
    const b = hourStartParts(next, zone);
    const offset = offsetOf(a, start);
    span =
      offset !== undefined && offset === offsetOf(b, next) && a.timeZoneName === b.timeZoneName
        ? { offset, name: a.timeZoneName }
        : null;
    spans.set(zone, start, span);
  }
  if (span === null) return undefined;
  const wall = new Date(Math.floor(ms / 1000) * 1000 + span.offset);
  const year = wall.getUTCFullYear();
  if (year < 1000 || year > 9999) return undefined;
  return {
    year: String(year),
    month: pad(wall.getUTCMonth() + 1),
    day: pad(wall.getUTCDate()),
    hour: pad(wall.getUTCHours()),
    minute: pad(wall.getUTCMinutes()),
    second: pad(wall.getUTCSeconds()),
    timeZoneName: span.name,
  };
}

function zonedParts(ms: number, zone: string): ZonedParts {
  const cached = partsCache.get(zone, ms);
  if (cached !== undefined) return cached;
  const known = remembered.size === 0 ? undefined : remembered.get(`${zone} ${ms}`);
  let parts = known === undefined ? undefined : partsFromText(known);
  if (parts === undefined) {
    parts = fromSpan(ms, zone) ?? formatWithIntl(ms, zone);
    if (learned.size < MAX_REMEMBERED) learn(`${zone} ${ms}`, parts);
  }
  partsCache.set(zone, ms, parts);
  return parts;
}

// Each time of a document is shown in every output made of it (both audiences' Markdown
// and pages): the text itself is remembered, by zone, then the time as written.
const formatted = new ZoneCache<string, string>(512);

/** "2026-11-24 02:07 AEDT": a time as people in the incident's timezone read it. */
export function formatInZone(iso: string, zone: string): string {
  const known = formatted.get(zone, iso);
  if (known !== undefined) return known;
  const ms = parseIsoTime(iso);
  if (ms === undefined) return iso;
  const p = zonedParts(ms, zone);
  const text = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
  formatted.set(zone, iso, text);
  return text;
}

/** The calendar date (YYYY-MM-DD) of an instant in a timezone. */
export function dateInZone(iso: string, zone: string): string {
  const ms = parseIsoTime(iso);
  if (ms === undefined) return iso.slice(0, 10);
  const p = zonedParts(ms, zone);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * The calendar month (YYYY-MM) of an instant in a timezone. No zone is a day or more off
 * UTC, so from the 3rd to the 26th of a UTC month every zone is in that month too: only
 * instants near a month's ends need the zone (and Intl).
 */
export function monthInZone(iso: string, zone: string): string {
  const ms = parseIsoTime(iso);
  if (ms === undefined) return iso.slice(0, 7);
  const utc = new Date(ms);
  const day = utc.getUTCDate();
  const year = utc.getUTCFullYear();
  if (day >= 3 && day <= 26 && year >= 1000 && year <= 9999)
    return `${year}-${pad(utc.getUTCMonth() + 1)}`;
  return dateInZone(iso, zone).slice(0, 7);
}

/** The UTC offset of a zone at an instant, in minutes east of UTC. */
export function offsetMinutes(ms: number, zone: string): number {
  const asUtc = wallAsUtc(zonedParts(ms, zone));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return '+00:00';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant written as ISO 8601 with the offset the zone has at that instant. */
export function toIsoInZone(ms: number, zone: string): string {
  const p = zonedParts(ms, zone);
  const offset = offsetMinutes(ms, zone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${formatOffset(offset)}`;
}

/**
 * The instant of a wall-clock time in a zone. In the hour that repeats when DST ends the
 * earlier instant is chosen and `ambiguous` is set; a time skipped by DST is refused.
 */
export function wallTimeToInstant(
  wall: { year: number; month: number; day: number; hour: number; minute: number },
  zone: string,
): { ms: number; ambiguous: boolean } | undefined {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const candidates = new Set<number>();
  for (const probe of [guess - 36 * 3_600_000, guess, guess + 36 * 3_600_000]) {
    candidates.add(guess - offsetMinutes(probe, zone) * 60_000);
  }
  const matches = [...candidates]
    .filter((ms) => {
      const p = zonedParts(ms, zone);
      return (
        Number(p.year) === wall.year &&
        Number(p.month) === wall.month &&
        Number(p.day) === wall.day &&
        Number(p.hour) === wall.hour &&
        Number(p.minute) === wall.minute
      );
    })
    .sort((a, b) => a - b);
  const first = matches[0];
  if (first === undefined) return undefined;
  return { ms: first, ambiguous: matches.length > 1 };
}

/** "3h 3m", "45m", "2d 4h": a duration for people. */
export function formatDuration(minutes: number | null): string {
  if (minutes === null) return '—';
  const sign = minutes < 0 ? '-' : '';
  let rest = Math.abs(minutes);
  const days = Math.floor(rest / 1440);
  rest -= days * 1440;
  const hours = Math.floor(rest / 60);
  const mins = rest - hours * 60;
  const parts: string[] = [];
  if (days) parts.push(`${days}d`);
  if (hours) parts.push(`${hours}h`);
  if (mins || parts.length === 0) parts.push(`${mins}m`);
  return sign + parts.join(' ');
}
