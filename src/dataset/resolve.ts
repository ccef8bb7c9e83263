/**
 * resolveMentions: narrows mentions of ambiguous aliases ("Clinton", "Kushner") using the
 * rest of the page (DESIGN.md §9). In order:
 *   1. the candidate named elsewhere on the page by a full name or unambiguous alias;
 *   2. failing that, the candidate with the most related entities on the page;
 *   3. failing both, every candidate stays, and the card lists them.
 */
import { entityPosition, FLAG_AMBIGUOUS, type MatchIndex } from './match-index';
import type { Mention } from './match';

export function resolveMentions(mentions: readonly Mention[], index: MatchIndex): Mention[] {
  const anchored = new Set<string>();
  for (const m of mentions) {
    const ambiguous = ((index.aliasFlags[m.aliasIndex] ?? 0) & FLAG_AMBIGUOUS) !== 0;
    if (!ambiguous && m.entityIds.length === 1) anchored.add(m.entityIds[0] as string);
  }
  const positions = entityPosition(index);
  const relatedOnPage = (id: string): number => {
    const e = positions.get(id);
    if (e === undefined) return 0;
    let count = 0;
    for (let r = index.relatedStart[e] ?? 0; r < (index.relatedStart[e + 1] ?? 0); r++) {
      if (anchored.has(index.entityIds[index.related[r] ?? 0] ?? '')) count++;
    }
    return count;
  };
  return mentions.map((m) => {
    if (m.entityIds.length < 2) return m;
    const named = m.entityIds.filter((id) => anchored.has(id));
    if (named.length === 1) return { ...m, entityIds: named };
    const scored = m.entityIds.map((id) => ({ id, score: relatedOnPage(id) })).sort((a, b) => b.score - a.score);
    const [best, second] = scored;
    if (best && best.score > 0 && (!second || best.score > second.score)) return { ...m, entityIds: [best.id] };
    return m;
  });
}
