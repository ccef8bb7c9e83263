/**
 * The shape every language's rules share: a word's endings, tried in order, each saying how
 * many letters to take off and what to put on for each grammatical case. Nominative and
 * vocative forms are not generated: the first is the alias itself, the second is rare in news
 * and often collides with other words.
 */

export type Gender = 'female' | 'male';
/** What a word of a person's name is: the surname (the last word) or a given name or title before it. */
export type NamePart = 'given' | 'surname';

/** The cases forms are generated for, in this order in every paradigm. */
export const CASES = ['genitive', 'dative', 'accusative', 'instrumental', 'locative'] as const;

/**
 * One declension: words whose lower-case form matches `ending` lose `strip` letters and take
 * each case's endings (CASES order; `|` separates variants a language uses side by side).
 */
export interface Paradigm {
  ending: RegExp;
  strip: number;
  cases: readonly [string, string, string, string, string];
}

export function paradigm(
  ending: RegExp,
  strip: number,
  genitive: string,
  dative: string,
  accusative: string,
  instrumental: string,
  locative: string,
): Paradigm {
  return { ending, strip, cases: [genitive, dative, accusative, instrumental, locative] };
}

/** A language's rules: which paradigm a word of a name follows, and which forms never to generate. */
export interface LanguageRules {
  /** The paradigms for a part of a name of a gender, tried in order; a word none fits is not inflected. */
  paradigms(gender: Gender, part: NamePart): readonly Paradigm[];
  /** Endings of surnames that only one gender bears ("-ська" is female, "-ський" male). */
  femaleSurname: RegExp;
  maleSurname: RegExp;
  /**
   * The paradigms for a place's one-word name: the feminine nouns in -a/-я of the Slavic
   * languages (Україна, Praha, Warszawa) and the German genitive -s (Russlands). Other place
   * names, such as the Slavic masculine ones whose stem changes (Київ, Києва), stay as written.
   */
  places: readonly Paradigm[];
  /** Given names that end like a female name but are male ("Микола", "Ілля"), lower case. */
  maleGivenInA: ReadonlySet<string>;
  /** Common words, lower case, that a generated form must never be: the form is left out. */
  stopWords: ReadonlySet<string>;
}

/**
 * The forms of one word, case by case (CASES order), each with its variants; null when the
 * word is not inflected (no paradigm fits, an initial, a particle such as "von", an acronym).
 */
export function declineWord(rules: LanguageRules, word: string, gender: Gender, part: NamePart): string[][] | null {
  return declineWith(rules.paradigms(gender, part), word);
}

/** The forms of one word by the first of `paradigms` that fits it, or null as for declineWord. */
export function declineWith(paradigms: readonly Paradigm[], word: string): string[][] | null {
  const lower = word.toLowerCase();
  if (word.length < 2 || lower === word || word === word.toUpperCase() || /[.\d]/u.test(word)) return null;
  for (const p of paradigms) {
    if (!p.ending.test(lower)) continue;
    const stem = word.slice(0, word.length - p.strip);
    return p.cases.map((endings) => endings.split('|').map((ending) => stem + ending));
  }
  return null;
}
