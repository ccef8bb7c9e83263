/** Dataset rules that span entities, checked on the raw input before each entity is parsed. */
import { Alias } from './alias-schema';
import { aliasIsAmbiguous, aliasText, looksLikeAcronym } from './aliases';
import { expandAliasTemplate, foldForComparison } from './normalize';

export interface CrossIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Rules that span entities: unique ids, related ids that exist, roles that end after they
 * start, and aliases shared only when every owner marks them ambiguous. They run on the raw
 * input, entity by entity, so their errors are reported together with the shape errors of
 * other entities rather than only once everything else is fixed.
 */
export function crossEntityIssues(input: unknown): CrossIssue[] {
  if (!isRecord(input) || !Array.isArray(input.entities)) return [];
  const entities: unknown[] = input.entities;
  const issues: CrossIssue[] = [];
  const ids = new Set<string>();
  entities.forEach((raw, i) => {
    if (!isRecord(raw) || typeof raw.id !== 'string') return;
    if (ids.has(raw.id)) issues.push({ path: ['entities', i, 'id'], message: `duplicate id "${raw.id}"` });
    ids.add(raw.id);
  });

  const aliasOwners = new Map<string, { index: number; aliasIndex: number; ambiguous: boolean }[]>();
  entities.forEach((raw, i) => {
    if (!isRecord(raw)) return;
    if (Array.isArray(raw.related)) {
      raw.related.forEach((rel: unknown, r) => {
        if (typeof rel === 'string' && !ids.has(rel))
          issues.push({ path: ['entities', i, 'related', r], message: `no entity has id "${rel}"` });
      });
    }
    if (Array.isArray(raw.roles)) {
      raw.roles.forEach((role: unknown, r) => {
        if (!isRecord(role) || typeof role.to !== 'string' || typeof role.from !== 'string') return;
        if (role.to < role.from)
          issues.push({ path: ['entities', i, 'roles', r, 'to'], message: `ends (${role.to}) before it starts (${role.from})` });
      });
    }
    if (Array.isArray(raw.aliases)) {
      raw.aliases.forEach((alias: unknown, a) => {
        const parsed = Alias.safeParse(alias);
        if (!parsed.success || (typeof parsed.data !== 'string' && parsed.data.acronym === true)) return;
        if (expandAliasTemplate(aliasText(parsed.data)).some(looksLikeAcronym)) {
          issues.push({
            path: ['entities', i, 'aliases', a],
            message: `"${aliasText(parsed.data)}" is written like an acronym; opt it in with { "text": …, "acronym": true }`,
          });
        }
      });
    }
    if (isRecord(raw.translations)) {
      for (const [lang, tr] of Object.entries(raw.translations)) {
        if (!isRecord(tr)) continue;
        for (const [field, own] of [
          ['roleTitles', raw.roles],
          ['facts', raw.facts],
        ] as const) {
          const list = tr[field];
          if (Array.isArray(list) && Array.isArray(own) && list.length > own.length) {
            issues.push({
              path: ['entities', i, 'translations', lang, field],
              message: `has ${list.length} entries but the entity has ${own.length} ${field === 'facts' ? 'facts' : 'roles'}; they pair up by position`,
            });
          }
        }
      }
    }
    if (raw.givenNames !== undefined && raw.category !== 'person') {
      issues.push({ path: ['entities', i, 'givenNames'], message: 'only people have given names' });
    }
    const seenHere = new Set<string>();
    const aliases: { text: string; aliasIndex: number; ambiguous: boolean }[] = [];
    if (typeof raw.name === 'string' && raw.name.length <= 160) aliases.push({ text: raw.name, aliasIndex: -1, ambiguous: false });
    if (Array.isArray(raw.aliases)) {
      raw.aliases.forEach((alias: unknown, a) => {
        const parsed = Alias.safeParse(alias);
        if (parsed.success) aliases.push({ text: aliasText(parsed.data), aliasIndex: a, ambiguous: aliasIsAmbiguous(parsed.data) });
      });
    }
    // The name needs no ambiguity mark when an alias repeats it with one.
    const nameKey = aliases[0]?.aliasIndex === -1 ? foldForComparison(aliases[0].text) : null;
    const markedName = aliases.some((a) => a.aliasIndex >= 0 && a.ambiguous && foldForComparison(a.text) === nameKey);
    for (const { text, aliasIndex, ambiguous } of aliases) {
      if (aliasIndex === -1 && markedName) continue;
      for (const variant of expandAliasTemplate(text)) {
        const key = foldForComparison(variant);
        if (seenHere.has(key)) continue;
        seenHere.add(key);
        const owners = aliasOwners.get(key) ?? [];
        owners.push({ index: i, aliasIndex, ambiguous });
        aliasOwners.set(key, owners);
      }
    }
  });
  for (const [key, owners] of aliasOwners) {
    if (owners.length < 2 || owners.every((o) => o.ambiguous)) continue;
    const names = owners
      .map((o) => {
        const raw = entities[o.index];
        return isRecord(raw) && typeof raw.id === 'string' ? raw.id : `#${o.index}`;
      })
      .join(', ');
    for (const owner of owners) {
      if (owner.ambiguous) continue;
      const path: (string | number)[] =
        owner.aliasIndex < 0 ? ['entities', owner.index, 'name'] : ['entities', owner.index, 'aliases', owner.aliasIndex];
      issues.push({ path, message: `alias "${key}" is shared by ${names}; mark it ambiguous in every entity that uses it` });
    }
  }
  return issues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
