// 4. Impact: what customers saw, who was affected, what was NOT affected, data loss.
import type { FlowContext } from '../context.js';
import { askQuestions, optional, type Question } from '../prompter.js';

const QUESTIONS: readonly Question<FlowContext>[] = [
  {
    id: 'impact-description',
    kind: 'prose',
    message: 'What did customers see? (what broke, for how long, what they could not do)',
    default: (ctx) => ctx.doc.impact.description,
    apply: (ctx, answer) => {
      ctx.doc.impact.description = optional(answer);
    },
  },
  {
    id: 'customers-affected',
    kind: 'text',
    message: 'Who was affected? (a number, or words like "all EU customers")',
    default: (ctx) =>
      ctx.doc.impact.customers_affected === undefined
        ? undefined
        : String(ctx.doc.impact.customers_affected),
    validate: (value) => (value.includes('\n') ? 'one line' : true),
    apply: (ctx, answer) => {
      const text = optional(answer);
      ctx.doc.impact.customers_affected =
        text !== undefined && /^(0|[1-9]\d{0,14})$/.test(text) ? Number(text) : text;
    },
  },
  {
    id: 'not-affected',
    kind: 'prose',
    message:
      'What was NOT affected? Customers need this as much as the bad news (passwords, payments, other data)',
    default: (ctx) => ctx.doc.impact.not_affected,
    apply: (ctx, answer) => {
      ctx.doc.impact.not_affected = optional(answer);
    },
  },
];

export async function impactFlow(ctx: FlowContext): Promise<void> {
  await askQuestions(ctx.prompter, QUESTIONS, ctx);
  const current = ctx.doc.impact.data_loss;
  const loss = await ctx.prompter.select({
    id: 'data-loss',
    message: 'Was any customer data lost?',
    choices: [
      { value: 'no', name: 'No' },
      { value: 'yes', name: 'Yes' },
      { value: 'unknown', name: 'Not known yet' },
    ],
    default: current === undefined ? 'unknown' : current ? 'yes' : 'no',
  });
  if (loss === 'unknown') delete ctx.doc.impact.data_loss;
  else ctx.doc.impact.data_loss = loss === 'yes';
  for (const key of ['description', 'customers_affected', 'not_affected'] as const) {
    if (ctx.doc.impact[key] === undefined) delete ctx.doc.impact[key];
  }
}
