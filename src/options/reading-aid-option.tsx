/**
 * The reading aid switch: off by default, and described as what it is, the one mode in which
 * Backstory adds nodes inside the page (content/reading-aid.ts).
 */
import type { Settings } from '../shared/settings';
import { t } from '../shared/i18n';

interface Props {
  settings: Settings;
  onChange: (edit: (s: Settings) => Settings) => Promise<boolean>;
}

export function ReadingAidOption({ settings, onChange }: Props) {
  return (
    <section aria-labelledby="reading-aid-heading">
      <h2 id="reading-aid-heading">{t('options_reading_aid_heading')}</h2>
      <label class="choice">
        <input
          type="checkbox"
          name="reading-aid"
          aria-describedby="reading-aid-hint"
          checked={settings.readingAid}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            void onChange((s) => ({ ...s, readingAid: on }));
          }}
        />
        {t('options_reading_aid')}
      </label>
      <p id="reading-aid-hint" class="muted">
        {t('options_reading_aid_hint')}
      </p>
    </section>
  );
}
