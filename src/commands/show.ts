import type { CommandContext, CommandResult } from '../context.js';
import { postmortemToJson } from '../core/json.js';
import { formatDocument } from '../ui/document-view.js';
import { openWorkspace } from '../workspace.js';

export interface ShowOptions {
  ref: string;
  json: boolean;
}

export async function runShow(ctx: CommandContext, options: ShowOptions): CommandResult {
  const { store } = openWorkspace(ctx);
  const stored = store.read(store.resolveRef(options.ref, ctx.cwd));
  if (options.json) ctx.out.printJson(postmortemToJson(stored.doc, stored.path));
  else ctx.out.print(formatDocument(stored.doc, stored.path, ctx.out.color));
  return Promise.resolve();
}
