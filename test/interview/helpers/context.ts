// A flow context over a scripted prompter, with a pinned clock and the default levels.
import { DEFAULT_SEVERITY_LEVELS } from '../../../src/config/config.js';
import { newDraft, type InterviewDraft } from '../../../src/core/drafts-model.js';
import type { FlowContext } from '../../../src/interview/context.js';
import { ScriptedPrompter, type Step } from './scripted-prompter.js';

export const NOW = new Date('2026-11-24T10:00:00+11:00');

export function flowContext(
  script: Step[],
  setup: (draft: InterviewDraft) => void = () => {},
): { ctx: FlowContext; prompter: ScriptedPrompter } {
  const prompter = new ScriptedPrompter(script);
  const draft = newDraft('test', NOW.toISOString());
  setup(draft);
  const ctx: FlowContext = {
    prompter,
    draft,
    doc: draft.doc,
    now: NOW,
    severities: DEFAULT_SEVERITY_LEVELS,
    defaultTimezone: 'UTC',
    gitAuthor: 'Test Author <author@example.com>',
  };
  return { ctx, prompter };
}

/** The basics and times of an incident in Sydney, already answered. */
export function started(draft: InterviewDraft): void {
  Object.assign(draft.doc, {
    id: '2026-11-24-api-outage',
    title: 'API unavailable',
    severity: 'SEV1',
    timezone: 'Australia/Sydney',
    started_at: '2026-11-24T02:00:00+11:00',
  });
}
