// One document, two audiences. The public view is built from the document field by field:
// internal-only fields are left out, and inside every piece of Markdown the internal
// blocks are removed on marked's token tree (never with a regex over the text). When the
// filter is unsure (a marker inside a list, a quote or a code fence; a document too deep
// to parse) it reports a problem and the public render stops: fail closed.
import { Lexer, getDefaults, type MarkedOptions, type Token, type Tokens } from 'marked';
import { computeMetrics, type Metrics } from '../core/metrics.js';
import type { Postmortem } from '../core/model.js';
import { findMarkerResidue, isInternalMarkerLine } from './markers.js';

export type Audience = 'public' | 'internal';

/** A reason the public version cannot be made safely, with the field it is in. */
export interface FilterProblem {
  field: string;
  line?: number;
  message: string;
}

export interface TimelineView {
  at: string;
  event: string;
  internal: boolean;
}

export interface ActionItemView {
  id: string;
  title: string;
  status: string;
  done: boolean;
  due: string | null;
  priority: string | null;
  type: string | null;
  owner: string | null;
  link: string | null;
  internal: boolean;
}

/**
 * What a template sees. Both audiences have the same shape; in the public view every
 * internal-only field is null or empty, so a template cannot reach what is not there.
 */
export interface DocumentView {
  audience: Audience;
  internal: boolean;
  id: string;
  title: string;
  status: string;
  severity: string;
  timezone: string;
  started_at: string;
  detected_at: string | null;
  mitigated_at: string | null;
  resolved_at: string | null;
  published_at: string | null;
  metrics: Metrics;
  authors: string[];
  services: string[];
  summary: string | null;
  impact: {
    description: string | null;
    customers_affected: string | null;
    not_affected: string | null;
    data_loss: boolean | null;
  };
  timeline: TimelineView[];
  root_cause: {
    description: string | null;
    trigger: string | null;
    contributing_factors: string[];
  };
  detection: string | null;
  resolution: string | null;
  apology: string | null;
  action_items: ActionItemView[];
  lessons: { went_well: string[]; went_wrong: string[]; lucky: string[] };
  internal_notes: string | null;
}

export interface ViewResult {
  view: DocumentView;
  problems: FilterProblem[];
  /** Every text of the view with the document field it came from, for leak reports. */
  texts: { field: string; text: string }[];
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

function isInternalBlock(token: Token): boolean {
  return (
    token.type === 'blockquote' &&
    isInternalMarkerLine(firstLine((token as Tokens.Blockquote).text))
  );
}

function childrenOf(token: Token): Token[] {
  if (token.type === 'list') return (token as Tokens.List).items.flatMap((item) => item.tokens);
  return 'tokens' in token && Array.isArray(token.tokens) ? token.tokens : [];
}

/** Is there an internal block anywhere below the top level of these tokens? */
function nestedInternal(tokens: Token[]): boolean {
  for (const token of tokens) {
    if (isInternalBlock(token) || nestedInternal(childrenOf(token))) return true;
  }
  return false;
}

// Block structure is all the filter needs: skipping marked's inline pass halves its cost.
// One options object, so every lexer shares one tokenizer instead of making its own.
const BLOCK_OPTIONS: MarkedOptions = { ...getDefaults(), gfm: true };
const lexer = {
  lex: (src: string): Token[] =>
    new Lexer(BLOCK_OPTIONS).blockTokens(src.replace(/\r\n?/g, '\n'), []),
};

// Without a `>` no quote exists, so no internal block; with no indented line, no line
// that starts a list item (`- - - x` nests on one line) and no CR, nothing nests (marked
// cannot overflow) and the tokens' sources join to the text itself. Most prose is such
// text, and needs no lexing.
const QUOTE_OR_NESTING = /[>\r]|^(?:[ \t]|(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$))/m;

/** Must this Markdown be lexed to find its internal blocks? (False: it has none.) */
export const needsLexing = (markdown: string): boolean => QUOTE_OR_NESTING.test(markdown);

/** The sources of the top-level tokens that are not internal blocks. */
function withoutInternalBlocks(
  markdown: string,
  field: string,
  problems: FilterProblem[],
): string[] {
  let tokens: Token[];
  try {
    tokens = lexer.lex(markdown);
  } catch (error) {
    problems.push({
      field,
      message: `cannot be parsed safely (${(error as Error).message}): simplify its nesting`,
    });
    return [];
  }
  const kept: string[] = [];
  for (const token of tokens) {
    if (isInternalBlock(token)) continue;
    if (nestedInternal(childrenOf(token))) {
      problems.push({
        field,
        line: markdown.slice(0, markdown.indexOf(token.raw)).split('\n').length,
        message:
          'has an [!INTERNAL] block inside a list or a quote: move it to the top level of the section so it can be left out',
      });
      continue;
    }
    kept.push(token.raw);
  }
  return kept;
}

/**
 * Markdown with its internal blocks removed. Top-level internal blocks are dropped from
 * the token list and the rest is joined from each token's own source text, so what
 * remains is byte-for-byte what the author wrote.
 */
export function filterMarkdown(markdown: string, field: string, problems: FilterProblem[]): string {
  const kept = needsLexing(markdown)
    ? withoutInternalBlocks(markdown, field, problems)
    : [markdown];
  const result = kept
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const residue = findMarkerResidue(result);
  if (residue !== undefined) {
    problems.push({
      field,
      line: residue,
      message:
        'still contains an internal marker after filtering (in code, inline, or misspelled): the public version would show it; fix the block',
    });
  }
  return result;
}

/** Public text that is not Markdown: it may not hold a marker at all. */
function plain(value: string, field: () => string, problems: FilterProblem[]): string {
  if (findMarkerResidue(value) !== undefined)
    problems.push({
      field: field(),
      message: 'contains an internal marker: public text cannot carry one',
    });
  return value;
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

// Both views of a document have the same metrics: compute them once.
const metricsOf = new WeakMap<Postmortem, Metrics>();

/** The view of a document for an audience; the public one with its filter problems. */
export function buildView(doc: Postmortem, audience: Audience): ViewResult {
  const problems: FilterProblem[] = [];
  const isPublic = audience === 'public';
  const prose = (value: string | undefined, field: string): string | null => {
    if (value === undefined) return null;
    if (!isPublic) return value;
    const filtered = filterMarkdown(value, field, problems);
    return filtered === '' ? null : filtered;
  };
  const list = (values: string[], field: string): string[] => {
    if (!isPublic) return values;
    const out: string[] = [];
    values.forEach((value, i) => {
      const filtered = prose(value, `${field}.${i}`);
      if (filtered !== null) out.push(filtered);
    });
    return out;
  };
  // The entries the audience sees, with their indexes in the document (for leak reports).
  const timeline: TimelineView[] = [];
  const timelineIndex: number[] = [];
  doc.timeline.forEach((entry, index) => {
    if (isPublic && entry.internal) return;
    timelineIndex.push(index);
    const event = isPublic
      ? plain(entry.event, () => `timeline.${index}.event`, problems)
      : entry.event;
    timeline.push({ at: entry.at, event, internal: entry.internal });
  });
  const actions: ActionItemView[] = [];
  const actionIndex: number[] = [];
  doc.action_items.forEach((item, index) => {
    if (isPublic && item.internal) return;
    actionIndex.push(index);
    actions.push({
      id: item.id,
      title: isPublic
        ? plain(item.title, () => `action_items.${index}.title`, problems)
        : item.title,
      status: item.status,
      done: item.status === 'done',
      due: orNull(item.due),
      priority: orNull(item.priority),
      type: orNull(item.type),
      owner: isPublic ? null : orNull(item.owner),
      link: isPublic ? null : orNull(item.link),
      internal: item.internal,
    });
  });
  let metrics = metricsOf.get(doc);
  if (metrics === undefined) metricsOf.set(doc, (metrics = computeMetrics(doc)));
  const affected = doc.impact.customers_affected;
  const view: DocumentView = {
    audience,
    internal: !isPublic,
    id: doc.id,
    title: isPublic ? plain(doc.title, () => 'title', problems) : doc.title,
    status: doc.status,
    severity: doc.severity,
    timezone: doc.timezone,
    started_at: doc.started_at,
    detected_at: orNull(doc.detected_at),
    mitigated_at: orNull(doc.mitigated_at),
    resolved_at: orNull(doc.resolved_at),
    published_at: orNull(doc.published_at),
    metrics,
    authors: isPublic ? [] : doc.authors,
    services: isPublic ? [] : doc.services,
    summary: prose(doc.summary, 'summary'),
    impact: {
      description: prose(doc.impact.description, 'impact.description'),
      customers_affected:
        affected === undefined
          ? null
          : isPublic
            ? plain(String(affected), () => 'impact.customers_affected', problems)
            : String(affected),
      not_affected: prose(doc.impact.not_affected, 'impact.not_affected'),
      data_loss: orNull(doc.impact.data_loss),
    },
    timeline,
    root_cause: {
      description: prose(doc.root_cause.description, 'root_cause.description'),
      trigger: prose(doc.root_cause.trigger, 'root_cause.trigger'),
      contributing_factors: list(
        doc.root_cause.contributing_factors,
        'root_cause.contributing_factors',
      ),
    },
    detection: prose(doc.detection, 'detection'),
    resolution: prose(doc.resolution, 'resolution'),
    apology: prose(doc.apology, 'apology'),
    action_items: actions,
    lessons: {
      went_well: list(doc.lessons.went_well, 'lessons.went_well'),
      went_wrong: list(doc.lessons.went_wrong, 'lessons.went_wrong'),
      lucky: list(doc.lessons.lucky, 'lessons.lucky'),
    },
    internal_notes: isPublic ? null : orNull(doc.internal_notes),
  };
  // Only a leak report reads the texts: list them when one asks.
  let texts: ViewResult['texts'] | undefined;
  return {
    view,
    problems,
    get texts() {
      texts ??= viewTexts(view, timelineIndex, actionIndex);
      return texts;
    },
  };
}

/**
 * Every piece of text in a view with the document field it came from: timeline entries
 * and action items by their index in the document, the rest by their path in the view.
 */
function viewTexts(
  view: DocumentView,
  timelineIndex: readonly number[],
  actionIndex: readonly number[],
): { field: string; text: string }[] {
  const out: { field: string; text: string }[] = [];
  const add = (field: string, text: string | null): void => {
    if (text !== null && text !== '') out.push({ field, text });
  };
  add('id', view.id);
  add('title', view.title);
  add('severity', view.severity);
  add('summary', view.summary);
  add('impact.description', view.impact.description);
  add('impact.customers_affected', view.impact.customers_affected);
  add('impact.not_affected', view.impact.not_affected);
  view.timeline.forEach((e, i) => add(`timeline.${timelineIndex[i] ?? i}.event`, e.event));
  add('root_cause.description', view.root_cause.description);
  add('root_cause.trigger', view.root_cause.trigger);
  view.root_cause.contributing_factors.forEach((t, i) =>
    add(`root_cause.contributing_factors.${i}`, t),
  );
  add('detection', view.detection);
  add('resolution', view.resolution);
  add('apology', view.apology);
  view.action_items.forEach((a, n) => {
    const i = actionIndex[n] ?? n;
    add(`action_items.${i}.id`, a.id);
    add(`action_items.${i}.title`, a.title);
    add(`action_items.${i}.owner`, a.owner);
    add(`action_items.${i}.link`, a.link);
  });
  for (const key of ['went_well', 'went_wrong', 'lucky'] as const) {
    view.lessons[key].forEach((t, i) => add(`lessons.${key}.${i}`, t));
  }
  view.authors.forEach((t, i) => add(`authors.${i}`, t));
  view.services.forEach((t, i) => add(`services.${i}`, t));
  add('internal_notes', view.internal_notes);
  return out;
}
