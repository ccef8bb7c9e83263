/**
 * An imported entity laid over an entity file a maintainer already keeps. What the maintainer
 * wrote wins: a field that has a value keeps it, and the import only fills fields that are
 * missing or empty. Aliases and sources are lists of names and places to check, so the import
 * adds the ones that are new, after the maintainer's own.
 */
import type { Alias, Entity } from './schema';
import { aliasText } from './aliases';
import { foldForComparison } from './normalize';

export interface MergeResult {
  entity: Entity;
  /** The fields the import changed, for the message; empty when nothing changed. */
  changed: string[];
}

export function mergeImported(existing: Entity, imported: Entity, today: string): MergeResult {
  const changed: string[] = [];
  const known = new Set([existing.name, ...existing.aliases.map(aliasText)].map(foldForComparison));
  const newAliases: Alias[] = imported.aliases.filter((alias) => {
    const key = foldForComparison(aliasText(alias));
    if (known.has(key)) return false;
    known.add(key);
    return true;
  });
  const room = Math.max(0, 64 - existing.aliases.length);
  const aliases = [...existing.aliases, ...newAliases.slice(0, room)];
  if (aliases.length > existing.aliases.length) changed.push(`aliases (+${aliases.length - existing.aliases.length})`);

  const sources = [...new Set([...existing.sources, ...imported.sources])].slice(0, 32);
  if (sources.length > existing.sources.length) changed.push(`sources (+${sources.length - existing.sources.length})`);

  const roles = existing.roles.length > 0 ? existing.roles : imported.roles;
  if (roles !== existing.roles && roles.length > 0) changed.push('roles');
  const facts = existing.facts.length > 0 ? existing.facts : imported.facts;
  if (facts !== existing.facts && facts.length > 0) changed.push('facts');
  const givenNames = existing.givenNames && existing.givenNames.length > 0 ? existing.givenNames : imported.givenNames;
  if (givenNames !== existing.givenNames && givenNames !== undefined) changed.push('givenNames');

  const entity: Entity = {
    ...existing,
    aliases,
    roles,
    facts,
    ...(givenNames === undefined || existing.category !== 'person' ? {} : { givenNames }),
    sources,
    updatedAt: changed.length > 0 ? today : existing.updatedAt,
  };
  return { entity, changed };
}
