// Internal notes (never public) and the terms that must never appear in public output.
import type { FlowContext } from '../context.js';
import { askQuestions, optional, splitList, type Question } from '../prompter.js';

const QUESTIONS: readonly Question<FlowContext>[] = [
  {
    id: 'internal-notes',
    kind: 'prose',
    message: 'Internal notes: never in any public output (Enter to skip)',
    default: (ctx) => ctx.doc.internal_notes,
    apply: (ctx, answer) => {
      ctx.doc.internal_notes = optional(answer);
      if (ctx.doc.internal_notes === undefined) delete ctx.doc.internal_notes;
    },
  },
  {
    id: 'redact',
    kind: 'text',
    message:
      'Words that must never appear in public output: hostnames, customer names (comma-separated)',
    default: (ctx) => ctx.doc.redact.join(', ') || undefined,
    apply: (ctx, answer) => {
      ctx.doc.redact = splitList(answer);
    },
  },
];

export async function internalFlow(ctx: FlowContext): Promise<void> {
  await askQuestions(ctx.prompter, QUESTIONS, ctx);
}
