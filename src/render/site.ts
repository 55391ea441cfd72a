// The pages around the incidents: the index with its chart, the Atom feed and
// incidents.json. Pure functions of the entries, so the same repo gives the same bytes.
import type { Metrics } from '../core/metrics.js';
import { monthInZone, parseIsoTime } from '../core/time.js';
import type { Config } from '../config/config.js';
import type { DocumentView } from './audience.js';
import { SafeString, type TemplateEngine } from './engine.js';
import { escapeHtml, htmlPage } from './html.js';

/** What the site keeps of one published post-mortem (all of it public and leak-checked). */
export interface SiteEntry
  extends
    Pick<
      DocumentView,
      | 'id'
      | 'title'
      | 'severity'
      | 'timezone'
      | 'started_at'
      | 'detected_at'
      | 'mitigated_at'
      | 'resolved_at'
      | 'published_at'
      | 'summary'
    >,
    Metrics {
  markdown: string;
  html: string;
}

/**
 * The entry of a view, in strings of its own: a field read from the file may be a slice
 * that keeps the whole document text alive, and publish keeps one entry per document.
 */
export function siteEntry(view: DocumentView): SiteEntry {
  return JSON.parse(JSON.stringify(entryOf(view))) as SiteEntry;
}

function entryOf(view: DocumentView): SiteEntry {
  return {
    id: view.id,
    title: view.title,
    severity: view.severity,
    timezone: view.timezone,
    started_at: view.started_at,
    detected_at: view.detected_at,
    mitigated_at: view.mitigated_at,
    resolved_at: view.resolved_at,
    published_at: view.published_at,
    time_to_detect: view.metrics.time_to_detect,
    time_to_mitigate: view.metrics.time_to_mitigate,
    time_to_resolve: view.metrics.time_to_resolve,
    summary: view.summary,
    markdown: `${view.id}.md`,
    html: `${view.id}.html`,
  };
}

const instant = (iso: string | null): number =>
  iso === null ? Number.NaN : (parseIsoTime(iso) ?? Number.NaN);

/** Entries in the order of their ids, code unit by code unit: the tie-break of every order. */
const byId = (a: SiteEntry, b: SiteEntry): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Newest first; ties by id, so the order never depends on the file system. */
export function newestFirst(entries: readonly SiteEntry[]): SiteEntry[] {
  // Each start time is read once, not once per comparison.
  const keyed = entries.map((entry) => ({ entry, at: instant(entry.started_at) || 0 }));
  keyed.sort((a, b) => b.at - a.at || byId(a.entry, b.entry));
  return keyed.map((k) => k.entry);
}

function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters
  return escapeHtml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

const round = (n: number): string => String(Math.round(n * 10) / 10);

/** Incidents per month (bars) and the median hours to resolve (line), last 24 months. */
export function incidentChart(entries: readonly SiteEntry[]): string {
  const byMonth = new Map<string, { count: number; ttr: number[] }>();
  for (const e of entries) {
    const month = monthInZone(e.started_at, e.timezone);
    const slot = byMonth.get(month) ?? { count: 0, ttr: [] };
    slot.count++;
    if (e.time_to_resolve !== null) slot.ttr.push(e.time_to_resolve / 60);
    byMonth.set(month, slot);
  }
  const keys = [...byMonth.keys()].sort();
  const months =
    keys.length === 0 ? [] : monthsBetween(keys[0] ?? '', keys[keys.length - 1] ?? '').slice(-24);
  const [w, h, left, bottom, top] = [600, 180, 36, 24, 12];
  const plotH = h - bottom - top;
  const step = (w - left - 8) / Math.max(months.length, 1);
  const maxCount = Math.max(1, ...months.map((m) => byMonth.get(m)?.count ?? 0));
  const ttrs = months.map((m) => {
    const t = byMonth.get(m)?.ttr ?? [];
    return t.length ? median(t) : null;
  });
  const maxTtr = Math.max(1, ...ttrs.map((t) => t ?? 0));
  const parts: string[] = [];
  const points: string[] = [];
  months.forEach((month, i) => {
    const count = byMonth.get(month)?.count ?? 0;
    const x = left + i * step;
    const barH = (count / maxCount) * plotH;
    parts.push(
      `<rect class="bar" x="${round(x + step * 0.15)}" y="${round(top + plotH - barH)}" width="${round(step * 0.7)}" height="${round(barH)}"></rect>`,
    );
    const ttr = ttrs[i];
    if (ttr !== null && ttr !== undefined) {
      const cx = round(x + step / 2);
      const cy = round(top + plotH - (ttr / maxTtr) * plotH);
      points.push(`${cx},${cy}`);
      parts.push(`<circle class="dot" cx="${cx}" cy="${cy}" r="3"></circle>`);
    }
  });
  const first = months[0] ?? '';
  const last = months[months.length - 1] ?? '';
  const total = entries.length;
  const description = `${total} incidents from ${first} to ${last}; at most ${maxCount} in a month; the longest median time to resolve in a month was ${round(maxTtr)} hours.`;
  return [
    `<svg class="chart" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-labelledby="chart-title chart-desc">`,
    '<title id="chart-title">Incidents per month (bars) and median hours to resolve (line)</title>',
    `<desc id="chart-desc">${escapeXml(description)}</desc>`,
    `<line class="axis" x1="${left}" y1="${top + plotH}" x2="${w - 8}" y2="${top + plotH}"></line>`,
    ...parts,
    points.length > 1 ? `<polyline class="ttr" points="${points.join(' ')}"></polyline>` : '',
    `<text x="0" y="${top + 8}">${maxCount}</text>`,
    `<text x="${left}" y="${h - 6}">${escapeXml(first)}</text>`,
    `<text x="${w - 8}" y="${h - 6}" text-anchor="end">${escapeXml(last)}</text>`,
    '</svg>',
    `<p class="legend">Bars: incidents per month (at most ${maxCount}). Line: median hours to resolve (up to ${round(maxTtr)} h).</p>`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** The index page's body as its template writes it, not sanitized yet. */
export function indexBody(
  newest: readonly SiteEntry[],
  engine: TemplateEngine,
  config: Config,
): string {
  const incidents = newest.map((e) => ({ ...e, href: e.html }));
  return engine.render('index.html.hbs', {
    site: { title: config.publish.site_title, home: 'index.html', page: null },
    incidents,
    chart: new SafeString(incidentChart(newest)),
  });
}

/** The index page; `newest` is the entries newest first (see `newestFirst`). */
export function indexPage(
  newest: readonly SiteEntry[],
  engine: TemplateEngine,
  config: Config,
): string {
  const body = indexBody(newest, engine, config);
  return htmlPage({ title: config.publish.site_title, css: engine.stylesheet('page.css'), body });
}

function atomTime(iso: string | null): string | undefined {
  const ms = instant(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A feed is polled: it carries the latest reports, not the archive (that is incidents.json). */
export const FEED_ENTRIES = 50;

/**
 * The Atom feed: the FEED_ENTRIES most recently published (or resolved, or started)
 * reports, latest first, so an old incident published today is news too. `updated` is
 * the latest document time, never the clock.
 */
export function atomFeed(entries: readonly SiteEntry[], config: Config): string {
  const base = config.publish.base_url?.replace(/\/+$/, '');
  const url = (path: string): string => (base ? `${base}/${path}` : path);
  const updatedOf = (e: SiteEntry): string =>
    atomTime(e.published_at) ??
    atomTime(e.resolved_at) ??
    atomTime(e.started_at) ??
    '1970-01-01T00:00:00Z';
  const sorted = entries
    .map((entry) => ({ entry, updated: updatedOf(entry) }))
    .sort((a, b) =>
      a.updated !== b.updated ? (a.updated < b.updated ? 1 : -1) : byId(a.entry, b.entry),
    )
    .slice(0, FEED_ENTRIES);
  const feedUpdated = sorted[0]?.updated ?? '1970-01-01T00:00:00Z';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${escapeXml(config.publish.site_title)}</title>`,
    `  <id>${escapeXml(base ? `${base}/` : 'urn:postmortem:incidents')}</id>`,
    `  <updated>${feedUpdated}</updated>`,
    `  <author><name>${escapeXml(config.publish.site_title)}</name></author>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(url('index.html'))}"/>`,
  ];
  if (base)
    lines.push(
      `  <link rel="self" type="application/atom+xml" href="${escapeXml(url('feed.xml'))}"/>`,
    );
  for (const { entry: e, updated } of sorted) {
    lines.push(
      '  <entry>',
      `    <title>${escapeXml(`[${e.severity}] ${e.title}`)}</title>`,
      `    <id>${escapeXml(base ? url(e.html) : `urn:postmortem:${e.id}`)}</id>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(url(e.html))}"/>`,
      `    <published>${atomTime(e.started_at) ?? updated}</published>`,
      `    <updated>${updated}</updated>`,
    );
    if (e.summary !== null)
      lines.push(`    <summary type="text">${escapeXml(e.summary)}</summary>`);
    lines.push('  </entry>');
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/**
 * incidents.json of the entries newest first, one incident a chunk: the same bytes as
 * `JSON.stringify(list, null, 2)`, without the whole archive as one string.
 */
export function* incidentsJsonChunks(newest: readonly SiteEntry[]): Generator<string> {
  if (newest.length === 0) {
    yield '[]\n';
    return;
  }
  for (const [i, e] of newest.entries()) {
    const item = JSON.stringify(incidentOf(e), null, 2).replace(/\n/g, '\n  ');
    yield `${i === 0 ? '[\n' : ',\n'}  ${item}`;
  }
  yield '\n]\n';
}

/** incidents.json as one text. */
export function incidentsJson(newest: readonly SiteEntry[]): string {
  return [...incidentsJsonChunks(newest)].join('');
}

function incidentOf(e: SiteEntry): Record<string, unknown> {
  return {
    id: e.id,
    title: e.title,
    severity: e.severity,
    timezone: e.timezone,
    started_at: e.started_at,
    detected_at: e.detected_at,
    mitigated_at: e.mitigated_at,
    resolved_at: e.resolved_at,
    published_at: e.published_at,
    metrics: {
      time_to_detect: e.time_to_detect,
      time_to_mitigate: e.time_to_mitigate,
      time_to_resolve: e.time_to_resolve,
    },
    summary: e.summary,
    markdown: e.markdown,
    html: e.html,
  };
}
