// `postmortem log <id>`: the revisions of one post-mortem, newest first, following
// renames: date, author, message, and the status changes each made.
import { relative, sep } from 'node:path';
import type { CommandContext, CommandResult } from '../context.js';
import { UserError } from '../errors.js';
import { documentHistory } from '../store/history.js';
import { findGitRoot } from '../store/repo.js';
import { openWorkspace } from '../workspace.js';

export interface LogOptions {
  id: string;
  json?: boolean | undefined;
}

export async function runLog(ctx: CommandContext, options: LogOptions): CommandResult {
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
  const history = await documentHistory(ws.location.root, path);
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
