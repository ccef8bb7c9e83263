/**
 * Czech names by case. Adjectival surnames (-ský, and -skyj as Czech writes Ukrainian names)
 * decline as adjectives; men's names ending in a consonant, -o or -a decline as nouns, with
 * -ovi in the dative and locative of a surname (Putinovi) and -u beside it for a given name
 * (Vladimiru); women's surnames in -ová and -ská as adjectives, other women's surnames not at
 * all.
 */
import { paradigm, type Gender, type LanguageRules, type NamePart, type Paradigm } from './paradigm';

/** Women's nouns in -a: the dative and locative soften the last consonant (Olze, Věře, Anně). */
const FEMININE_A: readonly Paradigm[] = [
  paradigm(/cha$/u, 3, 'chy', 'še', 'chu', 'chou', 'še'),
  paradigm(/ka$/u, 2, 'ky', 'ce', 'ku', 'kou', 'ce'),
  paradigm(/ga$/u, 2, 'gy', 'ze', 'gu', 'gou', 'ze'),
  paradigm(/ha$/u, 2, 'hy', 'ze', 'hu', 'hou', 'ze'),
  paradigm(/ra$/u, 2, 'ry', 'ře', 'ru', 'rou', 'ře'),
  paradigm(/ja$/u, 1, 'e', 'i', 'u', 'í', 'i'),
  paradigm(/[dtnbpfvm]a$/u, 1, 'y', 'ě', 'u', 'ou', 'ě'),
  paradigm(/[lsz]a$/u, 1, 'y', 'e', 'u', 'ou', 'e'),
];

/** Men's nouns; `dative` lists the dative and locative endings of a hard stem. */
function masculine(dative: string): Paradigm[] {
  const soft = dative.replace('u', 'i');
  return [
    paradigm(/[ie]j$/u, 0, 'e', soft, 'e', 'em', soft),
    paradigm(/ek$/u, 2, 'ka', dative.replace(/(^|\|)/gu, '$1k'), 'ka', 'kem', dative.replace(/(^|\|)/gu, '$1k')),
    paradigm(/[^aeiouyáéíóúůý]el$/u, 2, 'la', dative.replace(/(^|\|)/gu, '$1l'), 'la', 'lem', dative.replace(/(^|\|)/gu, '$1l')),
    paradigm(/ec$/u, 2, 'ce', soft.replace(/(^|\|)/gu, '$1c'), 'ce', 'cem', soft.replace(/(^|\|)/gu, '$1c')),
    paradigm(/[šžčřcjďťň]$/u, 0, 'e', soft, 'e', 'em', soft),
    paradigm(/[bcdfghklmnpqrstvwxz]$/u, 0, 'a', dative, 'a', 'em', dative),
    paradigm(/[^aeiouyáéíóúůý]o$/u, 1, 'a', 'ovi', 'a', 'em', 'ovi'),
    paradigm(/io$/u, 1, 'a', 'ovi', 'a', 'em', 'ovi'),
    paradigm(/a$/u, 1, 'y', 'ovi', 'u', 'ou', 'ovi'),
  ];
}

const MALE_SURNAMES: readonly Paradigm[] = [
  paradigm(/yj$/u, 2, 'ého', 'ému', 'ého', 'ým', 'ém'),
  paradigm(/ý$/u, 1, 'ého', 'ému', 'ého', 'ým', 'ém'),
  ...masculine('ovi'),
];
/** English given names ending in a silent -e drop it (Steve, Steva, Stevem). */
const MALE_GIVEN: readonly Paradigm[] = [...masculine('u|ovi'), paradigm(/[^aeiouy]e$/u, 1, 'a', 'u|ovi', 'a', 'em', 'u|ovi')];
const FEMALE_SURNAMES: readonly Paradigm[] = [paradigm(/á$/u, 1, 'é', 'é', 'ou', 'ou', 'é'), ...FEMININE_A];

export const CZECH: LanguageRules = {
  paradigms(gender: Gender, part: NamePart) {
    if (gender === 'female') return part === 'surname' ? FEMALE_SURNAMES : FEMININE_A;
    return part === 'surname' ? MALE_SURNAMES : MALE_GIVEN;
  },
  places: FEMININE_A,
  femaleSurname: /á$/u,
  maleSurname: /(sk|ck)(ý|yj)$/u,
  maleGivenInA: new Set(['nikita', 'kuba', 'jirka', 'honza', 'míra', 'sáva', 'ilja', 'mykola', 'luka']),
  // Surnames that are also everyday nouns or given names, and forms that spell one.
  stopWords: new Set([
    'pavla',
    'pavly',
    'pavlou',
    'fialy',
    'fialou',
    'fialu',
    'vlka',
    'vlkem',
    'vlkovi',
    'kováře',
    'kovářem',
    'mlynáře',
    'zajíce',
    'sokola',
    'sokolem',
    'lišky',
    'lišce',
    'lišku',
    'liškou',
    'mráze',
    'mrazu',
    'mrazem',
    'víry',
    'víře',
    'víru',
    'vírou',
    'naděje',
    'naději',
    'lásky',
    'lásce',
    'růže',
    'růži',
    'míru',
    'mírem',
    'slávy',
    'sláva',
    'kosa',
    'kosy',
    'dvořáka',
  ]),
};
