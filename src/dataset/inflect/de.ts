/**
 * German names take one ending, the genitive -s, on the last word only ("Trumps Friedensplan",
 * "Wladimir Putins"); a name ending in a hissing sound takes an apostrophe instead
 * ("Kallas’ Besuch"), which the matcher already reads as the name.
 */
import { paradigm, type LanguageRules, type Paradigm } from './paradigm';

const SURNAMES: readonly Paradigm[] = [paradigm(/[^sßxz]$/u, 0, 's', '', '', '', '')];

export const GERMAN: LanguageRules = {
  paradigms: (_gender, part) => (part === 'surname' ? SURNAMES : []),
  places: SURNAMES,
  femaleSurname: /$^/u,
  maleSurname: /$^/u,
  maleGivenInA: new Set(),
  // Surnames whose genitive spells an everyday word.
  stopWords: new Set(['endes', 'kochs', 'vogels', 'fuchs', 'wolfs', 'hahns', 'königs', 'kaisers', 'bauers', 'meisters']),
};
