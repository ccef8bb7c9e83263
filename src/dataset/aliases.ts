/**
 * Reading a dataset's aliases: their text, the entity's name as its first alias, and the
 * flags that decide how each is matched (case, ambiguity, context, acronyms).
 */
import { foldForComparison } from './normalize';
import type { Alias, CategoryId, Entity } from './schema';

/** The entity's name counts as its first alias (index -1 in error paths points at `name`). */
export function aliasesWithName(entity: Entity): { alias: Alias; aliasIndex: number }[] {
  const named = entity.aliases.some((a) => foldForComparison(aliasText(a)) === foldForComparison(entity.name));
  const list = entity.aliases.map((alias, aliasIndex) => ({ alias, aliasIndex }));
  return named ? list : [{ alias: entity.name, aliasIndex: -1 }, ...list];
}

export function aliasText(alias: Alias): string {
  return typeof alias === 'string' ? alias : alias.text;
}

export function aliasIsCaseSensitive(alias: Alias, category: CategoryId): boolean {
  if (typeof alias !== 'string' && alias.acronym === true) return true;
  if (typeof alias !== 'string' && alias.caseSensitive !== undefined) return alias.caseSensitive;
  return category !== 'proposal';
}

export function aliasIsAmbiguous(alias: Alias): boolean {
  return typeof alias !== 'string' && alias.ambiguous === true;
}

export function aliasNeedsContext(alias: Alias): boolean {
  return typeof alias !== 'string' && alias.needsContext === true;
}

/**
 * Whether an alias variant is written like an acronym: no lower-case letter and at least two
 * capitals ("NATO", "U.N.", "G7" is not), so it must be opted in with `acronym: true`.
 */
export function looksLikeAcronym(variant: string): boolean {
  return !/\p{Ll}/u.test(variant) && (variant.match(/\p{Lu}/gu)?.length ?? 0) >= 2 && !/\s/.test(variant.trim());
}
