/**
 * The four highlight categories: the one list every schema, setting and view is built from.
 * Kept apart from the dataset schema so the content script can use them without loading the
 * schema (and the full zod build) into every tab.
 */
export const CATEGORY_IDS = ['person', 'proposal', 'organization', 'place'] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

/** An object with one entry per category, in CATEGORY_IDS order (a schema's shape, a table of counts). */
export function perCategory<T>(make: (id: CategoryId) => T): Record<CategoryId, T> {
  return Object.fromEntries(CATEGORY_IDS.map((id) => [id, make(id)])) as Record<CategoryId, T>;
}
