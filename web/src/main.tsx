import { render } from 'solid-js/web';
import { App } from './app';
import { initSession } from './lib/session';
import './styles.css';

initSession();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
render(() => <App />, root);
