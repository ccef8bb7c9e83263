/** How mentions are marked: underline or background, first mention only, and the hover delay. */
import { HIGHLIGHT_STYLES, type Settings } from '../shared/settings';
import { t } from '../shared/i18n';
import { SettingsNumberField } from './settings-number-field';

interface Props {
  settings: Settings;
  onChange: (edit: (s: Settings) => Settings) => Promise<boolean>;
}

export function HighlightOptions({ settings, onChange }: Props) {
  return (
    <section aria-labelledby="highlights-heading">
      <h2 id="highlights-heading">{t('options_highlights_heading')}</h2>
      <fieldset>
        <legend>{t('options_style')}</legend>
        {HIGHLIGHT_STYLES.map((style) => (
          <label class="choice" key={style}>
            <input
              type="radio"
              name="highlight-style"
              value={style}
              checked={settings.highlightStyle === style}
              onChange={() => void onChange((s) => ({ ...s, highlightStyle: style }))}
            />
            {t(`options_style_${style}`)}
          </label>
        ))}
      </fieldset>
      <label class="choice">
        <input
          type="checkbox"
          name="first-mention-only"
          checked={settings.firstMentionOnly}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            void onChange((s) => ({ ...s, firstMentionOnly: on }));
          }}
        />
        {t('options_first_only')}
      </label>
      <SettingsNumberField
        id="hover-delay"
        field="hoverDelayMs"
        label={t('options_hover_delay')}
        invalidText={t('options_hover_delay_invalid')}
        min={0}
        max={3000}
        step={50}
        settings={settings}
        onChange={onChange}
      />
    </section>
  );
}
