// The built-in phrases that put blame on people, each with what to write instead.
// A repository adds its own in postmortem.yml (lint.blameless_phrases).
import type { BlamelessPhrase } from '../types.js';
import { phrasePattern } from '../text.js';

const BUILT_IN: [string, RegExp, string][] = [
  [
    'human error',
    /\b(?:human|operator|user)\s+errors?\b/giu,
    'name the missing safeguard instead: what let one mistake reach production (no review, no dry run, no limit)?',
  ],
  [
    'careless',
    /\bcareless(?:ly|ness)?\b/giu,
    'describe what happened and what made it easy to get wrong',
  ],
  [
    'sloppy',
    /\bsloppy\b|\bsloppiness\b/giu,
    'describe what happened and what made it easy to get wrong',
  ],
  ['negligent', /\bnegligen(?:t|ce|tly)\b/giu, 'describe the gap in the process, not the person'],
  [
    'should have known',
    /\bshould(?:\s+not|n't)?\s+have\s+known\b/giu,
    'say what information was missing and where it should have been available',
  ],
  [
    'fault of',
    /\b(?:the\s+)?fault\s+of\b|\b(?:his|her|their)\s+fault\b/giu,
    'describe the contributing factors instead of whose fault it was',
  ],
  [
    'to blame',
    /\b(?:to\s+blame|blamed?\s+(?:on|for))\b/giu,
    'describe the contributing factors instead of who is to blame',
  ],
  [
    'incompetent',
    /\bincompeten(?:t|ce)\b/giu,
    'describe what the person needed and did not have (training, tooling, time)',
  ],
  ['lazy', /\blazy\b|\blaziness\b/giu, 'describe what made the shortcut the easy path'],
  [
    "didn't bother",
    /\b(?:didn't|did\s+not)\s+bother\b/giu,
    'describe what made the step easy to skip',
  ],
];

/** A piece of lowercase text every match contains, to skip the pattern on text without it. */
const NEEDLES: Record<string, string> = {
  'human error': 'error',
  careless: 'careless',
  sloppy: 'slopp',
  negligent: 'negligen',
  'should have known': 'known',
  'fault of': 'fault',
  'to blame': 'blame',
  incompetent: 'incompeten',
  lazy: 'laz',
  "didn't bother": 'bother',
};

export const DEFAULT_BLAMELESS_PHRASES: readonly BlamelessPhrase[] = BUILT_IN.map(
  ([phrase, pattern, suggestion]) => ({
    phrase,
    pattern,
    suggestion,
    needle: NEEDLES[phrase] ?? '',
  }),
);

/** The longest word of a configured phrase: any match contains it. */
function needleOf(phrase: string): string {
  return phrase
    .toLowerCase()
    .split(/\s+/)
    .reduce((a, b) => (b.length > a.length ? b : a), '');
}

const CUSTOM_SUGGESTION = 'describe the system and process that allowed it, not the person';

/**
 * The phrases in effect: the built-in ones plus the repo's. A configured phrase with the
 * suggestion "off" removes a built-in one of that name.
 */
export function blamelessPhrases(
  configured: readonly string[],
  suggestions: Readonly<Record<string, string>> = {},
): BlamelessPhrase[] {
  const off = new Set(
    Object.entries(suggestions)
      .filter(([, s]) => s.trim().toLowerCase() === 'off')
      .map(([p]) => p.trim().toLowerCase()),
  );
  const names = [
    ...new Set(
      [...configured, ...Object.keys(suggestions)].map((p) => p.trim()).filter((p) => p !== ''),
    ),
  ];
  const custom = names
    .filter(
      (phrase) =>
        !off.has(phrase.toLowerCase()) &&
        !DEFAULT_BLAMELESS_PHRASES.some((d) => d.phrase === phrase.toLowerCase()),
    )
    .map((phrase) => ({
      phrase,
      pattern: phrasePattern(phrase),
      suggestion: suggestions[phrase] ?? CUSTOM_SUGGESTION,
      needle: needleOf(phrase),
    }));
  const builtIn = DEFAULT_BLAMELESS_PHRASES.filter((d) => !off.has(d.phrase)).map((d) => {
    const own = suggestions[d.phrase];
    return own === undefined ? d : { ...d, suggestion: own };
  });
  return [...builtIn, ...custom];
}
