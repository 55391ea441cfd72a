// 7. Apology: three short questions, then a draft assembled from every answer so far
// that the author edits. Owning it in human words is the point; a canned "sorry for any
// inconvenience" is refused.
import type { FlowContext } from '../context.js';
import { apologyDraft, nonApology } from '../compose.js';
import { askQuestions, optional, type Question } from '../prompter.js';

const HINTS: readonly Question<FlowContext>[] = [
  {
    id: 'apology-do-now',
    kind: 'text',
    message: 'What should customers do now? (e.g. "remove spam posts", "nothing")',
    default: (ctx) => ctx.draft.notes.doNow ?? 'nothing',
    apply: (ctx, answer) => {
      ctx.draft.notes.doNow = answer;
    },
  },
  {
    id: 'apology-updates',
    kind: 'text',
    message: 'Where will updates appear?',
    default: (ctx) => ctx.draft.notes.updates ?? 'our status page',
    apply: (ctx, answer) => {
      ctx.draft.notes.updates = answer;
    },
  },
  {
    id: 'apology-give-back',
    kind: 'text',
    message: 'What will we give back? (credits, refunds; Enter for nothing)',
    default: (ctx) => ctx.draft.notes.giveBack,
    apply: (ctx, answer) => {
      ctx.draft.notes.giveBack = answer;
    },
  },
];

function checkApology(text: string): true | string {
  const hit = nonApology(text);
  return hit === undefined
    ? true
    : `"${hit}" is not an apology: say what happened, who it hurt and what we are doing about it`;
}

export async function apologyFlow(ctx: FlowContext): Promise<void> {
  ctx.prompter.say(
    'The apology customers read: own it; say what happened, who is and is not affected, what they should do now, what we are doing, where updates appear, and what we give back.',
  );
  if (ctx.doc.apology === undefined) await askQuestions(ctx.prompter, HINTS, ctx);
  const draft = ctx.doc.apology ?? apologyDraft(ctx.doc, ctx.draft.notes);
  if (ctx.doc.apology === undefined)
    ctx.prompter.say(`A draft from your answers:\n${draft.replace(/^/gm, '  | ')}`);
  const answer = await ctx.prompter.prose({
    id: 'apology',
    message: 'Apology (edit the draft, or press Enter to keep it)',
    default: draft,
    validate: checkApology,
  });
  ctx.doc.apology = optional(answer);
  if (ctx.doc.apology === undefined) delete ctx.doc.apology;
}
