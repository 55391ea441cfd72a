// The interview: each section in order, the draft saved before every question and after
// every section, then the review screen. Resuming continues at the first unanswered section.
import { SECTION_NAMES, type InterviewDraft, type SectionName } from '../core/drafts-model.js';
import type { FlowContext, InterviewSettings, SectionFlow } from './context.js';
import { withCheckpoints, type Prompter } from './prompter.js';
import { documentProblems, reviewText, sectionChoices } from './review.js';
import { actionsFlow } from './sections/actions.js';
import { apologyFlow } from './sections/apology.js';
import { basicsFlow } from './sections/basics.js';
import { detectionFlow } from './sections/detection.js';
import { impactFlow } from './sections/impact.js';
import { internalFlow } from './sections/internal.js';
import { lessonsFlow } from './sections/lessons.js';
import { rootCauseFlow } from './sections/root-cause.js';
import { summaryFlow } from './sections/summary.js';
import { timelineFlow } from './sections/timeline.js';
import { timesFlow } from './sections/times.js';
import { SECTION_TITLES } from '../core/drafts-model.js';

const SECTION_FLOWS: Record<SectionName, SectionFlow> = {
  basics: basicsFlow,
  times: timesFlow,
  timeline: timelineFlow,
  impact: impactFlow,
  'root-cause': rootCauseFlow,
  detection: detectionFlow,
  apology: apologyFlow,
  actions: actionsFlow,
  lessons: lessonsFlow,
  summary: summaryFlow,
  internal: internalFlow,
};

export interface InterviewOptions extends InterviewSettings {
  prompter: Prompter;
  draft: InterviewDraft;
  /** Save the draft (atomically); called before every question and after every section. */
  saveDraft: (draft: InterviewDraft) => void;
  /** Fill in what follows from the answers (the id), after each section. */
  afterSection?: (draft: InterviewDraft) => void;
}

export type InterviewOutcome = 'save' | 'keep-draft';

async function runSection(
  options: InterviewOptions,
  prompter: Prompter,
  section: SectionName,
): Promise<void> {
  const ctx: FlowContext = { ...options, prompter, draft: options.draft, doc: options.draft.doc };
  const { draft } = options;
  prompter.say(
    `\n── ${SECTION_TITLES[section]} (${SECTION_NAMES.indexOf(section) + 1}/${SECTION_NAMES.length}) ──`,
  );
  await SECTION_FLOWS[section](ctx);
  if (!draft.done.includes(section)) draft.done.push(section);
  options.afterSection?.(draft);
  options.saveDraft(draft);
}

/** Ask every section not answered yet, then review; resolves to what the author chose. */
export async function runInterview(options: InterviewOptions): Promise<InterviewOutcome> {
  const { draft } = options;
  const prompter = withCheckpoints(options.prompter, () => options.saveDraft(draft));
  for (const section of draft.sections) {
    if (!draft.done.includes(section)) await runSection(options, prompter, section);
  }
  for (;;) {
    prompter.say(`\n── Review ──\n${reviewText(draft.doc)}`);
    const problems = documentProblems(draft.doc);
    if (problems.length > 0)
      prompter.say(`Not ready to save:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    const choice = await prompter.select({
      id: 'review',
      message: 'Save it?',
      choices: [
        ...(problems.length === 0 ? [{ value: 'save', name: 'Save and commit' }] : []),
        { value: 'edit', name: 'Change a section' },
        { value: 'keep-draft', name: 'Stop here and keep the draft for later' },
      ],
      default: problems.length === 0 ? 'save' : 'edit',
    });
    if (choice === 'save' || choice === 'keep-draft') return choice;
    const section = await prompter.select({
      id: 'review-section',
      message: 'Which section?',
      choices: sectionChoices(SECTION_NAMES),
    });
    await runSection(options, prompter, section);
  }
}
