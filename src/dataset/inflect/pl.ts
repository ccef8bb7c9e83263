/**
 * Polish names by case. Adjectival surnames (-ski, -cka) decline as adjectives; men's names
 * ending in a consonant decline as nouns, with the locative softening the last consonant
 * (Putinie, Trumpie, Kushnerze) and velar stems taking -u (Jermaku); names in -a, and men's in
 * -ko (Poroszenko), decline as feminine nouns. Women's surnames ending in a consonant do not
 * change.
 */
import { paradigm, type Gender, type LanguageRules, type NamePart, type Paradigm } from './paradigm';

/** Nouns ending in -a, and men's surnames in consonant + -o, which follow them (Duda, Sybiha, Poroszenko). */
function aStems(vowel: 'a' | 'o'): Paradigm[] {
  const end = (stem: string): RegExp => new RegExp(`${stem}${vowel}$`, 'u');
  // Only a consonant before -o declines so (Kliczko, Fredro); foreign -io (Rubio) does not.
  const soft =
    vowel === 'a'
      ? [
          paradigm(end('i'), 1, 'i', 'i', 'ę', 'ą', 'i'),
          paradigm(end('l'), 1, 'i', 'i', 'ę', 'ą', 'i'),
          // After a consonant -ja keeps its j (Rosja, Rosji); after a vowel it drops (Maja, Mai).
          paradigm(end('[^aeiouyąęó]j'), 1, 'i', 'i', 'ę', 'ą', 'i'),
          paradigm(end('j'), 2, 'i', 'i', 'ję', 'ją', 'i'),
          paradigm(end('(cz|sz|rz|ż|c|dz)'), 1, 'y', 'y', 'ę', 'ą', 'y'),
        ]
      : [];
  return [
    paradigm(end('k'), 2, 'ki', 'ce', 'kę', 'ką', 'ce'),
    paradigm(end('g'), 2, 'gi', 'dze', 'gę', 'gą', 'dze'),
    paradigm(end('ch'), 3, 'chy', 'sze', 'chę', 'chą', 'sze'),
    paradigm(end('h'), 2, 'hy', 'sze', 'hę', 'hą', 'sze'),
    paradigm(end('d'), 2, 'dy', 'dzie', 'dę', 'dą', 'dzie'),
    paradigm(end('t'), 2, 'ty', 'cie', 'tę', 'tą', 'cie'),
    paradigm(end('r'), 2, 'ry', 'rze', 'rę', 'rą', 'rze'),
    paradigm(end('ł'), 2, 'ły', 'le', 'łę', 'łą', 'le'),
    ...soft,
    paradigm(end('[bpfwmnsz]'), 1, 'y', 'ie', 'ę', 'ą', 'ie'),
  ];
}

/** Men's nouns ending in a consonant: the locative by the last consonant. */
const MASCULINE: readonly Paradigm[] = [
  paradigm(/ek$/u, 2, 'ka', 'kowi', 'ka', 'kiem', 'ku'),
  paradigm(/[kg]$/u, 0, 'a', 'owi', 'a', 'iem', 'u'),
  paradigm(/(ch|h)$/u, 0, 'a', 'owi', 'a', 'em', 'u'),
  paradigm(/(l|j|c|cz|sz|rz|ż|dz)$/u, 0, 'a', 'owi', 'a', 'em', 'u'),
  paradigm(/st$/u, 2, 'sta', 'stowi', 'sta', 'stem', 'ście'),
  paradigm(/t$/u, 1, 'ta', 'towi', 'ta', 'tem', 'cie'),
  paradigm(/d$/u, 1, 'da', 'dowi', 'da', 'dem', 'dzie'),
  paradigm(/r$/u, 1, 'ra', 'rowi', 'ra', 'rem', 'rze'),
  paradigm(/ł$/u, 1, 'ła', 'łowi', 'ła', 'łem', 'le'),
  paradigm(/[bpfwmnsz]$/u, 0, 'a', 'owi', 'a', 'em', 'ie'),
];

const MALE_SURNAMES: readonly Paradigm[] = [
  paradigm(/(sk|ck|dzk)i$/u, 1, 'iego', 'iemu', 'iego', 'im', 'im'),
  ...MASCULINE,
  ...aStems('o'),
  ...aStems('a'),
];
/**
 * English given names ending in a silent -e take their endings after an apostrophe (Steve'a,
 * Steve'em); the instrumental is also written without one (Stevem).
 */
const SILENT_E = paradigm(/[^aeiouy]e$/u, 0, "'a", "'owi", "'a", "'em|m", "'ie");
/** Men's given names in consonant + -o (Petro, Marco) decline as nouns ending in that consonant. */
const GIVEN_IN_O: readonly Paradigm[] = [
  paradigm(/ro$/u, 1, 'a', 'owi', 'a', 'em', 'ze'),
  paradigm(/[kg]o$/u, 1, 'a', 'owi', 'a', 'iem', 'u'),
  paradigm(/cho$/u, 1, 'a', 'owi', 'a', 'em', 'u'),
  paradigm(/(l|j|c|cz|sz|rz|ż|dz)o$/u, 1, 'a', 'owi', 'a', 'em', 'u'),
  paradigm(/[^aeiouy]o$/u, 1, 'a', 'owi', 'a', 'em', 'ie'),
];
const MALE_GIVEN: readonly Paradigm[] = [...MASCULINE, ...aStems('a'), ...GIVEN_IN_O, SILENT_E];
const FEMALE_SURNAMES: readonly Paradigm[] = [
  paradigm(/(sk|ck|dzk)a$/u, 1, 'iej', 'iej', 'ą', 'ą', 'iej'),
  paradigm(/owa$/u, 1, 'ej', 'ej', 'ą', 'ą', 'ej'),
  ...aStems('a'),
];
const FEMALE_GIVEN: readonly Paradigm[] = aStems('a');

export const POLISH: LanguageRules = {
  paradigms(gender: Gender, part: NamePart) {
    if (gender === 'female') return part === 'surname' ? FEMALE_SURNAMES : FEMALE_GIVEN;
    return part === 'surname' ? MALE_SURNAMES : MALE_GIVEN;
  },
  places: FEMALE_GIVEN,
  femaleSurname: /(sk|ck|dzk)a$|owa$/u,
  maleSurname: /(sk|ck|dzk)i$/u,
  maleGivenInA: new Set(['kuba', 'barnaba', 'bonawentura', 'mykoła', 'nikita', 'ilja', 'kosma']),
  // Surnames that are also everyday nouns, and forms that spell one.
  stopWords: new Set([
    'dudy',
    'dudę',
    'dudą',
    'kota',
    'kotem',
    'kocie',
    'wilka',
    'wilkiem',
    'wilku',
    'kowala',
    'kowalem',
    'kowalu',
    'lisa',
    'lisem',
    'lisie',
    'kruka',
    'krukiem',
    'zająca',
    'bociana',
    'wróbla',
    'wróblem',
    'mroza',
    'mrozem',
    'mrozie',
    'młynarza',
    'kamienia',
    'lasu',
    'wiary',
    'wierze',
    'wiarę',
    'wiarą',
    'nadziei',
    'nadzieję',
    'nadzieją',
    'róży',
    'różę',
    'różą',
    'pokoju',
    'sławy',
    'sławie',
  ]),
};
