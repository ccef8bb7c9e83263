/**
 * Inflected forms of people's names, generated when the index is compiled: "Зеленський" gives
 * "Зеленського", "Зеленському", "Зеленським"; "Vladimir Putin" in Czech gives "Vladimira
 * Putina", "Vladimiru Putinovi"; and of places' one-word names ("Україна", "України"). One
 * module of rules per language (uk.ts, ru.ts, pl.ts, cs.ts, and de.ts for the German genitive).
 * Forms are never listed by hand in the data, and a form on the language's stop list is left
 * out (docs/decisions/0017-cyrillic-matching.md).
 */
import { INFLECTED_LANGUAGES, type InflectedLanguage } from '../match-index';
import { foldForComparison } from '../normalize';
import { CZECH } from './cs';
import { GERMAN } from './de';
import { declineWith, declineWord, type Gender, type LanguageRules } from './paradigm';
import { POLISH } from './pl';
import { RUSSIAN } from './ru';
import { UKRAINIAN } from './uk';

export type { Gender } from './paradigm';

const RULES: Record<InflectedLanguage, LanguageRules> = { uk: UKRAINIAN, ru: RUSSIAN, pl: POLISH, cs: CZECH, de: GERMAN };

/** The rules for a language code, when it has some. */
export function inflectionRules(language: string | undefined): { language: InflectedLanguage; rules: LanguageRules } | undefined {
  const found = INFLECTED_LANGUAGES.find((l) => l === language);
  return found ? { language: found, rules: RULES[found] } : undefined;
}

/** Given names in English spelling that end in -a but are men's: the name's ending then says nothing. */
const MEN_IN_A = new Set(['mykola', 'nikola', 'ilya', 'illia', 'nikita', 'luka', 'foma', 'kuzma', 'joshua', 'kuba', 'sasha', 'misha']);

/** A name's words and the separators between them: even positions hold words. */
function splitWords(text: string): string[] {
  return text.split(/([\s\u2010-\u2015-]+)/u);
}

function endsLikeWoman(given: string | undefined, menInA: ReadonlySet<string>): boolean {
  if (!given) return false;
  const lower = given.toLowerCase();
  return /[aая]$/u.test(lower) && !menInA.has(lower) && !MEN_IN_A.has(lower);
}

/**
 * A person's gender for inflecting one alias: as the entity says, else from a surname ending
 * only one gender bears ("-ська", "-ová"), else from the given name ("Kaja", "Олена" are
 * women's), in the alias or the entity's name; else male.
 */
export function nameGender(rules: LanguageRules, alias: string, person: { name: string; gender?: Gender | undefined }): Gender {
  if (person.gender) return person.gender;
  const words = splitWords(alias).filter((_, i) => i % 2 === 0 && _.length > 0);
  const surname = (words[words.length - 1] ?? '').toLowerCase();
  if (rules.femaleSurname.test(surname)) return 'female';
  if (rules.maleSurname.test(surname)) return 'male';
  const given = words.length > 1 ? words[0] : splitWords(person.name)[0];
  return endsLikeWoman(given, rules.maleGivenInA) ? 'female' : 'male';
}

/** At most this many forms a case: a name of many words cannot multiply its variants without end. */
const MAX_PER_CASE = 8;

export interface InflectedForms {
  /** Every form, each case's variants, the alias itself left out. */
  forms: string[];
  /** Forms left out because the stop list holds them (reported by the lint). */
  stopped: string[];
}

/**
 * The inflected forms of a person's alias: the last word declined as a surname, the words
 * before it as given names (or titles), all in the same case. Words in lower case (particles
 * such as "von der") and initials stay as written.
 */
export function inflectName(rules: LanguageRules, text: string, gender: Gender): InflectedForms {
  const parts = splitWords(text);
  let last = parts.length - 1;
  while (last > 0 && parts[last] === '') last -= 2;
  const declined = parts.map((part, i) => (i % 2 === 1 ? null : declineWord(rules, part, gender, i === last ? 'surname' : 'given')));
  if (declined.every((d) => d === null)) return { forms: [], stopped: [] };
  const candidates: string[] = [];
  for (let c = 0; c < 5; c++) {
    let variants = [''];
    parts.forEach((part, i) => {
      const options = declined[i]?.[c] ?? [part];
      variants = variants.flatMap((v) => options.map((o) => v + o)).slice(0, MAX_PER_CASE);
    });
    candidates.push(...variants);
  }
  return sortForms(rules, text, candidates);
}

/**
 * The inflected forms of a place's alias: a one-word name declined by the language's place
 * paradigms ("Україна" gives "України", "Україні"; "Praha" gives "Praze"). A name of several
 * words is left as written, since its adjectives decline by rules of their own.
 */
export function inflectPlace(rules: LanguageRules, text: string): InflectedForms {
  const declined = splitWords(text).length === 1 ? declineWith(rules.places, text) : null;
  return declined ? sortForms(rules, text, declined.flat()) : { forms: [], stopped: [] };
}

/** Generated forms without the alias itself, those on the language's stop list set aside. */
function sortForms(rules: LanguageRules, text: string, candidates: readonly string[]): InflectedForms {
  const stopWords = foldedStopWords(rules);
  const forms = new Set<string>();
  const stopped = new Set<string>();
  for (const form of candidates) {
    if (form === text) continue;
    if (stopWords.has(foldForComparison(form))) stopped.add(form);
    else forms.add(form);
  }
  return { forms: [...forms], stopped: [...stopped] };
}

/** The inflected forms of one alias: people's names and places' names have them, other entities none. */
export function aliasForms(
  rules: LanguageRules,
  alias: string,
  entity: { category: string; name: string; gender?: Gender | undefined },
): InflectedForms {
  if (entity.category === 'person') return inflectName(rules, alias, nameGender(rules, alias, entity));
  if (entity.category === 'place') return inflectPlace(rules, alias);
  return { forms: [], stopped: [] };
}

const foldedStops = new WeakMap<LanguageRules, Set<string>>();

function foldedStopWords(rules: LanguageRules): Set<string> {
  let folded = foldedStops.get(rules);
  if (!folded) foldedStops.set(rules, (folded = new Set([...rules.stopWords].map(foldForComparison))));
  return folded;
}
