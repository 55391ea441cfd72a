// 10. Summary: a draft from every answer above, which the author edits.
import type { FlowContext } from '../context.js';
import { summaryDraft } from '../compose.js';
import { optional } from '../prompter.js';

export async function summaryFlow(ctx: FlowContext): Promise<void> {
  const draft = ctx.doc.summary ?? summaryDraft(ctx.doc);
  if (ctx.doc.summary === undefined)
    ctx.prompter.say(`A summary draft from your answers:\n${draft.replace(/^/gm, '  | ')}`);
  const answer = await ctx.prompter.prose({
    id: 'summary',
    message: 'Summary (edit the draft, or press Enter to keep it)',
    default: draft,
  });
  ctx.doc.summary = optional(answer);
  if (ctx.doc.summary === undefined) delete ctx.doc.summary;
}
