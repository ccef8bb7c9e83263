/**
 * The active dataset (title, version, published date and how long ago that was, "local" when a
 * maintainer imported it), when updates were last checked, the update state, and "Check for
 * updates now". The result shown is what the background reports: a build without an update
 * channel says that nothing was checked, never that the dataset is up to date.
 */
import type { StatusResponse, UpdateState } from '../shared/messages';
import type { Result } from '../shared/messages';
import { t } from '../shared/i18n';
import { formatDay, formatDaysAgo, formatMoment } from './format-date';
import { daysBetween } from '../dataset/review';
import { localIsoDate } from '../shared/local-date';

interface Props {
  status: StatusResponse | null;
  checking: boolean;
  /** The reply to the last "Check for updates now", if any. */
  checkResult: Result<UpdateState> | null;
  onCheck: () => void;
  /** The reader's day, YYYY-MM-DD: how old the data is is counted to it. */
  today?: string;
}

export function describeUpdateState(state: UpdateState): string {
  switch (state.kind) {
    case 'not-configured':
      return t('popup_updates_not_configured');
    case 'never-checked':
      return t('popup_state_never_checked');
    case 'up-to-date':
      return t('popup_state_up_to_date');
    case 'updated':
      return t('popup_state_updated', String(state.version));
    case 'behind':
      return t(state.local ? 'popup_state_behind_local' : 'popup_state_behind', String(state.version));
    case 'stale':
      return t('popup_state_stale', formatDay(state.since.slice(0, 10)));
    case 'error':
      return t('popup_state_error', state.message);
  }
}

function lastChecked(state: UpdateState): string | null {
  return 'checkedAt' in state ? state.checkedAt : null;
}

function describeCheckResult(result: Result<UpdateState>): string {
  if (!result.ok) return t('popup_check_failed', result.error);
  if (result.value.kind === 'not-configured') return t('popup_check_not_configured');
  return describeUpdateState(result.value);
}

export function DatasetStatus({ status, checking, checkResult, onCheck, today = localIsoDate() }: Props) {
  const dataset = status?.dataset ?? null;
  const checkedAt = status ? lastChecked(status.update) : null;
  return (
    <section class="status" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('popup_dataset_heading')}</h2>
      {dataset ? (
        <p class="dataset">
          <span class="dataset-title">{dataset.title}</span>
          {dataset.origin === 'local' && (
            <span class="badge" data-local="true">
              {t('popup_local_badge')}
            </span>
          )}
          <br />
          <span class="muted" data-dataset-age>
            {t('popup_dataset_version', [
              String(dataset.version),
              formatDay(dataset.publishedAt),
              formatDaysAgo(daysBetween(dataset.publishedAt, today)),
            ])}
          </span>
        </p>
      ) : (
        <p>{status ? t('popup_dataset_missing') : t('popup_status_unavailable')}</p>
      )}
      {status && (
        <>
          <p class="muted" data-last-checked>
            {checkedAt ? t('popup_last_checked', formatMoment(checkedAt)) : t('popup_never_checked')}
          </p>
          <p data-update-state={status.update.kind}>{describeUpdateState(status.update)}</p>
          {status.update.kind === 'error' && status.update.staleSince && (
            <p data-stale-since={status.update.staleSince}>
              {t('popup_state_error_stale', formatDay(status.update.staleSince.slice(0, 10)))}
            </p>
          )}
        </>
      )}
      <button type="button" class="secondary" onClick={onCheck} disabled={checking} aria-describedby="check-result">
        {checking ? t('popup_checking') : t('popup_check_now')}
      </button>
      <p id="check-result" class="check-result" role="status">
        {!checking && checkResult ? describeCheckResult(checkResult) : ''}
      </p>
    </section>
  );
}
