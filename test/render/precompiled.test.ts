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
import { readTemplate, resolveTemplates, shippedTemplates } from '../../src/render/templates.js';
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
