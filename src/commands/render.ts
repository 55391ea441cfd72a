// `postmortem render <id> --audience public|internal --format md|html|notice|status`
import { dirname, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import type { CommandContext, CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { DocumentRenderer, createRenderer, type Format } from '../render/render.js';
import { refuseLinkedComponents, refuseSymlink, writeFileAtomic } from '../store/atomic.js';
import { openWorkspace, recallZones } from '../workspace.js';

export interface RenderOptions {
  id: string;
  audience?: unknown;
  format?: unknown;
  out?: unknown;
}

const FORMATS: readonly Format[] = ['md', 'html', 'notice', 'status'];

// V8 first runs a regular expression in its bytecode interpreter and compiles it only once
// it is hot. marked's block rules backtrack a lot, so one document spends most of its lexing
// interpreted (~20 ms instead of ~6). Compiling at first use changes no result.
function compileRegExpsAtFirstUse(): void {
  setFlagsFromString('--no-regexp-tier-up');
}

export async function runRender(ctx: CommandContext, options: RenderOptions): CommandResult {
  compileRegExpsAtFirstUse();
  const audience = options.audience;
  if (audience !== 'public' && audience !== 'internal')
    throw new UsageError('--audience must be public or internal');
  const format = (options.format ?? 'md') as Format;
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const { location, config, store } = openWorkspace(ctx);
  const keepZones = recallZones(location);
  const stored = store.read(store.resolveRef(options.id, ctx.cwd));
  const renderer = new DocumentRenderer(createRenderer(location.root, config));
  const text = renderer.render(stored.doc, audience, format, stored.path);
  keepZones();
  if (typeof options.out === 'string' && options.out !== '') {
    const file = resolve(ctx.cwd, options.out);
    refuseLinkedComponents(ctx.cwd, file, options.out);
    store.assertNotSource(file, '--out');
    refuseSymlink(file, 'output');
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, text);
    ctx.out.info(`Wrote the ${audience} ${format} of ${stored.doc.id} to ${options.out}`);
  } else {
    ctx.out.print(text.replace(/\n$/, ''));
  }
  return Promise.resolve();
}
