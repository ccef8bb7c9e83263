/**
 * Russian names by case. Adjectival surnames (-ский, -ская, -ой) decline as adjectives;
 * possessive ones (-ов, -ин and their women's -ова, -ина) take -ым in the instrumental where
 * nouns take -ом, and the women's take -ой throughout; men's surnames ending in a consonant
 * decline as nouns, women's do not, and surnames in -о (Тимошенко) never do.
 */
import { paradigm, type Gender, type LanguageRules, type NamePart, type Paradigm } from './paradigm';

/** Nouns ending in -а or -я, men's and women's alike (Сибига, Елена, Юлия, Илья). */
const A_STEMS: readonly Paradigm[] = [
  paradigm(/[гкх]а$/u, 1, 'и', 'е', 'у', 'ой', 'е'),
  paradigm(/[жчшщц]а$/u, 1, 'и', 'е', 'у', 'ей', 'е'),
  paradigm(/ия$/u, 1, 'и', 'и', 'ю', 'ей', 'и'),
  paradigm(/я$/u, 1, 'и', 'е', 'ю', 'ей', 'е'),
  paradigm(/а$/u, 1, 'ы', 'е', 'у', 'ой', 'е'),
];

/** Men's nouns ending in a consonant, -ь or -й; `possessive` surnames take -ым. */
function masculineNouns(possessive: boolean): Paradigm[] {
  return [
    paradigm(/ь$/u, 1, 'я', 'ю', 'я', 'ем', 'е'),
    paradigm(/ий$/u, 1, 'я', 'ю', 'я', 'ем', 'и'),
    paradigm(/[аеоуыэюя]й$/u, 1, 'я', 'ю', 'я', 'ем', 'е'),
    paradigm(/[жчшщц]$/u, 0, 'а', 'у', 'а', 'ем', 'е'),
    ...(possessive ? [paradigm(/(ов|ев|ёв|ин|ын)$/u, 0, 'а', 'у', 'а', 'ым', 'е')] : []),
    paradigm(/[бвгдзклмнпрстфх]$/u, 0, 'а', 'у', 'а', 'ом', 'е'),
  ];
}

const MALE_SURNAMES: readonly Paradigm[] = [
  paradigm(/[гкхжшчщ]ий$/u, 2, 'ого', 'ому', 'ого', 'им', 'ом'),
  paradigm(/ый$/u, 2, 'ого', 'ому', 'ого', 'ым', 'ом'),
  paradigm(/ой$/u, 2, 'ого', 'ому', 'ого', 'ым', 'ом'),
  ...masculineNouns(true),
  ...A_STEMS,
];
const MALE_GIVEN: readonly Paradigm[] = [...masculineNouns(false), ...A_STEMS];
const FEMALE_SURNAMES: readonly Paradigm[] = [
  paradigm(/(ск|цк)ая$/u, 2, 'ой', 'ой', 'ую', 'ой', 'ой'),
  paradigm(/(ов|ев|ёв|ин|ын)а$/u, 1, 'ой', 'ой', 'у', 'ой', 'ой'),
  ...A_STEMS,
];

export const RUSSIAN: LanguageRules = {
  paradigms(gender: Gender, part: NamePart) {
    if (gender === 'female') return part === 'surname' ? FEMALE_SURNAMES : A_STEMS;
    return part === 'surname' ? MALE_SURNAMES : MALE_GIVEN;
  },
  places: A_STEMS,
  femaleSurname: /(ск|цк)ая$|(ов|ев|ёв|ин|ын)а$/u,
  maleSurname: /(ск|цк)ий$|(ов|ев|ёв|ин|ын)$/u,
  maleGivenInA: new Set(['никита', 'илья', 'фома', 'кузьма', 'лука', 'савва', 'данила', 'миша', 'саша']),
  // Surnames that are also everyday nouns, and forms that spell one.
  stopWords: new Set([
    'мороза',
    'морозу',
    'морозом',
    'морозе',
    'волка',
    'волку',
    'волком',
    'волке',
    'кузнеца',
    'кузнецу',
    'кузнецом',
    'кузнеце',
    'соколова',
    'сокола',
    'соколу',
    'соколом',
    'соколе',
    'медведя',
    'медведю',
    'медведем',
    'медведе',
    'зайца',
    'зайцу',
    'веры',
    'вере',
    'веру',
    'верой',
    'надежды',
    'надежде',
    'надежду',
    'надеждой',
    'любви',
    'мира',
    'миру',
    'миром',
    'мире',
    'славы',
    'славе',
    'славу',
    'славой',
    'зари',
    'розы',
    'розе',
    'розу',
    'розой',
    'лилии',
    'лилию',
  ]),
};
