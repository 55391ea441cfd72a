// 1. Basics: title, severity (with what each level means), services, authors, timezone.
import { isTimeZone } from '../../core/time.js';
import type { FlowContext } from '../context.js';
import { askQuestions, splitList, type Question } from '../prompter.js';

const oneLine = (what: string) => (value: string) =>
  value.includes('\n') ? `${what} must be one line` : true;

const QUESTIONS: readonly Question<FlowContext>[] = [
  {
    id: 'title',
    kind: 'text',
    message: 'Title: what happened, in a few words customers would understand',
    default: (ctx) => ctx.doc.title || undefined,
    required: true,
    validate: oneLine('the title'),
    apply: (ctx, answer) => {
      ctx.doc.title = answer;
    },
  },
];

const AFTER_SEVERITY: readonly Question<FlowContext>[] = [
  {
    id: 'services',
    kind: 'text',
    message: 'Services affected (comma-separated, Enter to skip)',
    default: (ctx) => ctx.doc.services.join(', ') || undefined,
    apply: (ctx, answer) => {
      ctx.doc.services = splitList(answer);
    },
  },
  {
    id: 'authors',
    kind: 'text',
    message: 'Authors (comma-separated "Name <email>")',
    default: (ctx) => ctx.doc.authors.join(', ') || ctx.gitAuthor,
    apply: (ctx, answer) => {
      ctx.doc.authors = splitList(answer);
    },
  },
  {
    id: 'timezone',
    kind: 'text',
    message: 'Timezone the times are written in (IANA name)',
    default: (ctx) => ctx.doc.timezone || ctx.defaultTimezone,
    required: true,
    validate: (value) =>
      isTimeZone(value.trim())
        ? true
        : `"${value.trim()}" is not an IANA timezone: try a name like Australia/Sydney, Europe/Berlin or UTC`,
    apply: (ctx, answer) => {
      ctx.doc.timezone = answer;
    },
  },
];

export async function basicsFlow(ctx: FlowContext): Promise<void> {
  await askQuestions(ctx.prompter, QUESTIONS, ctx);
  const levels = ctx.severities;
  const fallback = levels.find((s) => s.name === 'SEV2')?.name ?? levels[0]?.name;
  ctx.doc.severity = await ctx.prompter.select({
    id: 'severity',
    message: 'Severity',
    choices: levels.map((s) => ({
      value: s.name,
      name: s.description ? `${s.name} — ${s.description}` : s.name,
    })),
    default: ctx.doc.severity || fallback,
  });
  await askQuestions(ctx.prompter, AFTER_SEVERITY, ctx);
}
