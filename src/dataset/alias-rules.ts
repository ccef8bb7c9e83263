/**
 * Context rules that decide whether an alias found in a text names its entity (docs/design.md
 * §11). They come from the dataset, so maintainers fix a false friend without touching code:
 *
 *   - own given names (people): a person's alias right after a capitalised given name that is
 *     not one of theirs names someone else: "Melania Trump", "Hunter Biden". Initials between
 *     are passed over ("Donald J. Trump"); titles are not given names ("President Trump").
 *   - words the alias must not be followed by ("Costa" + "Rica", "Moscow" + "Idaho") or
 *     preceded by ("Lake" + "Geneva"): the alias is then part of a longer name.
 *
 * A record's rules travel with it through the stored index as one short string ('' for none):
 * sections `g:`, `f:` and `p:` on lines of their own, phrases separated by `|`, each phrase
 * the full fold (foldForComparison) of its words.
 */
import { foldForComparison } from './normalize';

export interface AliasRules {
  /** The person's own given names, folded; null when the rule does not apply. */
  ownGiven: ReadonlySet<string> | null;
  /** Phrases (as folded words) that may not follow the alias. */
  notFollowedBy: readonly string[][];
  /** Phrases (as folded words) that may not precede the alias. */
  notPrecededBy: readonly string[][];
}

const NO_RULES: AliasRules = { ownGiven: null, notFollowedBy: [], notPrecededBy: [] };

const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/** The folded words of a phrase: "Moscow, Idaho" -> ["moscow", "idaho"]. */
export function foldedWords(text: string): string[] {
  return foldForComparison(text)
    .split(WORD_SPLIT)
    .filter((w) => w.length > 0);
}

export function encodeAliasRules(rules: {
  ownGiven?: readonly string[];
  notFollowedBy?: readonly string[];
  notPrecededBy?: readonly string[];
}): string {
  const lines: string[] = [];
  const phrases = (list: readonly string[]): string =>
    list
      .map((p) => foldedWords(p).join(' '))
      .filter((p) => p.length > 0)
      .join('|');
  if (rules.ownGiven) lines.push(`g:${phrases(rules.ownGiven)}`);
  if (rules.notFollowedBy?.length) lines.push(`f:${phrases(rules.notFollowedBy)}`);
  if (rules.notPrecededBy?.length) lines.push(`p:${phrases(rules.notPrecededBy)}`);
  return lines.join('\n');
}

const parsed = new Map<string, AliasRules>();

/** The rules a record carries, parsed once per distinct string. */
export function parseAliasRules(encoded: string): AliasRules {
  if (encoded === '') return NO_RULES;
  let rules = parsed.get(encoded);
  if (rules) return rules;
  let ownGiven: Set<string> | null = null;
  const notFollowedBy: string[][] = [];
  const notPrecededBy: string[][] = [];
  for (const line of encoded.split('\n')) {
    const body = line.slice(2);
    const list = body === '' ? [] : body.split('|');
    if (line.startsWith('g:')) ownGiven = new Set(list);
    else if (line.startsWith('f:')) for (const p of list) notFollowedBy.push(p.split(' '));
    else if (line.startsWith('p:')) for (const p of list) notPrecededBy.push(p.split(' '));
  }
  rules = { ownGiven, notFollowedBy, notPrecededBy };
  parsed.set(encoded, rules);
  return rules;
}

/** How far around an alias the phrase rules look: longer than any phrase they hold. */
const WINDOW = 80;
const SEPARATORS = /^[\s,]*/u;

/** Whether text right after `end` (past spaces and commas) begins with one of `phrases`. */
export function followedByAny(text: string, end: number, phrases: readonly string[][]): boolean {
  if (phrases.length === 0) return false;
  const after = text.slice(end, end + WINDOW);
  const rest = after.slice(after.match(SEPARATORS)?.[0].length ?? 0);
  if (rest.length === 0 || WORD_SPLIT.test(rest.charAt(0))) return false;
  const words = foldedWords(rest);
  return phrases.some((p) => p.every((w, i) => words[i] === w));
}

/**
 * Whether text right before `start` (past spaces and commas, or a dot that glues it to the
 * word before, as in "Football.London") ends with one of `phrases`.
 */
export function precededByAny(text: string, start: number, phrases: readonly string[][]): boolean {
  if (phrases.length === 0) return false;
  const glued = start >= 2 && text.charCodeAt(start - 1) === 46 && !WORD_SPLIT.test(text.charAt(start - 2));
  const before = text.slice(Math.max(0, start - WINDOW), glued ? start - 1 : start).replace(/[\s,]*$/u, '');
  if (before.length === 0 || WORD_SPLIT.test(before.charAt(before.length - 1))) return false;
  const words = foldedWords(before);
  return phrases.some((p) => p.every((w, i) => words[words.length - p.length + i] === w));
}

/**
 * Whether text[from, to) holds nothing but spaces and initials ("J.", "J"): a given name that
 * ends at `from` then belongs to the name that starts at `to`.
 */
export function onlyInitialsBetween(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  const gap = text.slice(from, to);
  return /^\s+(?:\p{Lu}\.?\s+)*$/u.test(gap);
}
