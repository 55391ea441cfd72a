// Times that contradict each other. The key times must run in order, the timeline must
// read oldest first, and an entry that marks a key moment must carry the same time as
// the key time it marks. Entries before the start (lead-up) and after the resolution
// (follow-up) are normal and allowed.
import { KEY_TIMES, type KeyTime, type Postmortem } from '../../model.js';
import { parseIsoTime } from '../../time.js';
import type { LintRule, RuleFinding, RuleInput } from '../types.js';
import { quote } from '../text.js';

const KEY_NAMES: Record<KeyTime, string> = {
  started_at: 'started',
  detected_at: 'detected',
  mitigated_at: 'mitigated',
  resolved_at: 'resolved',
};

/** Timeline wording that says, in so many words, "this is the moment of <key time>". */
const MARKERS: [KeyTime, RegExp][] = [
  ['started_at', /\bincident (?:starts|started|begins|began)\b/i],
  ['detected_at', /\bincident (?:is |was )?detected\b/i],
  ['mitigated_at', /\bincident (?:is |was )?mitigated\b|^mitigated\b/i],
  [
    'resolved_at',
    /\bincident (?:is |was |declared |marked )*resolved\b|^resolved\b|\bresolved the incident\b/i,
  ],
];

/** Cheap test first: most entries mark nothing. */
const MAY_MARK = /incident|resolved|mitigated/i;

function keyTimes(doc: Postmortem): { key: KeyTime; text: string; ms: number }[] {
  return KEY_TIMES.flatMap((key) => {
    const text = doc[key];
    const ms = text === undefined ? undefined : parseIsoTime(text);
    return text === undefined || ms === undefined ? [] : [{ key, text, ms }];
  });
}

function checkKeyOrder(input: RuleInput): RuleFinding[] {
  const findings: RuleFinding[] = [];
  let previous: { key: KeyTime; text: string; ms: number } | undefined;
  for (const current of keyTimes(input.doc)) {
    if (previous && current.ms < previous.ms) {
      findings.push({
        line: input.lines.get(current.key) ?? 1,
        message: `${current.key} ${current.text} is before ${previous.key} ${previous.text}`,
        hint: 'key times must run started_at <= detected_at <= mitigated_at <= resolved_at: correct whichever time is wrong (check the UTC offset too)',
      });
    }
    if (!previous || current.ms >= previous.ms) previous = current;
  }
  return findings;
}

function checkTimelineOrder(
  input: RuleInput,
  times: readonly (number | undefined)[],
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const { timeline } = input.doc;
  for (let i = 1; i < timeline.length; i++) {
    const before = times[i - 1];
    const entry = timeline[i];
    const at = times[i];
    if (entry && before !== undefined && at !== undefined && at < before) {
      const aboveLine = input.lines.get(`timeline.${i - 1}`);
      findings.push({
        line: input.lines.get(`timeline.${i}`) ?? 1,
        message: `timeline entry at ${entry.at} is earlier than the entry above it (${timeline[i - 1]?.at ?? ''}${aboveLine === undefined ? '' : `, line ${aboveLine}`})`,
        hint: 'keep the timeline oldest first: move the entry up to where its time belongs, or correct its time (check the UTC offset)',
      });
    }
  }
  return findings;
}

function checkKeyTimesMarked(
  input: RuleInput,
  times: readonly (number | undefined)[],
): RuleFinding[] {
  const { doc, lines } = input;
  if (doc.timeline.length === 0) return [];
  const findings: RuleFinding[] = [];
  // A draft written during the incident has key times before anyone logs the entries;
  // from review on, every key time must be visible on the timeline.
  const requireEntries = doc.status !== 'draft';
  for (const key of keyTimes(doc)) {
    if (!requireEntries || times.includes(key.ms)) continue;
    findings.push({
      line: lines.get(key.key) ?? 1,
      message: `${key.key} ${key.text} has no timeline entry at that time`,
      hint: `add the timeline entry for the moment the incident was ${KEY_NAMES[key.key]}, or correct ${key.key} to the time of the entry that marks it`,
    });
  }
  doc.timeline.forEach((entry, i) => {
    if (!MAY_MARK.test(entry.event)) return;
    for (const [key, pattern] of MARKERS) {
      if (!pattern.test(entry.event)) continue;
      const keyText = doc[key];
      if (keyText !== undefined && times[i] === parseIsoTime(keyText)) continue;
      findings.push({
        line: lines.get(`timeline.${i}`) ?? 1,
        message:
          keyText === undefined
            ? `timeline entry ${quote(entry.event)} marks the incident as ${KEY_NAMES[key]}, but ${key} is not set`
            : `timeline entry ${quote(entry.event)} at ${entry.at} marks the incident as ${KEY_NAMES[key]}, but ${key} is ${keyText}`,
        hint: `make ${key} and the entry's time the same instant: correct whichever is wrong`,
      });
    }
  });
  return findings;
}

export const chronology: LintRule = {
  name: 'chronology',
  defaultLevel: 'error',
  description:
    'key times in order, timeline sorted, key times agree with the timeline entries that mark them',
  check: (input) => {
    const times = input.doc.timeline.map((e) => parseIsoTime(e.at));
    return [
      ...checkKeyOrder(input),
      ...checkTimelineOrder(input, times),
      ...checkKeyTimesMarked(input, times),
    ].sort((a, b) => a.line - b.line);
  },
};
