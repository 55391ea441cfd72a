// 2. Key times: started, detected, mitigated, resolved. Each answer is checked against
// the one before it (detected cannot be before started), and echoed back exactly.
import type { KeyTime } from '../../core/model.js';
import { askTime } from '../ask-time.js';
import { incidentDay, zoneOf, type FlowContext } from '../context.js';

const LABELS: Record<KeyTime, string> = {
  started_at: 'the start',
  detected_at: 'detection',
  mitigated_at: 'mitigation',
  resolved_at: 'resolution',
};

const MESSAGES: Record<KeyTime, string> = {
  started_at: 'When did it start?',
  detected_at: 'When did we notice (detected)?',
  mitigated_at: 'When was the impact stopped or reduced (mitigated)?',
  resolved_at: 'When was it fully resolved?',
};

/** The latest key time before `key` that has a value: what `key` may not precede. */
export function previousKeyTime(
  doc: FlowContext['doc'],
  key: KeyTime,
): { at: string; label: string } | undefined {
  const order: KeyTime[] = ['started_at', 'detected_at', 'mitigated_at', 'resolved_at'];
  for (let i = order.indexOf(key) - 1; i >= 0; i--) {
    const k = order[i]!;
    const at = doc[k];
    if (at !== undefined && at !== '') return { at, label: LABELS[k] };
  }
  return undefined;
}

async function askKeyTime(ctx: FlowContext, key: KeyTime): Promise<void> {
  const before = previousKeyTime(ctx.doc, key);
  const iso = await askTime(ctx.prompter, {
    id: key,
    message: MESSAGES[key],
    current: ctx.doc[key],
    required: key === 'started_at',
    zone: zoneOf(ctx),
    now: ctx.now,
    day: key === 'started_at' ? undefined : incidentDay(ctx),
    reference: before,
    notBefore: before,
    rollForwardAfter: before?.at,
  });
  if (key === 'started_at') ctx.doc.started_at = iso ?? '';
  else if (iso === undefined) delete ctx.doc[key];
  else ctx.doc[key] = iso;
}

export async function timesFlow(ctx: FlowContext): Promise<void> {
  ctx.prompter.say(
    `Times are in ${zoneOf(ctx)}. Type 02:07, +15m (after the previous time), yesterday 23:50, or ISO 8601.`,
  );
  for (const key of ['started_at', 'detected_at', 'mitigated_at', 'resolved_at'] as const)
    await askKeyTime(ctx, key);
}
