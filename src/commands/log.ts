// `postmortem log <id>`: the revisions of one post-mortem, newest first, following
// renames: date, author, message, and the status changes each made.
import { relative, sep } from 'node:path';
import type { CommandContext, CommandResult } from '../context.js';
import { UserError } from '../errors.js';
import { documentHistory, type EarlyHistory } from '../store/history.js';
import { DEFAULT_FOLDER, guessedLogPath } from '../store/early-log.js';
import { findGitRoot, locateRepo } from '../store/repo.js';

export interface LogOptions {
  id: string;
  json?: boolean | undefined;
}

/** The folder of a repository without a config file that names another (config.ts). */
export { DEFAULT_FOLDER };

/**
 * git's history of the file an id most likely names (the default folder), started before
 * the workspace's modules and config are loaded, so git works while node does. Used only
 * when the file the workspace then resolves is that very one; otherwise it is ignored.
 */
export function startHistoryEarly(
  cwd: string,
  repoFlag: string | undefined,
  id: string,
): EarlyHistory | undefined {
  const path = guessedLogPath(id);
  if (path === undefined) return undefined;
  let root: string;
  try {
    const location = locateRepo(cwd, repoFlag);
    if (!location.isGit) return undefined;
    root = location.root;
  } catch {
    return undefined;
  }
  const history = documentHistory(root, path);
  // Handled here so that an unused guess never surfaces; when used, it is awaited again.
  history.catch(() => undefined);
  return { root, path, history };
}

export async function runLog(ctx: CommandContext, options: LogOptions): CommandResult {
  // main.ts starts it for `log <id>` before commander loads; else it starts here.
  const early = ctx.earlyHistory ?? startHistoryEarly(ctx.cwd, ctx.repo, options.id);
  const { openWorkspace } = await import('../workspace.js');
  const ws = openWorkspace(ctx);
  if (!ws.location.isGit) {
    throw new UserError(`${ws.location.root} is not inside a git repository: there is no history`, {
      hint: 'run `postmortem init` to start one',
    });
  }
  const file = ws.store.resolveRef(options.id, ctx.cwd);
  const path = ws.store.relativePath(file);
  // git names files from the top of the repository, which --repo DIR may be below.
  const fromTop = relative(findGitRoot(ws.location.root) ?? ws.location.root, file)
    .split(sep)
    .join('/');
  const history = await (early?.root === ws.location.root && early.path === path
    ? early.history
    : documentHistory(ws.location.root, path));
  if (history.length === 0) {
    throw new UserError(`${path} has no commits yet`, {
      hint: ws.store.exists(file)
        ? `commit it with \`git commit -- ${path}\``
        : 'see the ids with `postmortem list`',
    });
  }
  if (options.json === true) {
    ctx.out.printJson(
      history.map((r) => ({
        commit: r.commit,
        date: r.date,
        author: r.author,
        email: r.email,
        message: r.subject,
        path: r.path,
        status: r.status,
        status_change: r.statusChange,
      })),
    );
    return;
  }
  const c = ctx.out.color;
  const dim = (s: string): string => (c ? `\u001b[2m${s}\u001b[22m` : s);
  const bold = (s: string): string => (c ? `\u001b[1m${s}\u001b[22m` : s);
  const lines: string[] = [];
  for (const r of history) {
    const change = r.statusChange;
    const status =
      change === null
        ? ''
        : change.from === null
          ? `  [${change.to ?? '?'}]`
          : `  [${change.from} -> ${change.to ?? 'deleted'}]`;
    const date = r.date.replace('T', ' ').replace(/:\d{2}([+-]\d{2}:\d{2}|Z)$/, ' $1');
    lines.push(`${dim(r.commit.slice(0, 7))}  ${date}  ${r.author}  ${r.subject}${bold(status)}`);
    if (r.path !== fromTop) lines.push(dim(`         (as ${r.path})`));
  }
  ctx.out.print(lines.join('\n'));
}
