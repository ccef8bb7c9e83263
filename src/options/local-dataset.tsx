/**
 * For maintainers: import a dataset file. It is validated here with the command line's schema
 * and error format (so errors show before anything is sent), then the background validates
 * it again and installs it as "local". "Reset to bundled dataset" removes it.
 */
import { useState } from 'preact/hooks';
import { reportDatasetErrors, type ErrorReport } from '../dataset/report';
import { formatDatasetError, parseDataset } from '../dataset/schema';
import { askBackground } from '../shared/background-client';
import { LOCAL_DATASET_MAX_CHARS, LocalDatasetOutcome } from '../shared/messages';
import { ActiveDataset } from '../shared/storage';
import { t } from '../shared/i18n';

/** Errors listed on the page; the rest are counted. */
const SHOWN_ERRORS = 50;

type Outcome =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'invalid'; errors: string[]; total: number }
  | { kind: 'installed'; dataset: ActiveDataset }
  | { kind: 'refused'; reason: 'same-as-active' | 'same-as-bundled' | 'same-as-kept-release'; version: number }
  | { kind: 'reset'; dataset: ActiveDataset }
  | { kind: 'failed'; message: string };

function fileError(message: string): ErrorReport {
  return { lines: [formatDatasetError({ entity: '-', path: '(file)', message })], total: 1 };
}

/** Validates a file's text as the command line does: the first errors (the report's cap) and their count; none when valid. */
export function validateDatasetText(text: string): ErrorReport {
  if (text.length > LOCAL_DATASET_MAX_CHARS) return fileError(`is larger than ${LOCAL_DATASET_MAX_CHARS} characters`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fileError(`is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = parseDataset(raw);
  return parsed.ok ? { lines: [], total: 0 } : reportDatasetErrors(parsed.error.errors);
}

interface Props {
  active: ActiveDataset | null;
  /** Called after an install or reset, so the page can show the new active dataset. */
  onInstalled: () => void;
}

export function LocalDataset({ active, onInstalled }: Props) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  const onFile = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    if (!file) return;
    // Checked before reading: a file of gigabytes would otherwise be read into memory first.
    if (file.size > LOCAL_DATASET_MAX_CHARS) {
      const tooLarge = fileError(`is ${file.size} bytes; a dataset file may have at most ${LOCAL_DATASET_MAX_CHARS} (20 MB)`);
      setOutcome({ kind: 'invalid', errors: tooLarge.lines, total: tooLarge.total });
      return;
    }
    setOutcome({ kind: 'working' });
    const text = await file.text();
    const report = validateDatasetText(text);
    if (report.total > 0) {
      setOutcome({ kind: 'invalid', errors: report.lines, total: report.total });
      return;
    }
    const reply = await askBackground({ type: 'installLocalDataset', json: text }, LocalDatasetOutcome);
    if (!reply.ok) setOutcome({ kind: 'failed', message: reply.error });
    else setOutcome(reply.value);
    onInstalled();
  };
  const onReset = async (): Promise<void> => {
    setOutcome({ kind: 'working' });
    const reply = await askBackground({ type: 'resetToBundled' }, ActiveDataset);
    setOutcome(reply.ok ? { kind: 'reset', dataset: reply.value } : { kind: 'failed', message: reply.error });
    onInstalled();
  };

  return (
    <section aria-labelledby="local-heading">
      <h2 id="local-heading">{t('options_local_heading')}</h2>
      <p class="muted">{t('options_local_hint')}</p>
      {active && (
        <p data-active-dataset={active.origin}>
          {t('options_local_active', [active.title, String(active.version)])}
          {active.origin === 'local' && <span class="badge">{t('popup_local_badge')}</span>}
        </p>
      )}
      <div class="field">
        <label for="dataset-file">{t('options_local_file')}</label>
        <input id="dataset-file" type="file" accept=".json,application/json" onChange={(e) => void onFile(e.currentTarget)} />
      </div>
      {active?.origin === 'local' && (
        <button type="button" class="secondary" onClick={() => void onReset()}>
          {t('options_reset')}
        </button>
      )}
      <div role="status" class="outcome">
        <OutcomeMessage outcome={outcome} />
      </div>
    </section>
  );
}

function OutcomeMessage({ outcome }: { outcome: Outcome }) {
  switch (outcome.kind) {
    case 'idle':
      return null;
    case 'working':
      return <p class="muted">{t('options_working')}</p>;
    case 'installed':
      return <p>{t('options_local_installed', [outcome.dataset.title, String(outcome.dataset.version)])}</p>;
    case 'reset':
      return (
        <p>
          {outcome.dataset.origin === 'bundled' ? t('options_reset_done') : t('options_reset_release', String(outcome.dataset.version))}
        </p>
      );
    case 'refused':
      return (
        <p class="error">
          {t(
            outcome.reason === 'same-as-active'
              ? 'options_local_same_active'
              : outcome.reason === 'same-as-bundled'
                ? 'options_local_same_bundled'
                : 'options_local_same_release',
            String(outcome.version),
          )}
        </p>
      );
    case 'failed':
      return <p class="error">{t('options_failed', outcome.message)}</p>;
    case 'invalid':
      return (
        <div class="error">
          <p>{t('options_local_invalid', String(outcome.total))}</p>
          <ul class="errors">
            {outcome.errors.slice(0, SHOWN_ERRORS).map((error, i) => (
              <li key={i}>
                <code>{error}</code>
              </li>
            ))}
          </ul>
          {outcome.total > Math.min(outcome.errors.length, SHOWN_ERRORS) && (
            <p>{t('options_local_more', String(outcome.total - Math.min(outcome.errors.length, SHOWN_ERRORS)))}</p>
          )}
        </div>
      );
  }
}
