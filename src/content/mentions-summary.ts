/**
 * What "In this story" lists: each entity named on the page (shown mentions only), how often,
 * and the role it held on the article's date, as its card shows it; plus counts per category.
 */
import type { PageMentions } from '../shared/messages';
import { localIsoDate } from '../shared/local-date';
import { t } from '../shared/i18n';
import { roleLabel } from './announcement';
import type { PageState } from './scan';
import { dropHidden } from './visibility';

export async function summarizeMentions(state: PageState | null): Promise<PageMentions> {
  const counts: Record<string, number> = {};
  const byEntity = new Map<string, number>();
  for (const m of dropHidden(state?.mentions ?? [])) {
    counts[m.category] = (counts[m.category] ?? 0) + 1;
    for (const id of m.entityIds) byEntity.set(id, (byEntity.get(id) ?? 0) + 1);
  }
  await state?.cards.read(byEntity.keys());
  const date = state?.date ?? localIsoDate();
  const entities = [...byEntity].map(([id, count]) => {
    const card = state?.cards.get(id);
    const role = card ? roleLabel(card, date, t) : null;
    return { id, name: card?.name ?? id, category: card?.category ?? 'person', count, ...(role ? { role } : {}) };
  });
  return { entities, counts };
}
