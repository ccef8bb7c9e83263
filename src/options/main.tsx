import { render } from 'preact';
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import { Options } from './options';

document.documentElement.lang = browser.i18n.getUILanguage() || 'en';
document.title = t('options_title');
const app = document.getElementById('app');
if (app) render(<Options />, app);
