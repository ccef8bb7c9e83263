/**
 * A whole-number setting (hover delay, update interval): kept as typed text while the user
 * edits, checked with the settings schema's own rule when they leave the field, and saved
 * only when valid; otherwise the field is marked invalid and says why.
 */
import { useState } from 'preact/hooks';
import { Settings } from '../shared/settings';

type NumberKey = 'hoverDelayMs' | 'updateIntervalHours';

interface Props {
  id: string;
  field: NumberKey;
  label: string;
  invalidText: string;
  min: number;
  max: number;
  step: number;
  settings: Settings;
  onChange: (edit: (s: Settings) => Settings) => Promise<boolean>;
}

export function SettingsNumberField({ id, field, label, invalidText, min, max, step, settings, onChange }: Props) {
  const [value, setValue] = useState(String(settings[field]));
  const [invalid, setInvalid] = useState(false);
  const save = (): void => {
    const parsed = Settings.shape[field].safeParse(value.trim() === '' ? Number.NaN : Number(value));
    setInvalid(!parsed.success);
    if (parsed.success) void onChange((s) => ({ ...s, [field]: parsed.data }));
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onInput={(e) => setValue(e.currentTarget.value)}
        onChange={save}
      />
      {invalid && (
        <p id={`${id}-error`} class="error">
          {invalidText}
        </p>
      )}
    </div>
  );
}
