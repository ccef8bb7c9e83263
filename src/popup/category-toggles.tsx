/**
 * One switch per category, coloured like its highlight on the page, with how many mentions of
 * that category this page has. Settings go to storage; every open tab applies them live.
 */
import { CATEGORY_IDS, type CategoryId } from '../dataset/categories';
import type { CategoryToggles as Toggles } from '../shared/settings';
import { t } from '../shared/i18n';

/** The same colours as src/content/highlights.css. */
export const SWATCHES: Record<CategoryId, string> = {
  person: '#1f6feb',
  proposal: '#b35900',
  organization: '#8250df',
  place: '#1a7f37',
};

interface Props {
  categories: Toggles;
  /** Mentions per category on this page; null when the page reports none (cannot run, off). */
  counts: Record<string, number> | null;
  onChange: (id: CategoryId, on: boolean) => void;
}

export function CategoryToggles({ categories, counts, onChange }: Props) {
  return (
    <fieldset class="categories">
      <legend>{t('popup_highlight')}</legend>
      {CATEGORY_IDS.map((id) => {
        const count = counts ? (counts[id] ?? 0) : null;
        return (
          <label class="toggle" key={id}>
            <input type="checkbox" checked={categories[id]} data-category={id} onChange={(e) => onChange(id, e.currentTarget.checked)} />
            <span class="swatch" style={{ background: SWATCHES[id] }} aria-hidden="true" />
            <span class="toggle-label">{t(`category_${id}`)}</span>
            {count !== null && (
              <span class="count" data-count={id}>
                <span aria-hidden="true">{count}</span>
                <span class="visually-hidden">{t('popup_count_on_page', String(count))}</span>
              </span>
            )}
          </label>
        );
      })}
    </fieldset>
  );
}
