import { render } from 'preact';
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import { Popup } from './popup';

document.documentElement.lang = browser.i18n.getUILanguage() || 'en';
document.title = t('extName');
const app = document.getElementById('app');
if (app) render(<Popup search={location.search} />, app);
