// Helpers that new, edit and update share. Kept apart from new.ts so that update, and
// new or edit without a terminal, never load the interview or inquirer.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { defaultTimezone } from '../config/config.js';
import type { CommandContext } from '../context.js';
import type { InterviewDraft } from '../core/drafts-model.js';
import { defaultId } from '../core/slug.js';
import { dateInZone, toIsoInZone } from '../core/time.js';
import { UsageError } from '../errors.js';
import type { Prompter } from '../interview/prompter.js';
import type { DraftStore } from '../store/drafts.js';
import type { Workspace } from '../workspace.js';

const run = promisify(execFile);

/** "Name <email>" from git config, the default author; undefined when git has none. */
export async function gitAuthor(root: string): Promise<string | undefined> {
  const get = async (key: string): Promise<string> => {
    try {
      return (await run('git', ['config', '--get', key], { cwd: root })).stdout.trim();
    } catch {
      return '';
    }
  };
  const [name, email] = [await get('user.name'), await get('user.email')];
  if (name === '') return undefined;
  return email === '' ? name : `${name} <${email}>`;
}

/** No terminal (or CI): never prompt. Inquirer would exit 0 having done nothing. */
export function assertInteractive(ctx: CommandContext, what: string, hint: string): void {
  const ci =
    ctx.env.CI !== undefined && ctx.env.CI !== '' && ctx.env.CI !== 'false' && ctx.env.CI !== '0';
  if (!ctx.stdinIsTTY || ci)
    throw new UsageError(
      `${what} needs a terminal to ask its questions${ci ? ' (CI is set)' : ''}`,
      hint,
    );
}

/** Inquirer is loaded here, once a terminal is known to be there: 27 packages otherwise unused. */
export async function terminalPrompter(ctx: CommandContext): Promise<Prompter> {
  const { createTerminalPrompter } = await import('../interview/inquirer-prompter.js');
  return createTerminalPrompter({ env: ctx.env, write: (text) => void process.stderr.write(text) });
}

/** Now, to the whole minute, as an ISO time in the zone: what --quick and update stamp. */
export function thisMinute(now: Date, zone: string): string {
  return toIsoInZone(Math.floor(now.getTime() / 60_000) * 60_000, zone);
}

export function commitMessage(id: string, what: string): string {
  return `postmortem(${id}): ${what}`;
}

/** After each section: the id follows from the start date and title, and names the draft. */
function draftNamer(drafts: DraftStore): (draft: InterviewDraft) => void {
  return (draft) => {
    const doc = draft.doc;
    if (draft.fixed_id !== undefined) doc.id = draft.fixed_id;
    else if (doc.title !== '' && doc.started_at !== '' && doc.timezone !== '')
      doc.id = defaultId(dateInZone(doc.started_at, doc.timezone), doc.title);
    if (
      draft.kind === 'new' &&
      doc.id !== '' &&
      draft.key !== doc.id &&
      !drafts.list().some((d) => d.key === doc.id)
    )
      drafts.rename(draft, doc.id);
  };
}

export interface DraftInterview {
  prompter: Prompter;
  drafts: DraftStore;
  draft: InterviewDraft;
  saveDraft: (draft: InterviewDraft) => void;
  /** The command that picks the draft up again: "postmortem new --resume". */
  continueWith: string;
  /** Said on Ctrl-C, before how to continue: "Every answer so far is kept". */
  keptNote: string;
  /** Runs after the interview, still inside it: answers given here are kept on Ctrl-C too. */
  finish?: () => Promise<void>;
}

/**
 * Ask the draft's sections. When the author keeps the draft for later (false) or presses
 * Ctrl-C (rethrown), the draft is saved with a word on how to go on.
 */
export async function interviewDraft(
  ctx: CommandContext,
  ws: Workspace,
  run: DraftInterview,
): Promise<boolean> {
  const { runInterview } = await import('../interview/interview.js');
  try {
    const outcome = await runInterview({
      prompter: run.prompter,
      draft: run.draft,
      saveDraft: run.saveDraft,
      afterSection: draftNamer(run.drafts),
      now: ctx.now(),
      severities: ws.config.severities,
      defaultTimezone: defaultTimezone(ws.config),
      gitAuthor: await gitAuthor(ws.location.root),
    });
    if (outcome === 'keep-draft') {
      run.saveDraft(run.draft);
      ctx.out.info(`Draft kept. Continue with: ${run.continueWith}`);
      return false;
    }
    await run.finish?.();
  } catch (error) {
    if ((error as Error).name === 'ExitPromptError') {
      run.saveDraft(run.draft);
      ctx.out.info(`\n${run.keptNote}. Continue with: ${run.continueWith}`);
    }
    throw error;
  }
  return true;
}
