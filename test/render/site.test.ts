// The site pages around the reports: what the Atom feed carries and in which order.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/config.js';
import { sanitizeWithLibrary } from '../../src/render/html.js';
import { createRenderer } from '../../src/render/render.js';
import { sanitizeSimpleHtml } from '../../src/render/simple-html.js';
import {
  FEED_ENTRIES,
  atomFeed,
  indexBody,
  incidentsJson,
  incidentsJsonChunks,
  type SiteEntry,
} from '../../src/render/site.js';

function entry(n: number, publishedAt: string | null): SiteEntry {
  const day = String((n % 28) + 1).padStart(2, '0');
  const month = String(Math.floor(n / 28) + 1).padStart(2, '0');
  const id = `2024-${month}-${day}-incident-${n}`;
  return {
    id,
    title: `Incident ${n}`,
    severity: 'SEV2',
    timezone: 'UTC',
    started_at: `2024-${month}-${day}T10:00:00+00:00`,
    detected_at: null,
    mitigated_at: null,
    resolved_at: `2024-${month}-${day}T12:00:00+00:00`,
    published_at: publishedAt,
    time_to_detect: null,
    time_to_mitigate: null,
    time_to_resolve: 120,
    summary: `What happened in incident ${n}.`,
    markdown: `${id}.md`,
    html: `${id}.html`,
  };
}

const titles = (feed: string): string[] =>
  [...feed.matchAll(/<title>\[SEV2\] (Incident \d+)<\/title>/g)].map((m) => m[1] as string);

describe('atomFeed', () => {
  it(`carries the ${FEED_ENTRIES} latest reports, latest first, with the latest time as updated`, () => {
    const entries = Array.from({ length: 120 }, (_, n) => entry(n, null));
    const feed = atomFeed(entries, defaultConfig());
    const shown = titles(feed);
    expect(shown).toHaveLength(FEED_ENTRIES);
    expect(shown[0]).toBe('Incident 119');
    expect(shown[FEED_ENTRIES - 1]).toBe(`Incident ${120 - FEED_ENTRIES}`);
    expect(feed).toContain('<updated>2024-05-08T12:00:00Z</updated>');
  });

  it('puts an old incident published today first: it is news to the reader', () => {
    const entries = Array.from({ length: 120 }, (_, n) => entry(n, null));
    entries[3] = entry(3, '2025-02-01T09:30:00+01:00');
    const feed = atomFeed(entries, defaultConfig());
    expect(titles(feed)[0]).toBe('Incident 3');
    expect(feed.match(/<updated>[^<]+<\/updated>/)?.[0]).toBe(
      '<updated>2025-02-01T08:30:00Z</updated>',
    );
    expect(feed).toContain('<published>2024-01-04T10:00:00Z</published>');
  });

  it('is the same bytes whatever order the entries come in', () => {
    const entries = Array.from({ length: 80 }, (_, n) => entry(n, null));
    entries.push({ ...entry(79, null), id: '2024-03-24-incident-79b', title: 'Incident 790' });
    const forward = atomFeed(entries, defaultConfig());
    expect(atomFeed([...entries].reverse(), defaultConfig())).toBe(forward);
  });
});

describe('incidents.json', () => {
  it('in chunks is byte for byte the whole list as JSON.stringify writes it', () => {
    for (const count of [0, 1, 2, 37]) {
      const entries = Array.from({ length: count }, (_, n) =>
        entry(n, n % 3 ? null : '2025-01-01T00:00:00+00:00'),
      );
      // Text that JSON escapes: new lines, quotes, backslashes, control and astral characters.
      if (count > 1) entries[1] = { ...entries[1]!, summary: 'a\nb "c" \\ \u0007 \u{1F600}' };
      const text = incidentsJson(entries);
      const parsed = JSON.parse(text) as { id: string; metrics: unknown }[];
      expect(text).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
      expect(parsed.map((p) => p.id)).toEqual(entries.map((e) => e.id));
      expect([...incidentsJsonChunks(entries)]).toHaveLength(count === 0 ? 1 : count + 1);
    }
  });
});

describe('indexPage', () => {
  it('is sanitized in one scan (its chart included), to the bytes sanitize-html writes', () => {
    const entries = Array.from({ length: 60 }, (_, n) => ({
      ...entry(n, null),
      title: n % 3 === 0 ? `Incident ${n}: "quotes" & <angle> 'marks'` : `Incident ${n}`,
    }));
    const config = defaultConfig();
    config.publish.site_title = 'Status & "Reports"';
    const { engine } = createRenderer('/nonexistent-postmortem-root', config);
    const body = indexBody(entries, engine, config);
    expect(body).toContain('<svg');
    const scanned = sanitizeSimpleHtml(body);
    expect(scanned).toBeDefined();
    expect(scanned).toBe(sanitizeWithLibrary(body));
  });
});
