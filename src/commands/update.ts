// `postmortem update <id> "text"`: during an incident, a timestamped entry in the
// timeline and the customer-facing update text, ready to paste.
import type { CommandContext, CommandResult } from '../context.js';
import type { Postmortem, TimelineEntry } from '../core/model.js';
import {
  buildStatusUpdate,
  INCIDENT_STATES,
  publicLeaks,
  type IncidentState,
} from '../core/status-update.js';
import { parseTimeInput } from '../core/time-input.js';
import { findMarkerResidue } from '../render/markers.js';
import { UsageError, UserError } from '../errors.js';
import { sortTimeline } from '../core/timeline.js';
import { assertReadyToWrite } from '../store/preflight.js';
import { saveDocument } from '../store/save.js';
import { openWorkspace } from '../workspace.js';
import { commitMessage, thisMinute } from './common.js';

export interface UpdateOptions {
  id: string;
  text: string;
  state?: string;
  at?: string;
  internal?: boolean;
  json?: boolean;
}

function checkText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '')
    throw new UsageError(
      'the update text is empty',
      'postmortem update ID "We found the cause and are rolling back" --state identified',
    );
  if (/[\r\n]/.test(trimmed))
    throw new UsageError('the update text must be one line: it becomes one timeline entry');
  return trimmed;
}

function checkState(state: string | undefined): IncidentState | undefined {
  if (state === undefined) return undefined;
  if (!(INCIDENT_STATES as readonly string[]).includes(state))
    throw new UsageError(`--state "${state}" is not one of ${INCIDENT_STATES.join(', ')}`);
  return state as IncidentState;
}

function resolveAt(
  options: UpdateOptions,
  zone: string,
  now: Date,
  last: TimelineEntry | undefined,
): string {
  if (options.at === undefined) return thisMinute(now, zone);
  const parsed = parseTimeInput(options.at, {
    zone,
    now,
    ...(last ? { reference: { at: last.at, label: 'the last timeline entry' } } : {}),
  });
  if (!parsed.ok)
    throw new UsageError(
      `--at ${options.at}: ${parsed.reason}`,
      'for example --at 02:40, --at +15m, --at 2026-11-24T02:40:00+11:00',
    );
  return parsed.iso;
}

/** Text matching the repo's leak patterns (hostnames, internal URLs): never in a public update. */
function patternLeaks(text: string, patterns: readonly string[]): string[] {
  const found: string[] = [];
  for (const source of patterns) {
    const match = new RegExp(source, 'iu').exec(text);
    if (match) found.push(match[0]);
  }
  return found;
}

/**
 * `monitoring` and `resolved` set mitigated_at and resolved_at when unset: refuse a time
 * that would put them before a key time already recorded (lint would fail the document).
 */
function checkKeyTimeOrder(doc: Postmortem, state: IncidentState | undefined, at: string): void {
  if (state !== 'monitoring' && state !== 'resolved') return;
  const setting: string[] = [];
  if (doc.mitigated_at === undefined) setting.push('mitigated_at');
  if (state === 'resolved' && doc.resolved_at === undefined) setting.push('resolved_at');
  if (setting.length === 0) return;
  const earlier: [string, string | undefined][] = [
    ['started_at', doc.started_at],
    ['detected_at', doc.detected_at],
    ['mitigated_at', setting.includes('mitigated_at') ? undefined : doc.mitigated_at],
  ];
  for (const [key, value] of earlier) {
    if (value !== undefined && Date.parse(at) < Date.parse(value)) {
      throw new UsageError(
        `--state ${state} at ${at} would set ${setting.join(' and ')} before ${key} ${value}`,
        `give a time after ${value} with --at, or leave out --state to add it to the timeline only`,
      );
    }
  }
}

export async function runUpdate(
  ctx: CommandContext,
  rawOptions: Record<string, unknown>,
): CommandResult {
  const options = rawOptions as unknown as UpdateOptions;
  const internal = options.internal === true;
  // `--internal "[internal] ..."` says it twice: the entry's own marker is enough.
  const text = checkText(internal ? options.text.replace(/^\s*\[internal\]/i, '') : options.text);
  const state = checkState(options.state);
  const ws = openWorkspace(ctx, { write: true });
  await assertReadyToWrite(ws.location.root);
  const stored = ws.store.read(ws.store.fileFor(options.id));
  const doc = structuredClone(stored.doc);
  const at = resolveAt(options, doc.timezone, ctx.now(), doc.timeline[doc.timeline.length - 1]);
  if (!internal && findMarkerResidue(text) !== undefined) {
    throw new UsageError(
      'the update carries an internal marker, but public text cannot: nothing was saved',
      'pass --internal to add it as an internal entry, or leave the marker out',
    );
  }
  if (!internal) {
    const leaks = [
      ...publicLeaks(text, doc.redact),
      ...patternLeaks(text, ws.config.leaks.patterns),
    ];
    if (leaks.length > 0) {
      throw new UserError(
        `the update mentions ${leaks.map((l) => `"${l}"`).join(', ')}, which must never be public: nothing was saved`,
        {
          hint: 'reword it, or pass --internal to keep it out of every public output',
        },
      );
    }
  }
  checkKeyTimeOrder(doc, state, at);
  const entry: TimelineEntry = { at, event: text, internal };
  doc.timeline = sortTimeline([...doc.timeline, entry]);
  if (state === 'monitoring' || state === 'resolved') doc.mitigated_at ??= at;
  if (state === 'resolved') doc.resolved_at ??= at;
  const saved = await saveDocument(
    ws,
    stored.file,
    doc,
    stored.text,
    commitMessage(doc.id, 'add timeline entry'),
    stored.eol,
  );
  const update = internal
    ? null
    : buildStatusUpdate({
        title: doc.title,
        text,
        at,
        timezone: doc.timezone,
        services: doc.services,
        ...(state ? { state } : {}),
      });
  if (options.json) {
    ctx.out.printJson({
      id: doc.id,
      path: saved.path,
      committed: saved.committed,
      entry,
      state: state ?? null,
      mitigated_at: doc.mitigated_at ?? null,
      resolved_at: doc.resolved_at ?? null,
      status_update: update,
    });
    return 0;
  }
  ctx.out.info(`Added to the timeline of ${saved.path}${saved.committed ? ' and committed' : ''}.`);
  if (update === null) ctx.out.info('An internal entry: no customer-facing text.');
  else ctx.out.print(update);
  return 0;
}
