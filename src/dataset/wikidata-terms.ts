/**
 * Wikidata's labels and aliases, language by language, as the dataset's name and aliases.
 * A spelling used in several languages ("Henning Christophersen" in en, de and fr) is written
 * once without a language, which the schema reads as shared by every language; a spelling of
 * one language keeps it, so inflected forms are generated only on pages in that language.
 */
import type { Alias } from './schema';
import { looksLikeAcronym } from './aliases';
import { foldForComparison } from './normalize';

export type TermsByLanguage = Partial<Record<string, { label: string | null; aliases: string[] }>>;

const MAX_ALIASES = 64;
const MAX_ALIAS_LENGTH = 120;

export function aliasesFromTerms(
  terms: TermsByLanguage,
  languages: readonly string[],
): { name: string | null; aliases: Alias[]; notes: { path: string; message: string }[] } {
  const notes: { path: string; message: string }[] = [];
  let name: string | null = null;
  for (const lang of languages) {
    const label = terms[lang]?.label?.trim();
    if (label) {
      name = label.slice(0, 160);
      break;
    }
  }
  // Spellings in first-seen order, with every language that uses them; the name's own
  // spelling is never repeated as an alias.
  const spellings = new Map<string, { text: string; langs: Set<string> }>();
  const nameKey = name === null ? null : foldForComparison(name);
  for (const lang of languages) {
    const entry = terms[lang];
    if (!entry) continue;
    for (const raw of [entry.label, ...entry.aliases]) {
      const text = raw?.trim();
      if (!text) continue;
      if (/[{}|]/.test(text)) {
        notes.push({
          path: 'aliases',
          message: `"${text}" (${lang}) left out: braces and bars write variants in an alias; add it by hand if it is wanted`,
        });
        continue;
      }
      if (text.length > MAX_ALIAS_LENGTH) {
        notes.push({ path: 'aliases', message: `"${text.slice(0, 40)}…" (${lang}) left out: longer than ${MAX_ALIAS_LENGTH} characters` });
        continue;
      }
      const key = foldForComparison(text);
      if (key === nameKey) continue;
      const seen = spellings.get(key);
      if (seen) seen.langs.add(lang);
      else spellings.set(key, { text, langs: new Set([lang]) });
    }
  }
  const all = [...spellings.values()];
  if (all.length > MAX_ALIASES)
    notes.push({ path: 'aliases', message: `${all.length - MAX_ALIASES} aliases left out: an entity holds at most ${MAX_ALIASES}` });
  const aliases = all.slice(0, MAX_ALIASES).map(({ text, langs }): Alias => {
    const lang = langs.size === 1 ? [...langs][0] : undefined;
    // Acronyms are opted in one by one, and only count where the page names the entity
    // another way too: an imported "DNA" must not mark every mention of DNA.
    const acronym = looksLikeAcronym(text) ? { acronym: true, needsContext: true } : {};
    if (lang === undefined && !('acronym' in acronym)) return text;
    return { text, ...acronym, ...(lang === undefined ? {} : { lang }) };
  });
  return { name, aliases, notes };
}
