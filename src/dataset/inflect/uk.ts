/**
 * Ukrainian names by case. Adjectival surnames (-ський, -ська) decline as adjectives;
 * possessive ones (-ов, -ін) take -им in the instrumental where nouns take -ом; men's surnames
 * ending in a consonant or -о (Трамп, Тимошенко) decline as nouns, women's do not. Stems in
 * г, к, х change before -і (Сибіга, Сибізі). Dative and locative keep both of their
 * standard endings (Путіну, Путінові).
 */
import { paradigm, type Gender, type LanguageRules, type NamePart, type Paradigm } from './paradigm';

const VOWELS = 'аеєиіїоуюя';
const CONSONANT = `[^${VOWELS}ь'’ʼ]`;

/** Nouns ending in -а or -я, men's and women's alike (Сибіга, Олена, Юлія, Ілля). */
const A_STEMS: readonly Paradigm[] = [
  paradigm(/га$/u, 2, 'ги', 'зі', 'гу', 'гою', 'зі'),
  paradigm(/ка$/u, 2, 'ки', 'ці', 'ку', 'кою', 'ці'),
  paradigm(/ха$/u, 2, 'хи', 'сі', 'ху', 'хою', 'сі'),
  paradigm(/[жчшщ]а$/u, 1, 'і', 'і', 'у', 'ею', 'і'),
  paradigm(new RegExp(`[${VOWELS}]я$`, 'u'), 1, 'ї', 'ї', 'ю', 'єю', 'ї'),
  paradigm(/я$/u, 1, 'і', 'і', 'ю', 'ею', 'і'),
  paradigm(/а$/u, 1, 'и', 'і', 'у', 'ою', 'і'),
];

/** Men's nouns ending in a consonant or -о after one; `instrumental` is -ом for nouns, -им for possessive surnames. */
function masculineNouns(possessive: boolean): Paradigm[] {
  return [
    paradigm(/ь$/u, 1, 'я', 'ю|еві', 'я', 'ем', 'і|еві'),
    paradigm(new RegExp(`[${VOWELS}]й$`, 'u'), 1, 'я', 'ю|єві', 'я', 'єм', 'ї|єві'),
    paradigm(/[жчшщц]$/u, 0, 'а', 'у|еві', 'а', 'ем', 'і|еві'),
    paradigm(/[кгх]$/u, 0, 'а', 'у|ові', 'а', 'ом', 'у|ові'),
    ...(possessive
      ? [paradigm(/(ов|ев|єв)$/u, 0, 'а', 'у', 'а', 'им', 'і'), paradigm(/(ин|ін|їн)$/u, 0, 'а', 'у|ові', 'а', 'им', 'і|ові')]
      : []),
    paradigm(/[бвдзлмнпрстф]$/u, 0, 'а', 'у|ові', 'а', 'ом', 'і|ові'),
    paradigm(new RegExp(`${CONSONANT}о$`, 'u'), 1, 'а', 'у|ові', 'а', 'ом', 'у|ові'),
  ];
}

const MALE_SURNAMES: readonly Paradigm[] = [paradigm(/ий$/u, 2, 'ого', 'ому', 'ого', 'им', 'ому|ім'), ...masculineNouns(true), ...A_STEMS];
const MALE_GIVEN: readonly Paradigm[] = [...masculineNouns(false), ...A_STEMS];
const FEMALE_SURNAMES: readonly Paradigm[] = [paradigm(/(ськ|цьк|зьк|ов|ев|єв|ін|їн|ин)а$/u, 1, 'ої', 'ій', 'у', 'ою', 'ій'), ...A_STEMS];

export const UKRAINIAN: LanguageRules = {
  paradigms(gender: Gender, part: NamePart) {
    if (gender === 'female') return part === 'surname' ? FEMALE_SURNAMES : A_STEMS;
    return part === 'surname' ? MALE_SURNAMES : MALE_GIVEN;
  },
  places: A_STEMS,
  femaleSurname: /(ськ|цьк|зьк|ов|ев|єв|ін|їн)а$/u,
  maleSurname: /(ськ|цьк|зьк)ий$|(ов|ев|єв|ін|їн)$/u,
  maleGivenInA: new Set(['микола', 'ілля', 'лука', 'кузьма', 'хома', 'сава', 'данила', 'никита']),
  // Surnames that are also everyday nouns: their forms would mark the nouns at a sentence's start.
  stopWords: new Set([
    'мороза',
    'морозу',
    'морозом',
    'морозі',
    'морозові',
    'вовка',
    'вовку',
    'вовком',
    'вовкові',
    'коваля',
    'ковалю',
    'ковалем',
    'ковалі',
    'мельника',
    'мельнику',
    'мельником',
    'гончара',
    'гончару',
    'гончарем',
    'бондаря',
    'бондарю',
    'бондарем',
    'сокола',
    'соколу',
    'соколом',
    'лева',
    'леву',
    'левом',
    'леві',
    'качки',
    'качці',
    'качку',
    'качкою',
    'ворони',
    'вороні',
    'ворону',
    'вороною',
    'віри',
    'вірі',
    'віру',
    'вірою',
    'надії',
    'надію',
    'надією',
    'любові',
    'миру',
    'світла',
    'світлом',
    'слави',
    'славі',
    'славу',
    'славою',
    'зорі',
    'зорю',
  ]),
};
