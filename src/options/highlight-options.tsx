/** How mentions are marked: underline or background, first mention only, and the hover delay. */
import { useState } from 'preact/hooks';
import { Settings } from '../shared/settings';
import { t } from '../shared/i18n';

interface Props {
  settings: Settings;
  onChange: (edit: (s: Settings) => Settings) => void;
}

export function HighlightOptions({ settings, onChange }: Props) {
  const [delay, setDelay] = useState(String(settings.hoverDelayMs));
  const [delayError, setDelayError] = useState(false);
  const saveDelay = (): void => {
    const parsed = Settings.shape.hoverDelayMs.safeParse(delay.trim() === '' ? Number.NaN : Number(delay));
    setDelayError(!parsed.success);
    if (parsed.success) onChange((s) => ({ ...s, hoverDelayMs: parsed.data }));
  };
  return (
    <section aria-labelledby="highlights-heading">
      <h2 id="highlights-heading">{t('options_highlights_heading')}</h2>
      <fieldset>
        <legend>{t('options_style')}</legend>
        {(['underline', 'background'] as const).map((style) => (
          <label class="choice" key={style}>
            <input
              type="radio"
              name="highlight-style"
              value={style}
              checked={settings.highlightStyle === style}
              onChange={() => onChange((s) => ({ ...s, highlightStyle: style }))}
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
            onChange((s) => ({ ...s, firstMentionOnly: on }));
          }}
        />
        {t('options_first_only')}
      </label>
      <div class="field">
        <label for="hover-delay">{t('options_hover_delay')}</label>
        <input
          id="hover-delay"
          type="number"
          inputMode="numeric"
          min={0}
          max={3000}
          step={50}
          value={delay}
          aria-invalid={delayError}
          aria-describedby={delayError ? 'hover-delay-error' : undefined}
          onInput={(e) => setDelay(e.currentTarget.value)}
          onChange={saveDelay}
        />
        {delayError && (
          <p id="hover-delay-error" class="error">
            {t('options_hover_delay_invalid')}
          </p>
        )}
      </div>
    </section>
  );
}
