// `postmortem render <id> --audience public|internal --format md|html|notice|status`
import { dirname, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { CommandContext, CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { DocumentRenderer, createRenderer, type Format } from '../render/render.js';
import { refuseLinkedComponents, refuseSymlink, writeFileAtomic } from '../store/atomic.js';
import { openWorkspace } from '../workspace.js';

export interface RenderOptions {
  id: string;
  audience?: unknown;
  format?: unknown;
  out?: unknown;
}

const FORMATS: readonly Format[] = ['md', 'html', 'notice', 'status'];

export async function runRender(ctx: CommandContext, options: RenderOptions): CommandResult {
  const audience = options.audience;
  if (audience !== 'public' && audience !== 'internal')
    throw new UsageError('--audience must be public or internal');
  const format = (options.format ?? 'md') as Format;
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const { location, config, store } = openWorkspace(ctx);
  const stored = store.read(store.resolveRef(options.id, ctx.cwd));
  const renderer = new DocumentRenderer(createRenderer(location.root, config));
  const text = renderer.render(stored.doc, audience, format, stored.path);
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
