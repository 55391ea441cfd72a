// Raw values (strings from YAML's failsafe schema or Markdown, or JSON values from an
// answers file) -> a typed Postmortem, converting every field on purpose and reporting
// every problem at once with the line it came from.
import {
  ACTION_STATUSES,
  ACTION_TYPES,
  DEFAULT_SEVERITIES,
  PRIORITIES,
  STATUSES,
  type ActionItem,
  type Postmortem,
  type TimelineEntry,
} from './model.js';
import type { Problem } from './problems.js';
import type { LineMap, PlainValue } from './safe-yaml.js';
import { ID_RULE, isValidId } from './slug.js';
import { itemPaths } from './item-paths.js';
import { suggest } from './suggest.js';
import { normalizeProse } from './text.js';
import { TIME_EXAMPLE, isIsoTime, isPlainDate, isTimeZone } from './time.js';

export interface ValidateOptions {
  severities?: readonly string[];
  /** Answers files may leave these out; the command fills them in afterwards. */
  allowMissing?: readonly ('id' | 'timezone' | 'severity')[];
  /** How the source spells a model path, when it differs (front matter `data_loss`). */
  sourceName?: (path: string) => string | undefined;
}

export interface ValidateResult {
  doc?: Postmortem;
  problems: Problem[];
}

type Raw = PlainValue | undefined;

const TOP_KEYS = [
  'id',
  'title',
  'status',
  'severity',
  'authors',
  'reviewers',
  'services',
  'timezone',
  'started_at',
  'detected_at',
  'mitigated_at',
  'resolved_at',
  'approved_at',
  'published_at',
  'summary',
  'impact',
  'timeline',
  'root_cause',
  'detection',
  'resolution',
  'apology',
  'action_items',
  'lessons',
  'internal_notes',
  'redact',
];
const IMPACT_KEYS = ['description', 'customers_affected', 'not_affected', 'data_loss'];
const ROOT_CAUSE_KEYS = ['description', 'trigger', 'contributing_factors'];
const LESSON_KEYS = ['went_well', 'went_wrong', 'lucky'];
const ENTRY_KEYS = ['at', 'event', 'internal'];
const ACTION_KEYS = [
  'id',
  'title',
  'owner',
  'due',
  'priority',
  'type',
  'status',
  'link',
  'internal',
];
const ACTION_ID = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;
const TIMELINE = itemPaths('timeline');
const ACTION_ITEMS = itemPaths('action_items');

/** Each list of field names as a set, for the check of every key of every object. */
const KEY_SETS = new Map<readonly string[], ReadonlySet<string>>(
  [TOP_KEYS, IMPACT_KEYS, ROOT_CAUSE_KEYS, LESSON_KEYS, ENTRY_KEYS, ACTION_KEYS].map((keys) => [
    keys,
    new Set(keys),
  ]),
);

/** What a required field looks like, for the message when it is missing. */
const REQUIRED_EXAMPLES: Record<string, string> = {
  id: 'id: 2026-11-24-api-outage',
  title: 'title: API unavailable for three hours',
  severity: 'severity: SEV1',
  timezone: 'timezone: Australia/Sydney',
  started_at: `started_at: 2026-11-24T02:00:00+11:00`,
};

class Checker {
  readonly problems: Problem[] = [];
  constructor(
    private readonly lines: LineMap,
    private readonly sourceName: (path: string) => string | undefined = () => undefined,
  ) {}

  report(path: string, message: string): void {
    const line = this.lineOf(path);
    const name = this.sourceName(path);
    const text =
      name !== undefined && message.startsWith(`${path} `)
        ? name + message.slice(path.length)
        : message;
    this.problems.push(line === undefined ? { message: text } : { line, message: text });
  }

  lineOf(path: string): number | undefined {
    for (let p = path; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
      const line = this.lines.get(p);
      if (line !== undefined) return line;
    }
    return undefined;
  }

  object(path: string, value: Raw, keys: readonly string[]): Record<string, Raw> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.report(path, `${path} must be a set of fields (${keys.join(', ')})`);
      return {};
    }
    const known = KEY_SETS.get(keys) ?? new Set(keys);
    for (const key of Object.keys(value)) {
      if (!known.has(key)) {
        const where = path === '' ? '' : ` in ${path}`;
        this.report(
          path === '' ? key : `${path}.${key}`,
          `unknown field "${key}"${where}${suggest(key, keys)}`,
        );
      }
    }
    return value;
  }

  private text(path: string, value: Raw): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') {
      this.report(
        path,
        `${path} must be text, not a ${Array.isArray(value) ? 'list' : 'set of fields'}`,
      );
      return undefined;
    }
    if (!value.isWellFormed()) {
      this.report(path, `${path} contains a broken character (a lone UTF-16 surrogate): retype it`);
      return undefined;
    }
    if (value.includes('\0')) {
      this.report(path, `${path} contains a NUL character: remove it`);
      return undefined;
    }
    return value;
  }

  line(path: string, value: Raw, required = false): string | undefined {
    const before = this.problems.length;
    const text = this.text(path, value)?.trim();
    if (this.problems.length > before) return undefined;
    if (text === undefined || text === '') {
      const example = REQUIRED_EXAMPLES[path];
      if (required)
        this.report(
          path,
          `${path} is required${example === undefined ? '' : `: add a line like "${example}"`}`,
        );
      return undefined;
    }
    if (text.includes('\n') || text.includes('\r')) {
      this.report(path, `${path} must be one line`);
      return undefined;
    }
    return text;
  }

  prose(path: string, value: Raw): string | undefined {
    return normalizeProse(this.text(path, value));
  }

  oneOf<T extends string>(
    path: string,
    value: Raw,
    allowed: readonly T[],
    required = false,
  ): T | undefined {
    const text = this.line(path, value, required);
    if (text === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(text)) {
      this.report(
        path,
        `${path} "${text}" is not one of ${allowed.join(', ')}${suggest(text, allowed)}`,
      );
      return undefined;
    }
    return text as T;
  }

  time(path: string, value: Raw, required = false): string | undefined {
    const text = this.line(path, value, required);
    if (text === undefined) return undefined;
    if (!isIsoTime(text)) {
      this.report(
        path,
        `${path} "${text}" is not a time: expected ISO 8601 with an offset, like ${TIME_EXAMPLE}`,
      );
      return undefined;
    }
    return text;
  }

  boolean(path: string, value: Raw): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    this.report(path, `${path} ${JSON.stringify(value)} is not a boolean: write true or false`);
    return undefined;
  }

  list<T>(
    path: string,
    value: Raw,
    item: (path: string, value: Raw, index: number) => T | undefined,
  ): T[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.report(path, `${path} must be a list`);
      return [];
    }
    const paths = itemPaths(path);
    const out: T[] = [];
    value.forEach((v, i) => {
      const checked = item(paths.item(i), v, i);
      if (checked !== undefined) out.push(checked);
    });
    return out;
  }

  lines_(path: string, value: Raw): string[] {
    return this.list(path, value, (p, v) => this.line(p, v, true));
  }

  proseList(path: string, value: Raw): string[] {
    return this.list(path, value, (p, v) => {
      const text = this.prose(p, v);
      if (text === undefined) this.report(p, `${p} is empty: remove it or write it`);
      return text;
    });
  }
}

function checkEntry(c: Checker, index: number, value: Raw): TimelineEntry | undefined {
  const raw = c.object(TIMELINE.item(index), value, ENTRY_KEYS);
  const at = c.time(TIMELINE.field(index, 'at'), raw.at, true);
  const event = c.line(TIMELINE.field(index, 'event'), raw.event, true);
  const internal = c.boolean(TIMELINE.field(index, 'internal'), raw.internal) ?? false;
  return at === undefined || event === undefined ? undefined : { at, event, internal };
}

function checkLink(c: Checker, path: string, value: Raw): string | undefined {
  const link = c.line(path, value);
  if (link === undefined) return undefined;
  if (!/^https?:\/\/[^\s<>"]+$/i.test(link)) {
    c.report(
      path,
      `${path} "${link}" is not a web address: expected http:// or https://, like https://tracker.example.com/OPS-12`,
    );
    return undefined;
  }
  return link;
}

function checkAction(c: Checker, index: number, value: Raw): ActionItem | undefined {
  const path = (field: string): string => ACTION_ITEMS.field(index, field);
  const raw = c.object(ACTION_ITEMS.item(index), value, ACTION_KEYS);
  const id = c.line(path('id'), raw.id, true);
  if (id !== undefined && !ACTION_ID.test(id)) {
    c.report(
      path('id'),
      `${path('id')} "${id}" is not an action item id: expected letters, digits and dashes, like AI-1`,
    );
  }
  const title = c.line(path('title'), raw.title, true);
  const due = c.line(path('due'), raw.due);
  const realDue = due !== undefined && isPlainDate(due);
  if (due !== undefined && !realDue) {
    c.report(
      path('due'),
      `${path('due')} "${due}" is not a date: expected YYYY-MM-DD, like 2026-12-15`,
    );
  }
  const item: ActionItem = withoutUndefined({
    id: id ?? '',
    title: title ?? '',
    owner: c.line(path('owner'), raw.owner),
    due: realDue ? due : undefined,
    priority: c.oneOf(path('priority'), raw.priority, PRIORITIES),
    type: c.oneOf(path('type'), raw.type, ACTION_TYPES),
    status: c.oneOf(path('status'), raw.status, ACTION_STATUSES) ?? 'open',
    link: checkLink(c, path('link'), raw.link),
    internal: c.boolean(path('internal'), raw.internal) ?? false,
  });
  return id === undefined || title === undefined ? undefined : item;
}

/**
 * A small object without its undefined fields, as a new object: deleting them instead
 * would turn it into a slow dictionary for every later read.
 */
function withoutUndefined<T extends object>(value: T): T {
  const out: Partial<T> = {};
  // The object is a literal made here: every enumerable key is its own.
  for (const key in value) {
    if (value[key] !== undefined) out[key] = value[key];
  }
  return out as T;
}

/** The optional times after started_at, each added by name when present. */
function addTimes(c: Checker, top: Record<string, Raw>, doc: Postmortem): void {
  const detected = c.time('detected_at', top.detected_at);
  if (detected !== undefined) doc.detected_at = detected;
  const mitigated = c.time('mitigated_at', top.mitigated_at);
  if (mitigated !== undefined) doc.mitigated_at = mitigated;
  const resolved = c.time('resolved_at', top.resolved_at);
  if (resolved !== undefined) doc.resolved_at = resolved;
  const approved = c.time('approved_at', top.approved_at);
  if (approved !== undefined) doc.approved_at = approved;
  const published = c.time('published_at', top.published_at);
  if (published !== undefined) doc.published_at = published;
}

/** Detection, resolution and apology, each added by name when present. */
function addResponse(c: Checker, top: Record<string, Raw>, doc: Postmortem): void {
  const detection = c.prose('detection', top.detection);
  if (detection !== undefined) doc.detection = detection;
  const resolution = c.prose('resolution', top.resolution);
  if (resolution !== undefined) doc.resolution = resolution;
  const apology = c.prose('apology', top.apology);
  if (apology !== undefined) doc.apology = apology;
}

/** Validate raw values into a Postmortem; `doc` is set only when there is no problem. */
export function validatePostmortem(
  raw: PlainValue | undefined,
  lines: LineMap,
  options: ValidateOptions = {},
): ValidateResult {
  const c = new Checker(lines, options.sourceName);
  const allowMissing = new Set(options.allowMissing ?? []);
  const top = c.object('', raw ?? {}, TOP_KEYS);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      problems: [{ message: 'expected a set of fields (title, severity, started_at, ...)' }],
    };
  }

  const id = c.line('id', top.id, !allowMissing.has('id'));
  if (id !== undefined && !isValidId(id))
    c.report('id', `id "${id}" is not a valid id: ${ID_RULE}`);
  const severities = options.severities ?? DEFAULT_SEVERITIES;
  // Checked in the order the fields are written, so problems read top to bottom.
  const title = c.line('title', top.title, true);
  const status = c.oneOf('status', top.status, STATUSES);
  const severity = c.oneOf('severity', top.severity, severities, !allowMissing.has('severity'));
  const timezone = c.line('timezone', top.timezone, !allowMissing.has('timezone'));
  if (timezone !== undefined && !isTimeZone(timezone)) {
    c.report(
      'timezone',
      `timezone "${timezone}" is not an IANA timezone: expected a name like Australia/Sydney or UTC`,
    );
  }
  const impact = c.object('impact', top.impact, IMPACT_KEYS);
  const rootCause = c.object('root_cause', top.root_cause, ROOT_CAUSE_KEYS);
  const lessons = c.object('lessons', top.lessons, LESSON_KEYS);
  const affected = impact.customers_affected;

  // Optional fields are added by name, in the model's order, only when present: an object
  // whose fields are deleted (or are added under computed keys) becomes a slow dictionary
  // for every later read, and each document is read by every output made of it.
  const doc = {
    id: id ?? '',
    title: title ?? '',
    status: status ?? 'draft',
    severity: severity ?? '',
    authors: c.lines_('authors', top.authors),
    reviewers: c.lines_('reviewers', top.reviewers),
    services: c.lines_('services', top.services),
    timezone: timezone ?? '',
    started_at: c.time('started_at', top.started_at, true) ?? '',
  } as Postmortem;
  addTimes(c, top, doc);
  const summary = c.prose('summary', top.summary);
  if (summary !== undefined) doc.summary = summary;
  doc.impact = withoutUndefined({
    description: c.prose('impact.description', impact.description),
    customers_affected:
      typeof affected === 'number' && Number.isSafeInteger(affected) && affected >= 0
        ? affected
        : c.line('impact.customers_affected', affected),
    not_affected: c.prose('impact.not_affected', impact.not_affected),
    data_loss: c.boolean('impact.data_loss', impact.data_loss),
  });
  doc.timeline = c.list('timeline', top.timeline, (_, v, i) => checkEntry(c, i, v));
  doc.root_cause = withoutUndefined({
    description: c.prose('root_cause.description', rootCause.description),
    trigger: c.prose('root_cause.trigger', rootCause.trigger),
    contributing_factors: c.proseList(
      'root_cause.contributing_factors',
      rootCause.contributing_factors,
    ),
  });
  addResponse(c, top, doc);
  doc.action_items = c.list('action_items', top.action_items, (_, v, i) => checkAction(c, i, v));
  doc.lessons = {
    went_well: c.proseList('lessons.went_well', lessons.went_well),
    went_wrong: c.proseList('lessons.went_wrong', lessons.went_wrong),
    lucky: c.proseList('lessons.lucky', lessons.lucky),
  };
  const notes = c.prose('internal_notes', top.internal_notes);
  if (notes !== undefined) doc.internal_notes = notes;
  doc.redact = c.lines_('redact', top.redact);

  const seenIds = new Map<string, number>();
  doc.action_items.forEach((item, i) => {
    const first = seenIds.get(item.id);
    if (first !== undefined)
      c.report(
        `action_items.${i}.id`,
        `action item id "${item.id}" is used twice: ids must be unique`,
      );
    else seenIds.set(item.id, i);
  });
  return c.problems.length > 0 ? { problems: c.problems } : { doc, problems: [] };
}
