/**
 * The four highlight categories. Kept apart from the dataset schema so the content script
 * can use them without loading the schema (and the full zod build) into every tab.
 */
export const CATEGORY_IDS = ['person', 'proposal', 'organization', 'place'] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];
