// 5. Root cause: the trigger, the description, and the contributing factors (a loop).
// Blameless: systems and conditions, not culprits.
import { continuing, type FlowContext } from '../context.js';
import { askList } from '../list-loop.js';
import { askQuestions, optional, type Question } from '../prompter.js';

const QUESTIONS: readonly Question<FlowContext>[] = [
  {
    id: 'trigger',
    kind: 'prose',
    message: 'What triggered it? (the event that set it off)',
    default: (ctx) => ctx.doc.root_cause.trigger,
    apply: (ctx, answer) => {
      ctx.doc.root_cause.trigger = optional(answer);
      if (ctx.doc.root_cause.trigger === undefined) delete ctx.doc.root_cause.trigger;
    },
  },
  {
    id: 'root-cause',
    kind: 'prose',
    message: 'What was the root cause? (the condition that let the trigger do harm)',
    default: (ctx) => ctx.doc.root_cause.description,
    apply: (ctx, answer) => {
      ctx.doc.root_cause.description = optional(answer);
      if (ctx.doc.root_cause.description === undefined) delete ctx.doc.root_cause.description;
    },
  },
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
