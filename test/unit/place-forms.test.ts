/**
 * Places in Ukrainian, Russian, Polish, Czech and German news, in their grammatical cases: "в
 * Україні", "v Praze", "w Warszawie", "Russlands Präsident". A one-word feminine name in -a/-я
 * declines by rule, as does the German genitive -s; a masculine Slavic name whose stem changes
 * (Київ, Києва) stays as written rather than take a form no page uses. The dataset lists only
 * the nominative.
 */
import { describe, expect, it } from 'vitest';
import { compileMatchIndex } from '../../src/dataset/compile';
import { findMentions } from '../../src/dataset/match';
import { CZECH } from '../../src/dataset/inflect/cs';
import { inflectName } from '../../src/dataset/inflect';
import type { Alias } from '../../src/dataset/schema';
import { dataset, entity } from '../support/mini-dataset';

function place(id: string, name: string, spellings: Record<string, string[]>) {
  const aliases: Alias[] = [];
  for (const [lang, texts] of Object.entries(spellings)) for (const text of texts) aliases.push({ text, lang });
  return entity(id, 'place', name, aliases);
}

const index = compileMatchIndex(
  dataset([
    place('ukraine', 'Ukraine', { uk: ['Україна'], ru: ['Украина'], pl: ['Ukraina'], cs: ['Ukrajina'], de: ['Ukraine'] }),
    place('russia', 'Russia', { uk: ['Росія'], ru: ['Россия'], pl: ['Rosja'], cs: ['Rusko'], de: ['Russland'] }),
    place('kyiv', 'Kyiv', { uk: ['Київ'], ru: ['Киев'], pl: ['Kijów'], cs: ['Kyjev'], de: ['Kiew'] }),
    place('prague', 'Prague', { cs: ['Praha'], uk: ['Прага'] }),
    place('warsaw', 'Warsaw', { pl: ['Warszawa'] }),
  ]),
);

/** The mentions in `text` on a page in `language`, as "matched text=entity". */
function found(text: string, language: string): string[] {
  return findMentions(index, text, 0, text.length, language).map((m) => `${text.slice(m.start, m.end)}=${m.entityIds.join('+')}`);
}

describe('place names in their grammatical cases', () => {
  it.each([
    ['uk', 'Саміт відбувся в Україні, а делегація Росії прибула з Праги.', ['Україні=ukraine', 'Росії=russia', 'Праги=prague']],
    ['uk', 'Ракети знову вдарили по Україні; у Празі зібралися міністри.', ['Україні=ukraine', 'Празі=prague']],
    ['ru', 'Переговоры об Украине и России прошли без Украины.', ['Украине=ukraine', 'России=russia', 'Украины=ukraine']],
    ['pl', 'Spotkanie w Warszawie dotyczyło Ukrainy i Rosji.', ['Warszawie=warsaw', 'Ukrainy=ukraine', 'Rosji=russia']],
    ['cs', 'Summit v Praze jednal o Ukrajině a o pomoci Ukrajinou nabízené.', ['Praze=prague', 'Ukrajině=ukraine', 'Ukrajinou=ukraine']],
    ['de', 'Russlands Angriffe auf Kiews Stromnetz gehen weiter.', ['Russlands=russia', 'Kiews=kyiv']],
  ])('finds the forms on a page in %s: %s', (language, text, expected) => {
    expect(found(text, language)).toEqual(expected);
  });

  it("matches a place's forms only on a page in their language, its name on any page", () => {
    expect(found('Переговоры об Украине.', 'en')).toEqual([]);
    expect(found('Summit v Praze.', 'pl')).toEqual([]);
    expect(found('Kyiv and Київ', 'en')).toEqual(['Kyiv=kyiv', 'Київ=kyiv']);
  });

  it('gives a masculine Slavic place name no forms, since its stem changes', () => {
    expect(found('Делегація з Київа і Києва', 'uk')).toEqual([]);
    expect(found('Delegace z Kyjeva', 'cs')).toEqual([]);
  });

  it('keeps an h or g before a Czech dative and locative as z, in people and places alike', () => {
    expect(inflectName(CZECH, 'Olga', 'female').forms).toEqual(expect.arrayContaining(['Olgy', 'Olze', 'Olgou']));
    expect(inflectName(CZECH, 'Olha', 'female').forms).toEqual(expect.arrayContaining(['Olhy', 'Olze', 'Olhou']));
    expect(inflectName(CZECH, 'Olga', 'female').forms).not.toContain('Olgze');
  });
});
