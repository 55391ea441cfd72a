// Helpers that new, edit and update share. Kept apart from new.ts so that update, and
// new or edit without a terminal, never load the interview or inquirer.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { CommandContext } from '../context.js';
import type { InterviewDraft } from '../core/drafts-model.js';
import { defaultId } from '../core/slug.js';
import { dateInZone } from '../core/time.js';
import { UsageError } from '../errors.js';
import type { Prompter } from '../interview/prompter.js';
import type { DraftStore } from '../store/drafts.js';

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

export function commitMessage(id: string, what: string): string {
  return `postmortem(${id}): ${what}`;
}

/** After each section: the id follows from the start date and title, and names the draft. */
export function draftNamer(drafts: DraftStore): (draft: InterviewDraft) => void {
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
