// 5. Root cause: the trigger, the description, and the contributing factors (a loop).
// Blameless: systems and conditions, not culprits.
import { continuing, type FlowContext } from '../context.js';
import { askList } from '../list-loop.js';
import { askQuestions, optional, type Question } from '../prompter.js';

/** A prose answer about the cause; an empty one leaves the field out. */
const prose = (
  id: string,
  key: 'trigger' | 'description',
  message: string,
): Question<FlowContext> => ({
  id,
  kind: 'prose',
  message,
  default: (ctx) => ctx.doc.root_cause[key],
  apply: (ctx, answer) => {
    ctx.doc.root_cause[key] = optional(answer);
    if (ctx.doc.root_cause[key] === undefined) delete ctx.doc.root_cause[key];
  },
});

const QUESTIONS: readonly Question<FlowContext>[] = [
  prose('trigger', 'trigger', 'What triggered it? (the event that set it off)'),
  prose(
    'root-cause',
    'description',
    'What was the root cause? (the condition that let the trigger do harm)',
  ),
];

export async function rootCauseFlow(ctx: FlowContext): Promise<void> {
  await askQuestions(ctx.prompter, QUESTIONS, ctx);
  ctx.doc.root_cause.contributing_factors = await askList(ctx.prompter, {
    id: 'contributing-factor',
    item: 'Contributing factor',
    intro: 'Contributing factors: systems, processes and conditions, not people to blame.',
    items: ctx.doc.root_cause.contributing_factors,
    addFirst: continuing(ctx, 'root-cause'),
    onChange: (items) => {
      ctx.doc.root_cause.contributing_factors = items;
    },
  });
}
