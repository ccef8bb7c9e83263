/**
 * "In this story": every entity the page mentions, grouped by category, with its mention count
 * and role. Each entry is a button, so Tab and Enter/Space work; choosing one asks the page to
 * scroll to the first mention and open its card.
 */
import { CATEGORY_IDS, type CategoryId } from '../dataset/categories';
import type { PageMentions } from '../shared/messages';
import { t } from '../shared/i18n';
import { SWATCHES } from './category-toggles';

type Entity = PageMentions['entities'][number];

interface Props {
  entities: readonly Entity[];
  /** Only categories that are switched on are listed: those are the ones highlighted. */
  enabled: readonly CategoryId[];
  roles: ReadonlyMap<string, string>;
  onReveal: (entityId: string) => void;
}

export function groupByCategory(entities: readonly Entity[], enabled: readonly CategoryId[]): [CategoryId, Entity[]][] {
  const groups: [CategoryId, Entity[]][] = [];
  for (const id of CATEGORY_IDS) {
    if (!enabled.includes(id)) continue;
    const members = entities.filter((e) => e.category === id).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    if (members.length > 0) groups.push([id, members]);
  }
  return groups;
}

export function InThisStory({ entities, enabled, roles, onReveal }: Props) {
  const groups = groupByCategory(entities, enabled);
  if (groups.length === 0) return <p class="empty">{t('popup_story_empty')}</p>;
  return (
    <div class="story">
      {groups.map(([category, members]) => (
        <section key={category} aria-labelledby={`story-${category}`}>
          <h3 id={`story-${category}`}>
            <span class="swatch" style={{ background: SWATCHES[category] }} aria-hidden="true" />
            {t(`category_${category}`)}
          </h3>
          <ul>
            {members.map((entity) => {
              const role = entity.role ?? roles.get(entity.id);
              return (
                <li key={entity.id}>
                  <button type="button" class="entity" data-entity={entity.id} onClick={() => onReveal(entity.id)}>
                    <span class="entity-text">
                      <span class="entity-name">{entity.name}</span>
                      {role && <span class="entity-role">{role}</span>}
                    </span>
                    <span class="count">
                      <span aria-hidden="true">{entity.count}</span>
                      <span class="visually-hidden">{t('popup_mentions_count', String(entity.count))}</span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
