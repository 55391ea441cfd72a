// Blameless inside: the internal version names systems and contributing factors, never
// culprits. Flags phrases that blame people and a person's name given as a cause.
import type { Postmortem } from '../../model.js';
import type { BlamelessPhrase, LintRule, RuleFinding, RuleInput } from '../types.js';
import {
  escapeRegExp,
  leftmostDistinct,
  lineAt,
  quote,
  textFields,
  type TextField,
} from '../text.js';

/** Verbs that make the person before them the cause. */
const BLAME_VERBS = String.raw`(?:forgot|forgotten|neglected|failed\s+to|didn't|did\s+not|overlooked|ignored|messed\s+up|screwed\s+up|broke|caused|should\s+have|was\s+supposed\s+to)`;
/** Words that make the person after them the cause. */
const BLAME_LEADS = String.raw`(?:because\s+of|caused\s+by|due\s+to|fault\s+of|blame\s+(?:on\s+)?|mistake\s+by|error\s+by|thanks\s+to)`;
/** Verbs only a person does: "X forgot" blames X whoever X is. */
const PERSON_VERBS = String.raw`(?:forgot|neglected|messed\s+up|screwed\s+up|didn't\s+bother|did\s+not\s+bother)`;
/** Capitalised words that start sentences and are not people. */
const NOT_NAMES = new Set(
  'We I You He She They It This That The A An Our Their His Her My Nobody Somebody Someone Everyone Nothing No Nobody One Engineer Team On-call Support Monitoring Then And But So'
    .split(' ')
    .map((w) => w.toLowerCase()),
);
const ROLE_WORDS =
  /\b(?:on-?call|team|bot|ops|support|engineering|security|sre|admin|alerts?|noreply|no-reply)\b/i;

/** People named in authors and reviewers ("Sam Rivera <sam@...>"): full names and first names. */
export function peopleNames(doc: Pick<Postmortem, 'authors' | 'reviewers'>): string[] {
  const names = new Set<string>();
  for (const entry of [...doc.authors, ...doc.reviewers]) {
    const name = entry.replace(/<[^>]*>/g, '').trim();
    const words = name.split(/\s+/);
    if (
      words.length < 2 ||
      ROLE_WORDS.test(name) ||
      !words.every((w) => /^\p{Lu}[\p{L}'’.-]*$/u.test(w))
    )
      continue;
    names.add(name);
    const first = words[0] ?? '';
    if (first.length >= 2 && !NOT_NAMES.has(first.toLowerCase())) names.add(first);
  }
  return [...names].sort((a, b) => b.length - a.length);
}

interface Hit extends RuleFinding {
  start: number;
  end: number;
}

function hitAt(field: TextField, start: number, match: string, says: string, hint: string): Hit {
  return {
    line: lineAt(field, start),
    message: `${quote(match)} in ${field.label} ${says}`,
    hint,
    start,
    end: start + match.length,
  };
}

const CAUSE_HINT =
  'describe what the system allowed or lacked (a check, a guard rail, a second pair of eyes), not who did it';

// A capitalised word before a verb only people do ("Dave forgot to ..."), or in the middle
// of a sentence before "failed to" ("... because Dave failed to ..."). The second form
// matches the character before the name too (a lookbehind is slow at every position).
const UNKNOWN_NAME = new RegExp(
  String.raw`\b(\p{Lu}\p{Ll}+)\s+${PERSON_VERBS}\b|([\p{Ll},]\s+)(\p{Lu}\p{Ll}+)\s+(?:failed\s+to|didn't|did\s+not)\b`,
  'gu',
);
/** Cheap test first: most text has none of these verbs. */
const MAY_BLAME_UNKNOWN = /forgot|neglected|messed|screwed|bother|failed|didn't|did\s+not/i;

/** People named in the document and the pattern that finds them blamed. */
interface KnownNames {
  names: readonly string[];
  pattern: RegExp;
}

// Documents of a team share their authors: each set of names is compiled once per run.
const knownCache = new Map<string, KnownNames>();

function knownNames(names: readonly string[]): KnownNames | undefined {
  if (names.length === 0) return undefined;
  const key = names.join('\n');
  let known = knownCache.get(key);
  if (known === undefined) {
    const alternatives = names.map(escapeRegExp).join('|');
    const pattern = new RegExp(
      String.raw`\b(${alternatives})(?:'s|’s)?\s+${BLAME_VERBS}\b|\b${BLAME_LEADS}\s*(${alternatives})\b`,
      'gu',
    );
    known = { names, pattern };
    if (knownCache.size >= 256) knownCache.clear();
    knownCache.set(key, known);
  }
  return known;
}

function nameHits(field: TextField, known: KnownNames | undefined): Hit[] {
  const hits: Hit[] = [];
  // Every match holds one of the names as written: a text holding none has no match.
  if (known && known.names.some((name) => field.text.includes(name))) {
    for (const m of field.text.matchAll(known.pattern)) {
      const name = m[1] ?? m[2] ?? '';
      hits.push(hitAt(field, m.index, m[0], `names ${name} as a cause`, CAUSE_HINT));
    }
  }
  if (!MAY_BLAME_UNKNOWN.test(field.text)) return hits;
  for (const m of field.text.matchAll(UNKNOWN_NAME)) {
    const name = m[1] ?? m[3] ?? '';
    const skip = m[2]?.length ?? 0;
    if (!NOT_NAMES.has(name.toLowerCase())) {
      hits.push(
        hitAt(field, m.index + skip, m[0].slice(skip), `names ${name} as a cause`, CAUSE_HINT),
      );
    }
  }
  return hits;
}

/**
 * The phrases a text may hold (those whose needle it contains) as one pattern, one capture
 * group each: one pass over the text, not one per phrase. A phrase left out cannot match
 * anywhere in the text, so the leftmost match and its group are the same as with all of
 * them. Each subset is compiled once per run.
 */
interface PhraseSet {
  phrases: readonly BlamelessPhrase[];
  pattern: RegExp;
}
const subsets = new WeakMap<readonly BlamelessPhrase[], Map<string, PhraseSet>>();

function phrasesFor(phrases: readonly BlamelessPhrase[], text: string): PhraseSet | undefined {
  const lower = text.toLowerCase();
  const present: number[] = [];
  phrases.forEach((p, i) => {
    if (lower.includes(p.needle)) present.push(i);
  });
  if (present.length === 0) return undefined;
  let byKey = subsets.get(phrases);
  if (byKey === undefined) subsets.set(phrases, (byKey = new Map<string, PhraseSet>()));
  const key = present.join(',');
  let set = byKey.get(key);
  if (set === undefined) {
    const chosen = present.map((i) => phrases[i] as BlamelessPhrase);
    set = {
      phrases: chosen,
      pattern: new RegExp(chosen.map((p) => `(${p.pattern.source})`).join('|'), 'giu'),
    };
    byKey.set(key, set);
  }
  return set;
}

function phraseHits(field: TextField, all: readonly BlamelessPhrase[]): Hit[] {
  const set = phrasesFor(all, field.text);
  if (!set) return [];
  const hits: Hit[] = [];
  for (const m of field.text.matchAll(set.pattern)) {
    const phrase = set.phrases[m.slice(1).findIndex((g) => g !== undefined)];
    if (phrase)
      hits.push(hitAt(field, m.index, m[0], 'puts the blame on people', phrase.suggestion));
  }
  return hits;
}

/** Hits in text order; a hit overlapping an earlier one is the same problem, reported once. */
function distinct(hits: Hit[]): RuleFinding[] {
  return leftmostDistinct(hits).map(({ line, message, hint }) => ({ line, message, hint }));
}

function check({ doc, lines, settings }: RuleInput): RuleFinding[] {
  const known = knownNames(peopleNames(doc));
  return textFields(doc, lines).flatMap((field) =>
    distinct([...phraseHits(field, settings.blamelessPhrases), ...nameHits(field, known)]),
  );
}

export const blamelessLanguage: LintRule = {
  name: 'blameless-language',
  defaultLevel: 'warn',
  description:
    'no phrases that blame people ("human error", "careless", "should have known", ...) and no person named as a cause',
  check,
};
