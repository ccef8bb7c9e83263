/**
 * A card in the page's language: the summary, role titles and facts the dataset has in that
 * language replace the English ones, and whatever it lacks stays English and is marked so, so
 * that a reader (and a screen reader, through `lang`) knows which text is which.
 */
import type { EntityCard } from './cards';

export interface LocalizedCard {
  card: EntityCard;
  /** The language each text is shown in: the page's, or "en" where the dataset lacks it. */
  summaryLang: string;
  roleLangs: string[];
  factLangs: string[];
}

/** The primary subtag, lower case: "uk-UA" → "uk"; an empty or odd tag reads as English. */
export function primaryLanguage(tag: string | null | undefined): string {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : 'en';
}

export function localizeCard(card: EntityCard, pageLang: string): LocalizedCard {
  const lang = primaryLanguage(pageLang);
  const tr = lang === 'en' ? undefined : card.translations?.[lang];
  const roleTitles = card.roles.map((_, i) => tr?.roleTitles?.[i] ?? null);
  const factTexts = card.facts.map((_, i) => tr?.facts?.[i] ?? null);
  return {
    card: {
      ...card,
      summary: tr?.summary ?? card.summary,
      // A translated title names its organisation itself; the English one is not appended to it.
      roles: card.roles.map((role, i) => {
        const title = roleTitles[i];
        if (!title) return role;
        const rest = { ...role, title };
        delete rest.organization;
        return rest;
      }),
      facts: card.facts.map((fact, i) => (factTexts[i] ? { ...fact, text: factTexts[i] } : fact)),
    },
    summaryLang: tr?.summary !== undefined ? lang : 'en',
    roleLangs: roleTitles.map((title) => (title ? lang : 'en')),
    factLangs: factTexts.map((text) => (text ? lang : 'en')),
  };
}
