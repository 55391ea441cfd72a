// The shipped templates are precompiled at build time: the same output as compiling them
// at run time, and a precompiled template is used only while its source is the file's.
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/config.js';
import type { Postmortem } from '../../src/core/model.js';
import { TemplateEngine, precompiledModule } from '../../src/render/engine.js';
import type { Precompiled } from '../../src/render/precompiled.js';
import { DocumentRenderer } from '../../src/render/render.js';
import { siteEntry, indexPage } from '../../src/render/site.js';
import { buildView } from '../../src/render/audience.js';
import {
  readTemplate,
  resolveTemplates,
  shippedTemplates,
  type TemplateFile,
} from '../../src/render/templates.js';
import { makeTempDir } from '../helpers/repo.js';
import { exampleDoc } from './fixtures.js';
import { generated } from './generate.js';

const files = shippedTemplates();

async function loadPrecompiled(
  sources: Map<string, string>,
): Promise<ReadonlyMap<string, Precompiled>> {
  const file = join(makeTempDir(), 'precompiled.mjs');
  writeFileSync(file, precompiledModule(sources));
  const module = (await import(pathToFileURL(file).href)) as {
    PRECOMPILED: ReadonlyMap<string, Precompiled>;
  };
  return module.PRECOMPILED;
}

function shippedSources(): Map<string, string> {
  return new Map(
    files.filter((t) => t.kind !== 'stylesheet').map((t) => [t.name, readTemplate(t)]),
  );
}

const FORMATS = ['md', 'html', 'notice', 'status'] as const;

function outputs(engine: TemplateEngine, doc: Postmortem): string[] {
  const renderer = new DocumentRenderer({ engine, config: defaultConfig() });
  const out: string[] = [];
  for (const audience of ['public', 'internal'] as const) {
    for (const format of FORMATS) {
      if (audience === 'internal' && (format === 'notice' || format === 'status')) continue;
      try {
        out.push(renderer.render(doc, audience, format, 'x.md'));
      } catch (error) {
        out.push(`error: ${(error as Error).message}`);
      }
    }
  }
  const entry = siteEntry(buildView(doc, 'public').view);
  out.push(indexPage([entry], engine, defaultConfig()));
  return out;
}

describe('precompiled shipped templates', () => {
  it('precompile every shipped template', async () => {
    const precompiled = await loadPrecompiled(shippedSources());
    expect([...precompiled.keys()].sort()).toEqual(
      files
        .filter((t) => t.kind !== 'stylesheet')
        .map((t) => t.name)
        .sort(),
    );
  });

  it('render the example exactly as templates compiled at run time', async () => {
    const precompiled = await loadPrecompiled(shippedSources());
    const ahead = new TemplateEngine(files, precompiled);
    const now = new TemplateEngine(files, new Map());
    const a = outputs(ahead, exampleDoc());
    expect(a.some((o) => o.startsWith('error'))).toBe(false);
    expect(a).toEqual(outputs(now, exampleDoc()));
  });

  it('render generated documents exactly as templates compiled at run time', async () => {
    const precompiled = await loadPrecompiled(shippedSources());
    const ahead = new TemplateEngine(files, precompiled);
    const now = new TemplateEngine(files, new Map());
    fc.assert(
      fc.property(generated, ({ doc }) => {
        expect(outputs(ahead, doc)).toEqual(outputs(now, doc));
      }),
      { numRuns: 40 },
    );
  });

  it('are used only while their source is the file in effect', async () => {
    // A stand-in specification under the real source is used; the same under a stale
    // source is not (the file compiles at run time instead).
    const sources = shippedSources();
    const real = sources.get('notice.txt.hbs') as string;
    const standIn = await loadPrecompiled(new Map([['notice.txt.hbs', 'STAND-IN {{id}}']]));
    const spec = standIn.get('notice.txt.hbs')?.spec;
    const all = await loadPrecompiled(sources);
    const withSpec = (source: string) =>
      new Map(all).set('notice.txt.hbs', { source, spec } as Precompiled);
    const render = (precompiled: ReadonlyMap<string, Precompiled>) =>
      new DocumentRenderer({
        engine: new TemplateEngine(files, precompiled),
        config: defaultConfig(),
      }).render(exampleDoc(), 'public', 'notice', 'x.md');
    expect(render(withSpec(real))).toMatch(/^STAND-IN /);
    expect(render(withSpec(`${real}stale`))).not.toMatch(/STAND-IN/);
    expect(render(withSpec(`${real}stale`))).toBe(render(new Map()));
  });

  it("mix with a repo's own templates, compiled at run time", async () => {
    const root = makeTempDir();
    mkdirSync(join(root, 'tpl/partials'), { recursive: true });
    writeFileSync(join(root, 'tpl/partials/summary.md.hbs'), '## In short\n\n{{summary}}\n\n');
    const mixed = resolveTemplates(root, 'tpl');
    const precompiled = await loadPrecompiled(shippedSources());
    const a = outputs(new TemplateEngine(mixed, precompiled), exampleDoc());
    expect(a[0]).toContain('## In short');
    expect(a).toEqual(outputs(new TemplateEngine(mixed, new Map()), exampleDoc()));
  });
});

/** Templates written to a temp folder as if shipped, so the engine may use their plans. */
function asShipped(templates: Record<string, string>): TemplateFile[] {
  const dir = makeTempDir();
  return Object.entries(templates).map(([name, source]) => {
    const file = join(dir, name);
    writeFileSync(file, source);
    const partial = name.startsWith('_');
    return {
      name: partial ? name.slice(1) : name,
      kind: partial ? 'partial' : 'template',
      origin: 'shipped',
      file,
      display: name,
    };
  });
}

function outcome(engine: TemplateEngine, name: string, context: object): string {
  try {
    return engine.render(name, context);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

const CONTEXTS: object[] = [
  {
    title: 'A & <b> "q" \'s\' `x` =',
    n: 0,
    m: 42,
    yes: true,
    no: false,
    none: null,
    words: ['a', 'b'],
    empty: [],
    items: [
      { at: '2026-01-01T00:00:00Z', event: 'one', internal: false, done: 0 },
      { at: '2026-01-01T01:30:00+05:30', event: 'two <i>', internal: true, done: 1 },
    ],
    map: { k1: { event: 'v1' }, k2: { event: 'v2' } },
    nested: { inner: { deep: 'd' }, zero: 0 },
    fn: () => 'called',
    timezone: 'Asia/Kolkata',
    minutes: 125,
  },
  { title: 'only a title', words: 'not a list', items: {}, nested: { inner: null } },
  { title: '', items: null, nested: {}, none: undefined },
];

describe('shipped templates as plans', () => {
  it('every shipped template has a plan', async () => {
    const precompiled = await loadPrecompiled(shippedSources());
    for (const [name, entry] of precompiled) expect(entry.plan, name).toBeTruthy();
  });

  it('render as Handlebars does: values, blocks, partials, helpers, escaping and errors', async () => {
    const templates: Record<string, string> = {
      'a.md.hbs': [
        '# {{title}} {{n}} {{m}} {{yes}} {{no}} {{none}} {{empty}} {{fn}} {{words}}',
        '{{#if n}}n{{else if m}}m {{m}}{{else}}neither{{/if}}',
        '{{#if empty}}full{{else}}empty{{/if}} {{#if words}}words{{/if}} {{#if fn}}fn{{/if}}',
        '{{#each items}}',
        '- {{time at @root.timezone}}: {{event}}{{#if internal}} *(internal)*{{/if}}{{#if done}} done{{/if}}',
        '{{else}}',
        'no items',
        '{{/each}}',
        '{{#each map}}{{event}};{{/each}}{{#each empty}}x{{else}}none{{/each}}',
        '{{nested.inner.deep}} {{nested.zero}} {{@root.title}}',
        '{{> part}}',
        '{{duration minutes}} {{join words " / "}} {{plural m "thing" "things"}} {{yesno yes}}',
        '{{#if (any none no n)}}any{{else}}none of them{{/if}} {{list words}}',
        '{{!-- a comment --}}',
        '{{{title}}}',
        '',
      ].join('\n'),
      '_part.md.hbs': '{{#each items}}  {{event}} ({{@root.title}})\n{{/each}}',
      'b.html.hbs':
        '<p title="{{title}}">{{title}} {{{title}}} {{m}} {{no}} {{none}} {{words}}</p>\n',
      'missing.md.hbs': 'x\n\n{{missing}}\n',
      'missing-deep.md.hbs': '{{nested.inner.nothing}}\n',
      'null-step.md.hbs': '{{none.x}}\n',
    };
    const files = asShipped(templates);
    const sources = new Map(files.map((t) => [t.name, templates[t.display] as string]));
    const precompiled = await loadPrecompiled(sources);
    for (const [name, entry] of precompiled) expect(entry.plan, name).toBeTruthy();
    const planned = new TemplateEngine(files, precompiled);
    const compiled = new TemplateEngine(files, new Map());
    for (const t of files.filter((f) => f.kind === 'template')) {
      for (const context of CONTEXTS) {
        const out = outcome(planned, t.name, context);
        expect(out, `${t.name} ${JSON.stringify(context)}`).toBe(
          outcome(compiled, t.name, context),
        );
      }
    }
    expect(outcome(planned, 'missing.md.hbs', CONTEXTS[0] as object)).toMatch(
      /missing\.md\.hbs:3: the field "missing" does not exist here/,
    );
  });

  it('leave to Handlebars every form they do not run', async () => {
    const unplanned = [
      '{{#with nested}}{{inner}}{{/with}}',
      '{{#each items}}{{@index}}{{/each}}',
      '{{#each items}}{{../title}}{{/each}}',
      '{{#each words}}{{this}}{{/each}}',
      '{{#each items as |item|}}{{item.event}}{{/each}}',
      '{{#if yes includeZero=true}}x{{/if}}',
      '{{> part title}}',
      '{{join words separator=", "}}',
      '{{#unless yes}}x{{/unless}}',
      '{{n}}{{m}}',
      '{{time}}',
    ];
    const sources = new Map(unplanned.map((source, i) => [`t${i}.md.hbs`, source]));
    const precompiled = await loadPrecompiled(sources);
    for (const [name, entry] of precompiled)
      expect(entry.plan, `${name}: ${sources.get(name)}`).toBeNull();
  });
});
