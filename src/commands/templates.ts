// `postmortem templates`: which template files are in effect and where each comes from.
import type { CommandContext, CommandResult } from '../context.js';
import { resolveTemplates, unusedOverrides } from '../render/templates.js';
import { styler, table } from '../ui/style.js';
import { openWorkspace } from '../workspace.js';

export async function runTemplates(
  ctx: CommandContext,
  options: { json?: unknown },
): CommandResult {
  const { location, config } = openWorkspace(ctx);
  const files = resolveTemplates(location.root, config.templates);
  const unused = unusedOverrides(location.root, config.templates);
  if (options.json === true) {
    ctx.out.printJson({
      folder: config.templates,
      templates: files.map((t) => ({
        name: t.name,
        kind: t.kind,
        origin: t.origin,
        path: t.display,
      })),
      unused,
    });
    return Promise.resolve();
  }
  const c = styler(ctx.out.color);
  const rows = files.map((t) => [
    t.name,
    t.kind,
    t.origin === 'repo' ? c.green('repo') : 'shipped',
    t.display,
  ]);
  ctx.out.print(table(rows, { header: ['NAME', 'KIND', 'FROM', 'PATH'].map((h) => c.bold(h)) }));
  ctx.out.info(
    `Override any of them with a file of the same name in ${config.templates}/ (partials also in ${config.templates}/partials/).`,
  );
  for (const path of unused)
    ctx.out.info(c.yellow(`${path} is not used: no template or partial has that name`));
  return Promise.resolve();
}
