/**
 * The page's language, which decides whose inflected name forms the matcher tries
 * (dataset/inflect): the page's own `<html lang>`, else a guess from its text by the letters
 * only some languages use. No model, and a few thousand characters read at most: a wrong or
 * missing guess costs only the inflected forms, never the names as written.
 */

/** Letters read from the text for a guess: enough for a few paragraphs. */
const SAMPLE = 4000;
/** A guess needs this many telltale letters, and this share of the sample's letters. */
const MIN_MARKS = 3;
const MIN_SHARE = 0.002;

/** Letters that only some languages use, lower case: for Cyrillic, then for Latin text. */
const CYRILLIC_MARKS: Record<string, string> = { uk: 'іїєґ', ru: 'ыэё', be: 'ў', bg: 'ъ', sr: 'јљњћџђ' };
const LATIN_MARKS: Record<string, string> = { pl: 'łąęśźżń', cs: 'řůěčšžťď', de: 'ßäöü', fr: 'èêçœàù', es: 'ñ¿¡', pt: 'ãõ' };

/** Telltale letter -> its language. */
const MARK_LANGUAGE = new Map<string, string>();
for (const table of [CYRILLIC_MARKS, LATIN_MARKS])
  for (const [lang, letters] of Object.entries(table)) for (const l of letters) MARK_LANGUAGE.set(l, lang);

/** Country codes that pages often give where the language code belongs ("ua" for Ukrainian). */
const COUNTRY_FOR_LANGUAGE: Record<string, string> = { ua: 'uk', cz: 'cs' };

/** The primary subtag of a language tag, lower case: "uk-UA" -> "uk"; '' for none. */
export function languageFromTag(tag: string | null | undefined): string {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/u)[0] ?? '';
  if (!/^[a-z]{2,3}$/u.test(primary)) return '';
  return COUNTRY_FOR_LANGUAGE[primary] ?? primary;
}

/** Stretches of a long text read for a guess, spread over it: menus and headers come first. */
const WINDOWS = 4;

/** A guess from the text's letters; '' when nothing tells. */
export function languageFromText(text: string): string {
  let cyrillic = 0;
  let latin = 0;
  const marks = new Map<string, number>();
  // A long page is read in a few stretches spread over it, so an English menu or cookie
  // notice at the top of a Ukrainian article does not decide alone.
  const windows = text.length > SAMPLE * 2 ? WINDOWS : 1;
  for (let w = 0; w < windows; w++) {
    const budget = ((w + 1) * SAMPLE) / windows;
    for (let i = Math.floor((w * text.length) / windows); i < text.length && cyrillic + latin < budget; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x400 && c <= 0x4ff) cyrillic++;
      else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) latin++;
      else continue;
      if (c < 128) continue;
      const lang = MARK_LANGUAGE.get(text.charAt(i).toLowerCase());
      if (lang) marks.set(lang, (marks.get(lang) ?? 0) + 1);
    }
  }
  const letters = cyrillic + latin;
  const candidates = Object.keys(cyrillic > latin ? CYRILLIC_MARKS : LATIN_MARKS);
  let best = '';
  let bestCount = 0;
  for (const lang of candidates) {
    const count = marks.get(lang) ?? 0;
    if (count > bestCount) [best, bestCount] = [lang, count];
    else if (count === bestCount) best = '';
  }
  return bestCount >= MIN_MARKS && bestCount >= letters * MIN_SHARE ? best : '';
}

/** The page's language: its root element's `lang`, else a guess from `text`. */
export function pageLanguage(root: Element, text: string): string {
  return languageFromTag(root.getAttribute('lang') ?? root.getAttribute('xml:lang')) || languageFromText(text);
}
