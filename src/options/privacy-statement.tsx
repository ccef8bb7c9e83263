/**
 * The privacy statement the stores require, also in the README: page text never
 * leaves the browser, and the only network request is the dataset update check, said with
 * when and where.
 */
import type { StatusResponse } from '../shared/messages';
import { t } from '../shared/i18n';

interface Props {
  status: StatusResponse | null;
  intervalHours: number;
  updateUrl: string;
}

export function PrivacyStatement({ status, intervalHours, updateUrl }: Props) {
  const updatesOff = status?.update.kind === 'not-configured';
  return (
    <section aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t('privacy_heading')}</h2>
      <p>{t('privacy_statement')}</p>
      <p data-privacy-network>{updatesOff ? t('privacy_network_off') : t('privacy_network', [String(intervalHours), updateUrl])}</p>
    </section>
  );
}
