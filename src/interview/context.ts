// What every section flow receives.
import type { SeverityLevel } from '../config/config.js';
import type { InterviewDraft } from '../core/drafts-model.js';
import type { Postmortem } from '../core/model.js';
import { dateInZone } from '../core/time.js';
import type { Prompter } from './prompter.js';

export interface InterviewSettings {
  now: Date;
  severities: readonly SeverityLevel[];
  defaultTimezone: string;
  /** "Name <email>" from git config, the default author. */
  gitAuthor?: string | undefined;
}

export interface FlowContext extends InterviewSettings {
  prompter: Prompter;
  draft: InterviewDraft;
  doc: Postmortem;
}

export type SectionFlow = (ctx: FlowContext) => Promise<void>;

/**
 * A new interview that has not finished this section yet (a resumed draft): loops go
 * straight on adding, where the author stopped, instead of opening their menu.
 */
export function continuing(ctx: FlowContext, section: string): boolean {
  return ctx.draft.kind === 'new' && !(ctx.draft.done as string[]).includes(section);
}

/** The incident's zone, or the default while basics are not answered yet. */
export function zoneOf(ctx: FlowContext): string {
  return ctx.doc.timezone || ctx.defaultTimezone;
}

/** The day ("YYYY-MM-DD" in the incident's zone) a bare "02:07" belongs to. */
export function incidentDay(ctx: FlowContext): string | undefined {
  return ctx.doc.started_at === '' ? undefined : dateInZone(ctx.doc.started_at, zoneOf(ctx));
}
