// Document + audience + format -> text. Public outputs are built from the public view
// only, and each finished output passes the leak check before anyone may write it.
import type { Config } from '../config/config.js';
import type { Postmortem } from '../core/model.js';
import { buildStatusUpdate } from '../core/status-update.js';
import { UserError } from '../errors.js';
import { buildView, type Audience, type DocumentView, type ViewResult } from './audience.js';
import { SafeString, TemplateEngine } from './engine.js';
import { newPieceCache, pageShell, sanitizedPageBody, type PieceCache } from './html.js';
import { compileLeakRules, findOutputLeaks, type Leak, type LeakRules } from './leak-check.js';
import { resolveTemplates } from './templates.js';

export type Format = 'md' | 'html' | 'notice' | 'status';

export const FORMAT_NAMES: Record<Format, string> = {
  md: 'Markdown',
  html: 'HTML page',
  notice: 'customer notice',
  status: 'status update',
};

export interface Renderer {
  engine: TemplateEngine;
  config: Config;
}

export function createRenderer(root: string, config: Config): Renderer {
  return { engine: new TemplateEngine(resolveTemplates(root, config.templates)), config };
}

interface SiteInfo {
  title: string;
  home: string;
  page: string | null;
}

function siteInfo(config: Config, id: string): SiteInfo {
  const base = config.publish.base_url?.replace(/\/+$/, '');
  return {
    title: config.publish.site_title,
    home: 'index.html',
    page: base ? `${base}/${id}.html` : null,
  };
}

const STATE_LABELS = {
  investigating: 'Investigating',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

function context(view: DocumentView, config: Config): Record<string, unknown> {
  const state = view.resolved_at ? 'resolved' : view.mitigated_at ? 'monitoring' : 'investigating';
  return {
    ...view,
    site: siteInfo(config, view.id),
    state,
    state_label: STATE_LABELS[state],
    latest: view.timeline[view.timeline.length - 1] ?? null,
  };
}

/** Text files end with exactly one newline (trimEnd strips the same characters as /\s+$/). */
function finish(text: string): string {
  return `${text.trimEnd()}\n`;
}

function failOnProblems(result: ViewResult, where: string): void {
  if (result.problems.length === 0) return;
  const lines = result.problems.map(
    (p) =>
      `  ${p.field}${p.line === undefined ? '' : ` (line ${p.line} of the field)`}: ${p.message}`,
  );
  throw new UserError(
    `${where}: the public version cannot be made safely, nothing was written:\n${lines.join('\n')}`,
    {
      hint: 'internal text goes in a top-level "> [!INTERNAL]" block, an "[internal]" timeline entry, an internal action item or the Internal notes section',
    },
  );
}

export function failOnLeaks(leaks: Leak[], where: string): void {
  if (leaks.length === 0) return;
  throw new UserError(
    `${where}: public output would leak, nothing was written:\n${leaks.map((l) => `  ${l.message}`).join('\n')}`,
    {
      hint: 'remove the text from the public parts (or mark it internal), or fix the template it came from',
    },
  );
}

interface Prepared {
  result: ViewResult;
  /** What the templates see: the view and what is derived from it. */
  context: Record<string, unknown>;
  /** The document's Markdown pieces as HTML, shared by its audiences. */
  pieces: PieceCache;
  md: string;
  /** Public only: the leak rules, and which outputs have passed them. */
  rules?: LeakRules;
  mdChecked?: boolean;
  html?: string;
  htmlChecked?: boolean;
}

/**
 * Renders documents with one set of compiled templates. A document's view, Markdown and
 * page are made once per audience and shared by every format asked of the same document
 * object (documents are values: nothing changes a parsed document in place). Checks run
 * in the same order as when each format was made on its own.
 */
export class DocumentRenderer {
  private readonly prepared = new WeakMap<
    Postmortem,
    Partial<Record<Audience, Prepared>> & { pieces: PieceCache }
  >();

  constructor(private readonly renderer: Renderer) {}

  /** The view and Markdown of an audience; a public view with filter problems throws. */
  private prepare(doc: Postmortem, audience: Audience, where: string): Prepared {
    let byAudience = this.prepared.get(doc);
    const known = byAudience?.[audience];
    if (known) return known;
    const result = buildView(doc, audience);
    if (!byAudience) this.prepared.set(doc, (byAudience = { pieces: newPieceCache() }));
    const { pieces } = byAudience;
    let prepared: Prepared;
    if (audience === 'internal') {
      const ctx = context(result.view, this.renderer.config);
      prepared = { result, context: ctx, pieces, md: this.markdown(result.view, ctx) };
    } else {
      failOnProblems(result, where);
      const rules = compileLeakRules(doc.redact, this.renderer.config);
      const ctx = context(result.view, this.renderer.config);
      prepared = { result, context: ctx, pieces, md: this.markdown(result.view, ctx), rules };
    }
    byAudience[audience] = prepared;
    return prepared;
  }

  private checkMarkdown(p: Prepared, where: string): void {
    if (!p.rules || p.mdChecked) return;
    failOnLeaks(
      findOutputLeaks(p.md, 'public Markdown', p.rules, () => p.result.texts),
      where,
    );
    p.mdChecked = true;
  }

  private pageOf(p: Prepared): string {
    p.html ??= this.page(p);
    return p.html;
  }

  private checkPage(p: Prepared, where: string): void {
    if (!p.rules || p.htmlChecked || p.html === undefined) return;
    failOnLeaks(
      findOutputLeaks(p.html, 'public HTML', p.rules, () => p.result.texts),
      where,
    );
    p.htmlChecked = true;
  }

  private markdown(view: DocumentView, ctx: Record<string, unknown>): string {
    const name = view.internal ? 'internal.md.hbs' : 'public.md.hbs';
    return finish(this.renderer.engine.render(name, ctx));
  }

  private page(p: Prepared): string {
    const { engine, config } = this.renderer;
    const layout = (content: string): string =>
      engine.render('page.html.hbs', { ...p.context, content: new SafeString(content) });
    return pageShell({
      title: `${p.result.view.title} | ${config.publish.site_title}`,
      css: engine.stylesheet('page.css'),
      body: sanitizedPageBody(p.md, layout, p.pieces),
    });
  }

  /**
   * The status update as `update` prints it, from the latest public timeline entry; a
   * repo's own status.txt.hbs (or a document with no public entry) uses the template.
   */
  private statusFromCore(view: DocumentView): string | undefined {
    const latest = view.timeline[view.timeline.length - 1];
    const overridden = this.renderer.engine.files.some(
      (t) => t.name === 'status.txt.hbs' && t.origin === 'repo',
    );
    if (latest === undefined || overridden) return undefined;
    const state = view.resolved_at
      ? 'resolved'
      : view.mitigated_at
        ? 'monitoring'
        : 'investigating';
    return buildStatusUpdate({
      title: view.title,
      text: latest.event,
      at: latest.at,
      timezone: view.timezone,
      state,
    });
  }

  /**
   * The public Markdown and HTML of a document, each leak-checked: what publish writes;
   * with the document's compiled leak rules, for the other texts publish makes of it.
   */
  publicPair(
    doc: Postmortem,
    where: string,
  ): { view: DocumentView; md: string; html: string; rules: LeakRules } {
    const p = this.prepare(doc, 'public', where);
    this.checkMarkdown(p, where);
    const html = this.pageOf(p);
    this.checkPage(p, where);
    // A public preparation always holds its rules.
    const rules = p.rules ?? compileLeakRules(doc.redact, this.renderer.config);
    return { view: p.result.view, md: p.md, html, rules };
  }

  render(doc: Postmortem, audience: Audience, format: Format, where: string): string {
    if (audience === 'internal' && (format === 'notice' || format === 'status')) {
      throw new UserError(
        `the ${FORMAT_NAMES[format]} is customer-facing: render it with --audience public`,
        { exitCode: 2 },
      );
    }
    const p = this.prepare(doc, audience, where);
    if (format === 'md') {
      this.checkMarkdown(p, where);
      return p.md;
    }
    if (format === 'html') {
      const html = this.pageOf(p);
      // The Markdown is checked even for other formats: a template may quote any of it.
      this.checkMarkdown(p, where);
      this.checkPage(p, where);
      return html;
    }
    const { result, md, rules } = p;
    const fromCore = format === 'status' ? this.statusFromCore(result.view) : undefined;
    const out =
      fromCore !== undefined
        ? finish(fromCore)
        : finish(
            this.renderer.engine.render(
              format === 'notice' ? 'notice.txt.hbs' : 'status.txt.hbs',
              p.context,
            ),
          );
    this.checkMarkdown(p, where);
    if (out !== md && rules)
      failOnLeaks(
        findOutputLeaks(out, `public ${FORMAT_NAMES[format]}`, rules, () => result.texts),
        where,
      );
    return out;
  }
}
