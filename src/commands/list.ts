import type { CommandContext, CommandResult } from '../context.js';
import { computeMetrics } from '../core/metrics.js';
import { DocumentError } from '../core/problems.js';
import { formatDuration, formatInZone } from '../core/time.js';
import { terminalSafe } from '../ui/document-view.js';
import { styler, table } from '../ui/style.js';
import { openWorkspace } from '../workspace.js';

interface ListRow {
  id: string;
  path: string;
  title: string | null;
  status: string | null;
  severity: string | null;
  started_at: string | null;
  timezone: string | null;
  /** Minutes from start to resolution; null while unresolved. */
  duration: number | null;
  error: string | null;
}

/** Every post-mortem; one that fails to parse is listed with its error, never skipped. */
export async function runList(ctx: CommandContext, options: { json: boolean }): CommandResult {
  const { store } = openWorkspace(ctx);
  const rows: ListRow[] = store.listFiles().map((file) => {
    const path = store.relativePath(file);
    const id = path.replace(/^.*\//, '').replace(/\.md$/, '');
    try {
      const { doc } = store.read(file);
      return {
        id: doc.id,
        path,
        title: doc.title,
        status: doc.status,
        severity: doc.severity,
        started_at: doc.started_at,
        timezone: doc.timezone,
        duration: computeMetrics(doc).time_to_resolve,
        error: null,
      };
    } catch (error) {
      if (!(error instanceof DocumentError) && (error as Error).name !== 'UserError') throw error;
      const message = (error as Error).message;
      return {
        id,
        path,
        title: null,
        status: null,
        severity: null,
        started_at: null,
        timezone: null,
        duration: null,
        error: message,
      };
    }
  });
  const failed = rows.filter((r) => r.error !== null).length;
  if (options.json) {
    ctx.out.printJson(rows);
  } else if (rows.length === 0) {
    ctx.out.info(
      `No post-mortems in ${store.config.folder}/ yet: start one with \`postmortem new\`.`,
    );
  } else {
    const c = styler(ctx.out.color);
    const body = rows.map((r) =>
      r.error !== null
        ? [r.id, c.red('error'), '', '', '', c.red(terminalSafe(r.error.split('\n')[0] ?? ''))]
        : [
            terminalSafe(r.id),
            r.status ?? '',
            r.severity ?? '',
            r.started_at && r.timezone ? formatInZone(r.started_at, r.timezone) : '',
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
