// 6. Detection and resolution.
import type { FlowContext } from '../context.js';
import { askQuestions, optional, type Question } from '../prompter.js';

const QUESTIONS: readonly Question<FlowContext>[] = [
  {
    id: 'detection',
    kind: 'prose',
    message: 'How was it detected? (alert, customer report; what would have caught it sooner)',
    default: (ctx) => ctx.doc.detection,
    apply: (ctx, answer) => {
      ctx.doc.detection = optional(answer);
      if (ctx.doc.detection === undefined) delete ctx.doc.detection;
    },
  },
  {
    id: 'resolution',
    kind: 'prose',
    message: 'How was it resolved? (what was done to stop it and to recover)',
    default: (ctx) => ctx.doc.resolution,
    apply: (ctx, answer) => {
      ctx.doc.resolution = optional(answer);
      if (ctx.doc.resolution === undefined) delete ctx.doc.resolution;
    },
  },
];

export async function detectionFlow(ctx: FlowContext): Promise<void> {
  await askQuestions(ctx.prompter, QUESTIONS, ctx);
}
