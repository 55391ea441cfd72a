// One time question: forgiving input, an exact answer, and an echo of what it became.
import {
  acceptInstant,
  parseTimeInput,
  TIME_INPUT_HELP,
  type TimeInputOptions,
} from '../core/time-input.js';
import { dateInZone, parseIsoTime, toIsoInZone } from '../core/time.js';
import { CLEAR, type Prompter } from './prompter.js';

export interface TimeQuestion {
  id: string;
  message: string;
  /** The current value (ISO 8601), offered as the default. */
  current?: string | undefined;
  required?: boolean;
  zone: string;
  now: Date;
  day?: string | undefined;
  reference?: { at: string; label: string } | undefined;
  notBefore?: { at: string; label: string } | undefined;
  rollForwardAfter?: string | undefined;
}

function inputOptions(q: TimeQuestion): TimeInputOptions {
  return {
    zone: q.zone,
    now: q.now,
    ...(q.day !== undefined ? { day: q.day } : {}),
    ...(q.reference !== undefined ? { reference: q.reference } : {}),
    ...(q.notBefore !== undefined ? { notBefore: q.notBefore } : {}),
    ...(q.rollForwardAfter !== undefined ? { rollForwardAfter: q.rollForwardAfter } : {}),
  };
}

/** The shortest text that reads back as exactly this instant: "02:07" on the day, else the ISO time. */
function timeDefault(
  iso: string | undefined,
  q: Pick<TimeQuestion, 'zone' | 'now' | 'day'>,
): string | undefined {
  if (iso === undefined || iso === '') return undefined;
  const ms = parseIsoTime(iso);
  if (ms === undefined) return iso;
  const day = q.day ?? dateInZone(q.now.toISOString(), q.zone);
  const local = toIsoInZone(ms, q.zone);
  if (local.slice(0, 10) === day) {
    const short = local.slice(11, 16);
    const back = parseTimeInput(short, {
      zone: q.zone,
      now: q.now,
      day,
      futureToleranceMinutes: null,
    });
    if (back.ok && parseIsoTime(back.iso) === ms) return short;
  }
  return local;
}

/** Ask until the answer is a real time that fits; undefined when skipped. */
export async function askTime(prompter: Prompter, q: TimeQuestion): Promise<string | undefined> {
  const options = inputOptions(q);
  const fallback = timeDefault(q.current, q);
  for (;;) {
    const answer = await prompter.text({
      id: q.id,
      message:
        q.required || q.message.includes('Enter') ? q.message : `${q.message} (Enter to skip)`,
      default: fallback,
      required: q.required ?? false,
      validate: (value) => {
        if (value.trim() === CLEAR) return q.required ? 'an answer is required here' : true;
        const parsed = parseTimeInput(value, options);
        return parsed.ok || 'ambiguous' in parsed ? true : `${parsed.reason}`;
      },
    });
    if (answer.trim() === '' || answer.trim() === CLEAR) {
      if (!q.required) return undefined;
      prompter.say(`  A time is required: ${TIME_INPUT_HELP}`);
      continue;
    }
    let result = parseTimeInput(answer, options);
    if (!result.ok && 'ambiguous' in result) {
      prompter.say(`  ${result.reason}`);
      const [first, second] = result.ambiguous;
      const chosen = await prompter.select({
        id: `${q.id}-dst`,
        message: 'Which one?',
        choices: [
          { value: 'first', name: first.label },
          { value: 'second', name: second.label },
        ],
      });
      const pick = chosen === 'first' ? first : second;
      result = acceptInstant(
        parseIsoTime(pick.iso) ?? 0,
        options,
        `offset ${pick.iso.slice(19)} chosen`,
      );
    }
    if (result.ok) {
      prompter.say(`  → ${result.echo}`);
      return result.iso;
    }
    prompter.say(`  ${result.reason}`);
  }
}
