import type { CommandContext, CommandResult } from '../context.js';
import { formatDuration } from '../core/time.js';
import { terminalSafe } from '../ui/document-view.js';
import { styler, table } from '../ui/style.js';
import { summarySource } from './cached-summaries.js';
import { readListRows } from './list-rows.js';

/** Every post-mortem; one that fails to parse is listed with its error, never skipped. */
export async function runList(ctx: CommandContext, options: { json: boolean }): CommandResult {
  const source = summarySource(ctx);
  const summaries = await readListRows(source);
  const rows = summaries.map((s) => s.row);
  const failed = rows.filter((r) => r.error !== null).length;
  if (options.json) {
    ctx.out.printJson(rows);
  } else if (rows.length === 0) {
    ctx.out.info(
      `No post-mortems in ${source.config.folder}/ yet: start one with \`postmortem new\`.`,
    );
  } else {
    const c = styler(ctx.out.color);
    const body = summaries.map(({ row: r, started }) =>
      r.error !== null
        ? [r.id, c.red('error'), '', '', '', c.red(terminalSafe(r.error.split('\n')[0] ?? ''))]
        : [
            terminalSafe(r.id),
            r.status ?? '',
            r.severity ?? '',
            started,
            formatDuration(r.duration),
            terminalSafe(r.title ?? ''),
          ],
    );
    ctx.out.print(
      table(body, {
        header: ['ID', 'STATUS', 'SEV', 'STARTED', 'DURATION', 'TITLE'].map((h) => c.bold(h)),
      }),
    );
    if (failed > 0)
      ctx.out.info(
        c.red(
          `${failed} of ${rows.length} post-mortems could not be read: run \`postmortem show <id>\` for every problem`,
        ),
      );
  }
  return Promise.resolve(failed > 0 ? 1 : 0);
}
