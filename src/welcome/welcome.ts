/** Fills the welcome page's text from _locales; the markup holds keys only. */
import { t } from '../shared/i18n';

for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
  el.textContent = t(el.dataset.i18n ?? '');
}
document.title = t('extName');
