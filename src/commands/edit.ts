// `postmortem edit <id> [--section NAME...]`: re-ask chosen sections, prefilled with the
// current values. Everything else in the file, hand edits included, is kept; a file
// changed on disk meanwhile is never overwritten (the answers stay in the draft).
import type { CommandContext, CommandResult } from '../context.js';
import {
  isSectionName,
  newDraft,
  SECTION_NAMES,
  type InterviewDraft,
  type SectionName,
} from '../core/drafts-model.js';
import { UsageError, UserError } from '../errors.js';
import type { Prompter } from '../interview/prompter.js';
import { DraftStore } from '../store/drafts.js';
import { assertReadyToWrite } from '../store/preflight.js';
import { saveDocument } from '../store/save.js';
import { openWorkspace } from '../workspace.js';
import { assertInteractive, commitMessage, interviewDraft, terminalPrompter } from './common.js';

export interface EditOptions {
  id: string;
  section?: string[];
}

const ALIASES: Record<string, SectionName> = {
  root_cause: 'root-cause',
  rootcause: 'root-cause',
  'action-items': 'actions',
  action_items: 'actions',
  resolution: 'detection',
  times: 'times',
};

function parseSections(names: readonly string[]): SectionName[] {
  const out: SectionName[] = [];
  for (const raw of names) {
    const name = ALIASES[raw.toLowerCase()] ?? raw.toLowerCase();
    if (!isSectionName(name))
      throw new UsageError(
        `--section "${raw}" is not a section`,
        `sections: ${SECTION_NAMES.join(', ')}`,
      );
    if (!out.includes(name)) out.push(name);
  }
  return SECTION_NAMES.filter((s) => out.includes(s));
}

async function pendingDraft(
  drafts: DraftStore,
  prompter: Prompter,
  key: string,
  text: string,
): Promise<InterviewDraft | undefined> {
  const draft = drafts.list().find((d) => d.key === key);
  if (!draft) return undefined;
  if (draft.base !== text) {
    throw new UserError(
      `an unfinished edit of this post-mortem began from an older version of the file, which has changed since`,
      {
        hint: `its answers are in ${drafts.describe(key)}; copy what you need, delete that file, and run edit again`,
      },
    );
  }
  const resume = await prompter.confirm({
    id: 'resume',
    message: `An unfinished edit (${draft.sections.join(', ')}) is waiting. Resume it?`,
    default: true,
  });
  if (resume) return draft;
  drafts.remove(key);
  return undefined;
}

export async function runEdit(
  ctx: CommandContext,
  rawOptions: Record<string, unknown>,
): CommandResult {
  const options = rawOptions as unknown as EditOptions;
  const chosen = parseSections(options.section ?? []);
  const ws = openWorkspace(ctx, { write: true });
  const file = ws.store.fileFor(options.id);
  // What does not exist is said first: no advice to edit a file that is not there.
  const drafts = new DraftStore(ws.location.root);
  if (
    !ws.store.exists(file) &&
    drafts.list().some((d) => d.key === options.id && d.kind === 'new')
  ) {
    throw new UserError(`${options.id} is an unfinished new post-mortem, not saved yet`, {
      hint: 'continue it with `postmortem new --resume`',
    });
  }
  const stored = ws.store.read(file);
  assertInteractive(
    ctx,
    '`postmortem edit`',
    `edit ${ws.store.relativePath(file)} in any editor instead, or add a timeline entry with \`postmortem update ${options.id} "text"\``,
  );
  await assertReadyToWrite(ws.location.root);
  const prompter = await terminalPrompter(ctx);
  const { sectionChoices } = await import('../interview/review.js');
  const key = `edit-${options.id}`;
  let draft = await pendingDraft(drafts, prompter, key, stored.text);
  if (!draft) {
    const sections =
      chosen.length > 0
        ? chosen
        : await prompter.checkbox({
            id: 'sections',
            message: 'Which sections?',
            choices: sectionChoices(SECTION_NAMES),
          });
    if (sections.length === 0) {
      ctx.out.info('No section chosen: nothing changed.');
      return 0;
    }
    draft = {
      ...newDraft(key, ctx.now().toISOString(), sections),
      kind: 'edit',
      doc: structuredClone(stored.doc),
      base: stored.text,
      fixed_id: stored.doc.id,
    };
  }
  const saveDraft = (d: InterviewDraft): void => drafts.save(d);
  const finished = await interviewDraft(ctx, ws, {
    prompter,
    drafts,
    draft,
    saveDraft,
    continueWith: `postmortem edit ${options.id}`,
    keptNote: 'Every answer so far is kept',
  });
  if (!finished) return 0;
  saveDraft(draft);
  const saved = await saveDocument(
    ws,
    file,
    draft.doc,
    draft.base,
    commitMessage(draft.doc.id, `edit ${draft.sections.join(', ')}`),
    stored.eol,
  );
  drafts.remove(key);
  ctx.out.print(
    saved.text === stored.text
      ? `No change to ${saved.path}`
      : `${saved.committed ? 'Wrote and committed' : 'Wrote'} ${saved.path}`,
  );
  return 0;
}
