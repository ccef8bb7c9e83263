/**
 * resolveMentions: narrows mentions of ambiguous aliases ("Clinton", "Kushner") using the
 * rest of the page (docs/design.md §9). In order:
 *   1. the candidate named elsewhere on the page by a full name or unambiguous alias;
 *   2. failing that, the candidate with the most related entities on the page;
 *   3. failing both, every candidate stays, and the card lists them.
 * A mention of an alias that needs context (FLAG_CONTEXT: "MBS", "Costa") stays only where
 * the page also names its entity another way, or names a related entity; otherwise its
 * entity list is emptied, and nothing is drawn for it.
 */
import { entityPosition, FLAG_AMBIGUOUS, FLAG_CONTEXT, type MatchIndex } from './match-index';
import type { Mention } from './match';

export function resolveMentions(mentions: readonly Mention[], index: MatchIndex): Mention[] {
  const anchored = new Set<string>();
  const flagsOf = (m: Mention): number => index.aliasFlags[m.aliasIndex] ?? 0;
  for (const m of mentions) {
    if ((flagsOf(m) & (FLAG_AMBIGUOUS | FLAG_CONTEXT)) === 0 && m.entityIds.length === 1) anchored.add(m.entityIds[0] as string);
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
    if ((flagsOf(m) & FLAG_CONTEXT) !== 0) {
      const supported = m.entityIds.filter((id) => anchored.has(id) || relatedOnPage(id) > 0);
      if (supported.length !== m.entityIds.length) m = { ...m, entityIds: supported };
    }
    if (m.entityIds.length < 2) return m;
    const named = m.entityIds.filter((id) => anchored.has(id));
    if (named.length === 1) return { ...m, entityIds: named };
    const scored = m.entityIds.map((id) => ({ id, score: relatedOnPage(id) })).sort((a, b) => b.score - a.score);
    const [best, second] = scored;
    if (best && best.score > 0 && (!second || best.score > second.score)) return { ...m, entityIds: [best.id] };
    return m;
  });
}
