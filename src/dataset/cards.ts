/**
 * Entity cards: what the content script shows for an entity. Stored one key per entity, so a
 * tab reads only the cards for the entities on its page (docs/design.md §4).
 */
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema';
import { CATEGORY_IDS } from './categories';
import type { Dataset, Role } from './schema';

/*
 * Cards as stored, checked when a tab reads them. The dataset schema validated every field
 * before the card was written; this checks the shape, with zod/mini, which keeps the full
 * zod build out of the content script.
 */
/** An https: URL: a card from storage that a page could have written to holds no other link. */
function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
const httpsUrl = () => z.string().check(z.refine(isHttpsUrl, 'must be an https: URL'));

const storedRole = () =>
  z.strictObject({
    title: z.string(),
    organization: z.optional(z.string()),
    from: z.string(),
    to: z.optional(z.string()),
    endReason: z.optional(z.string()),
    source: httpsUrl(),
  });
const storedFact = () => z.strictObject({ date: z.string(), text: z.string(), source: httpsUrl() });
/** Text in another language; `roleTitles` and `facts` follow the card's own order, null where untranslated. */
const storedTranslation = () =>
  z.strictObject({
    summary: z.optional(z.string()),
    roleTitles: z.optional(z.array(z.nullable(z.string()))),
    facts: z.optional(z.array(z.nullable(z.string()))),
  });

export const EntityCard = lazySchema(() =>
  z.strictObject({
    id: z.string(),
    category: z.enum(CATEGORY_IDS),
    name: z.string(),
    summary: z.string(),
    roles: z.array(storedRole()),
    facts: z.array(storedFact()),
    related: z.array(z.strictObject({ id: z.string(), name: z.string() })),
    sources: z.array(httpsUrl()),
    updatedAt: z.string(),
    reviewedAt: z.optional(z.string()),
    translations: z.optional(z.record(z.string(), storedTranslation())),
  }),
);
export type EntityCard = z.infer<typeof EntityCard>;

export function buildCards(dataset: Dataset): EntityCard[] {
  const names = new Map(dataset.entities.map((e) => [e.id, e.name]));
  return dataset.entities.map((e) => {
    // Newest fact first; translated facts are reordered with them.
    const order = e.facts.map((_, i) => i).sort((a, b) => newestFirst(e.facts[a]!.date, e.facts[b]!.date) || a - b);
    const translations = e.translations
      ? Object.fromEntries(
          Object.entries(e.translations).map(([lang, tr]) => [
            lang,
            {
              ...(tr.summary !== undefined ? { summary: tr.summary } : {}),
              ...(tr.roleTitles ? { roleTitles: e.roles.map((_, i) => tr.roleTitles?.[i] ?? null) } : {}),
              ...(tr.facts ? { facts: order.map((i) => tr.facts?.[i] ?? null) } : {}),
            },
          ]),
        )
      : undefined;
    return {
      id: e.id,
      category: e.category,
      name: e.name,
      summary: e.summary,
      roles: e.roles,
      facts: order.map((i) => e.facts[i]!),
      related: e.related.map((id) => ({ id, name: names.get(id) ?? id })),
      sources: e.sources,
      updatedAt: e.updatedAt,
      ...(e.reviewedAt ? { reviewedAt: e.reviewedAt } : {}),
      ...(translations ? { translations } : {}),
    };
  });
}

function newestFirst(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

/** Pads a reduced-precision ISO date to a full day: the first day when a span starts, the last when it ends. */
function startOf(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}
function endOf(date: string): string {
  return date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date;
}

export interface RoleOnDate {
  /** The role held on the date, or the last one that ended before it. */
  role: Role;
  /** False when the role had already ended on the date. */
  current: boolean;
}

/**
 * The role an entity held on `date` (YYYY-MM-DD). Roles listed first win when several are
 * held at once, so maintainers list the most newsworthy first. A role that ends on `date` is
 * still held that day.
 */
export function roleOn(roles: readonly Role[], date: string): RoleOnDate | null {
  const held = roles.find((r) => startOf(r.from) <= date && (r.to === undefined || date <= endOf(r.to)));
  if (held) return { role: held, current: true };
  let last: Role | null = null;
  for (const r of roles) {
    if (r.to !== undefined && endOf(r.to) < date && (!last || (last.to ?? '') < r.to)) last = r;
  }
  return last ? { role: last, current: false } : null;
}
