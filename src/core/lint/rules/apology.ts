// Accountable outside: the apology of a major incident is present, says sorry as "we",
// says what happened to the customer and what we are doing about it, and avoids the
// phrases that apologise without owning anything.
import type { LintRule, RuleFinding, RuleInput } from '../types.js';
import { leftmostDistinct, lineAt, quote, withoutInternalQuotes, type TextField } from '../text.js';

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
    /\bif\s+(?:you|anyone|any\s+of\s+you|some\s+(?:of\s+you|customers|users))\s+(?:were|was|have\s+been|has\s+been|felt|experienced)\b(?:\s+(?:affected|impacted|inconvenienced|any\s+[\p{L}-]+))?/giu,
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
/** What we do about it: a change made or under way, or what the customer gets back. */
const REMEDY = new RegExp(
  [
    String.raw`\b(?:credits?|credited|refunds?|refunded|reimburs\w*|compensat\w*|discount\w*|free\s+(?:month|week|year))\b`,
    String.raw`\b(?:add|fix|chang|replac|restor|revok|rotat|encrypt|prevent|improv|rebuil|redesign|introduc|install|automat|harden|remov|disabl|enabl|migrat|upgrad|review)\w*`,
    String.raw`\b(?:lock(?:ed|ing)?\s+down|roll(?:ed|ing)?\s+back|put\s+in\s+place|set\s+up|never\s+again|going\s+forward|from\s+now\s+on|no\s+longer|working\s+(?:hard|around\s+the\s+clock|on|to)|to\s+make\s+sure)\b`,
  ].join('|'),
  'iu',
);

interface Hit {
  start: number;
  end: number;
  finding: RuleFinding;
}

/** Non-apologies, leftmost first; a match overlapping an earlier one is the same phrase. */
function nonApologies(field: TextField): Hit[] {
  const all: Hit[] = NON_APOLOGIES.flatMap(([pattern, hint]) =>
    [...field.text.matchAll(pattern)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      finding: {
        line: lineAt(field, m.index),
        message: `${quote(m[0])} in the Apology is a non-apology`,
        hint,
      },
    })),
  );
  return leftmostDistinct(all);
}

/** The text with the non-apologies blanked: "any inconvenience" says neither what happened nor what we do. */
function withoutHits(text: string, hits: readonly Hit[]): string {
  let out = text;
  for (const { start, end } of hits)
    out = out.slice(0, start) + out.slice(start, end).replace(/[^\n]/g, ' ') + out.slice(end);
  return out;
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
        key: doc.apology === undefined ? 'apology-missing' : undefined,
      },
    ];
  }
  const field: TextField = {
    path: 'apology',
    label: 'the Apology',
    text,
    line: lines.get('apology') ?? 1,
  };
  const hits = nonApologies(field);
  const findings = hits.map((h) => h.finding);
  const where = field.line;
  const rest = withoutHits(text, hits);
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
  if (!IMPACT.test(rest)) {
    findings.push({
      line: where,
      message: 'the Apology does not say what happened to customers',
      hint: 'say what they could not do and for how long, e.g. "for three hours you could not log in"',
    });
  }
  if (!REMEDY.test(rest)) {
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
