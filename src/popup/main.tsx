import { render } from 'preact';
import { Popup } from './popup';

const app = document.getElementById('app');
if (app) render(<Popup />, app);
