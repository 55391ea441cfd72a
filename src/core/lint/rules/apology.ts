// Accountable outside: the apology of a major incident is present, says sorry as "we",
// says what happened to the customer and what we are doing about it, and avoids the
// phrases that apologise without owning anything.
import type { LintRule, RuleFinding, RuleInput } from '../types.js';
import { lineAt, quote, withoutInternalQuotes, type TextField } from '../text.js';

const SAY_WHAT =
  'say what actually happened to the customer, e.g. "for three hours you could not log in"';

/** Apologies that own nothing, most specific first; overlapping matches count once. */
const NON_APOLOGIES: [RegExp, string][] = [
  [
    /\b(?:sorry|apologi[sz]e|apologies|regret)\s+(?:for\s+)?any\s+[\p{L}-]+(?:\s+(?:this|that|it)\s+(?:may|might)\s+have\s+caused)?/giu,
    SAY_WHAT,
  ],
  [/\bany\s+inconvenience\b/giu, SAY_WHAT],
  [/\bfor\s+the\s+inconvenience\b/giu, SAY_WHAT],
  [
    /\bif\s+(?:you|anyone|any\s+of\s+you|some\s+(?:of\s+you|customers|users))\s+(?:were|was|have\s+been|has\s+been|felt|experienced)\b/giu,
    'you know who was affected: say it, e.g. "every customer on the EU cluster"',
  ],
  [/\bwe\s+regret\s+(?:that|the)\b/giu, 'say "we are sorry" and what for'],
  [/\bmistakes\s+were\s+made\b/giu, 'say who made them: "we made a mistake"'],
  [
    /\b(?:sorry|apologi[sz]e)\s+(?:if|that\s+you\s+feel|you\s+feel)\b/giu,
    'apologise for what happened, not for how it was received',
  ],
];

const SORRY = /\b(?:sorry|apologi[sz]e|apologies|apology)\b/iu;
const WE = /\b(?:we|we're|we've|we'll|our|us)\b/iu;
/** What the customer went through: a broken thing, or for how long. */
const IMPACT =
  /\b(?:could\s+not|couldn't|cannot|can't|unable|unavailable|down|outage|offline|lost|locked|delayed|failed|failing|errors?|slow|broken|exposed|affected|missing|spam|interrupted|disrupted|late|charged)\b|\bfor\s+(?:about\s+|over\s+|nearly\s+|almost\s+|more\s+than\s+)?(?:\d+|a|an|one|two|three|four|five|six|several|many)\s+(?:minutes?|hours?|days?|weeks?)\b/iu;
/** What we do about it: a change made or promised, or what the customer gets back. */
const REMEDY =
  /\b(?:credits?|refunds?|refunded|reimburs\w*|compensat\w*|free\s+(?:month|week)|discount|to\s+prevent|so\s+that\s+(?:this|it)|from\s+now\s+on|going\s+forward|no\s+longer)\b|\bwe(?:\s+have|'ve|\s+will|'ll|\s+are\s+now|\s+now)\s+(?!been\b|be\b)\p{L}+/iu;

function nonApologies(field: TextField): RuleFinding[] {
  const taken: [number, number][] = [];
  const findings: RuleFinding[] = [];
  for (const [pattern, hint] of NON_APOLOGIES) {
    for (const m of field.text.matchAll(pattern)) {
      const end = m.index + m[0].length;
      if (taken.some(([a, b]) => m.index < b && end > a)) continue;
      taken.push([m.index, end]);
      findings.push({
        line: lineAt(field, m.index),
        message: `${quote(m[0])} in the Apology is a non-apology`,
        hint,
      });
    }
  }
  return findings;
}

function check({ doc, lines, settings }: RuleInput): RuleFinding[] {
  const major = settings.apologySeverities.includes(doc.severity);
  const text = doc.apology === undefined ? '' : withoutInternalQuotes(doc.apology);
  if (text.trim() === '') {
    if (!major || doc.status === 'draft') return [];
    return [
      {
        line: lines.get('apology') ?? lines.get('severity') ?? 1,
        message: `a ${doc.severity} post-mortem needs a public apology, and this one has ${doc.apology === undefined ? 'none' : 'only internal text'}`,
        hint: 'write a "## Apology" section: say sorry as "we", what happened to customers, what they should do now, what we are doing, and what we give back',
      },
    ];
  }
  const field: TextField = {
    path: 'apology',
    label: 'the Apology',
    text,
    line: lines.get('apology') ?? 1,
  };
  const findings = nonApologies(field);
  const where = field.line;
  if (!SORRY.test(text)) {
    findings.push({
      line: where,
      message: 'the Apology never says sorry',
      hint: 'say it plainly, as a company: "We are sorry."',
    });
  }
  if (!WE.test(text)) {
    findings.push({
      line: where,
      message: 'the Apology does not take ownership: it never says "we" or "our"',
      hint: 'own it as a company: "we made a mistake", "that is our failure"',
    });
  }
  if (!IMPACT.test(text)) {
    findings.push({
      line: where,
      message: 'the Apology does not say what happened to customers',
      hint: 'say what they could not do and for how long, e.g. "for three hours you could not log in"',
    });
  }
  if (!REMEDY.test(text)) {
    findings.push({
      line: where,
      message: 'the Apology does not say what we are doing about it',
      hint: 'say what we have changed or will change, and any credit or refund, e.g. "we now page a second engineer after ten minutes"',
    });
  }
  return findings.sort((a, b) => a.line - b.line);
}

export const apology: LintRule = {
  name: 'apology',
  defaultLevel: 'error',
  description:
    'SEV1/SEV2: an apology that says sorry as "we", states the impact and the remedy, with no non-apologies',
  check,
};
