// 7. Apology: three short questions, then a draft assembled from every answer so far
// that the author edits. Owning it in human words is the point; a canned "sorry for any
// inconvenience" is refused.
import type { FlowContext } from '../context.js';
import { apologyDraft, nonApology, type ApologyNotes } from '../compose.js';
import { askQuestions, optional, type Question } from '../prompter.js';

/** A note the apology draft is built from, kept in the interview draft. */
const note = (
  id: string,
  key: keyof ApologyNotes,
  message: string,
  fallback?: string,
): Question<FlowContext> => ({
  id,
  kind: 'text',
  message,
  default: (ctx) => ctx.draft.notes[key] ?? fallback,
  apply: (ctx, answer) => {
    ctx.draft.notes[key] = answer;
  },
});

const HINTS: readonly Question<FlowContext>[] = [
  note(
    'apology-do-now',
    'doNow',
    'What should customers do now? (e.g. "remove spam posts", "nothing")',
    'nothing',
  ),
  note('apology-updates', 'updates', 'Where will updates appear?', 'our status page'),
  note(
    'apology-give-back',
    'giveBack',
    'What will we give back? (credits, refunds; Enter for nothing)',
  ),
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
