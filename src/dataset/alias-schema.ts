/** The schema of one alias, and the small field types that the entity schema shares with it. */
import { z } from 'zod';

export const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** A language as a lower-case ISO 639 code: "en", "uk", "ru", "de", "pl", "cs". */
export const LanguageCode = z.string().regex(/^[a-z]{2,3}$/, 'must be a language code like "uk"');

export const Alias = z.union([
  Text(120),
  z.strictObject({
    /** The alias text. `{a|b|}` groups list variants, expanded when the index is compiled. */
    text: Text(120),
    /** Defaults: people, organisations and places are case-sensitive; proposals are not. */
    caseSensitive: z.boolean().optional(),
    /** Shared by several entities ("Clinton"): resolved from the rest of the page. */
    ambiguous: z.boolean().optional(),
    /**
     * An abbreviation ("NATO", "MBS"). An alias spelt in capitals must say so: acronyms are
     * opted in entity by entity, and always match exactly as written.
     */
    acronym: z.boolean().optional(),
    /**
     * Counts only where the page also names this entity another way, or names a related one:
     * for short aliases with common other meanings ("MBS", mortgage-backed securities).
     */
    needsContext: z.boolean().optional(),
    /** Words that, right after the alias, make it part of another name: "Rica" for "Costa". */
    notFollowedBy: z.array(Text(60)).max(16).optional(),
    /** Words that, right before the alias, make it part of another name: "Lake" for "Geneva". */
    notPrecededBy: z.array(Text(60)).max(16).optional(),
    /**
     * The language whose spelling this is ("Зеленський" is uk, "Selenskyj" de). Inflected
     * forms are generated only for languages with rules, and only on pages in that language.
     * Without it the alias is a spelling shared by every language.
     */
    lang: LanguageCode.optional(),
  }),
]);
export type Alias = z.infer<typeof Alias>;
