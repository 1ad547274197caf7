import { Api } from './api.js';
import { Live } from './live.js';
import { h, render } from './dom.js';
import { gitSourcesView, gitSourceView } from './views/gitsources.js';
import { treeView } from './views/tree.js';
import { objectView } from './views/object.js';
import { nodesView } from './views/nodes.js';
import { eventsView } from './views/events.js';
import { logsView } from './views/logs.js';
import { loginView } from './views/login.js';

const ROUTES = [
  [/^\/?$/, gitSourcesView],
  [/^\/gitsource\/([^/]+)\/([^/]+)$/, gitSourceView],
  [/^\/tree\/([^/]+)$/, treeView],
  [/^\/object\/([A-Za-z]+)\/([^/]+)\/([^/]+)$/, objectView],
  [/^\/nodes$/, nodesView],
  [/^\/events$/, eventsView],
  [/^\/logs\/([^/]+)\/([^/]+)$/, logsView],
];

const view = document.getElementById('view');
const connection = document.getElementById('connection');
const who = document.getElementById('who');
const api = new Api();
let live = null;
let current = null;

function show(factory, context) {
  if (current) current.dispose();
  current = factory(context);
  render(view, current.el);
}

function route() {
  const [path, search] = location.hash.replace(/^#/, '').split('?');
  for (const [pattern, factory] of ROUTES) {
    const match = pattern.exec(path || '/');
    if (match) {
      const params = match.slice(1).map(decodeURIComponent);
      show(factory, { api, live, params, query: new URLSearchParams(search || ''), navigate });
      document.querySelectorAll('nav a').forEach(a => a.setAttribute('aria-current',
        String(location.hash.startsWith(a.getAttribute('href')) && a.getAttribute('href') !== '#/' || (a.getAttribute('href') === '#/' && (path || '/') === '/'))));
      return;
    }
  }
  render(view, h('p', { class: 'error' }, 'No such page: ' + location.hash));
}

function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function loggedIn(session) {
  render(who, session.user, ' ', session.csrf ? h('button', { type: 'button', onclick: logout }, 'Log out') : null);
  live = new Live(api, down => {
    connection.textContent = down.length ? 'reconnecting…' : 'live';
    connection.className = 'connection ' + (down.length ? 'down' : 'ok');
    connection.title = down.length ? 'reconnecting: ' + down.join(', ') : '';
  });
  window.addEventListener('hashchange', route);
  route();
}

async function logout() {
  try { await api.logout(); } finally { location.reload(); }
}

function askForLogin(reason) {
  window.removeEventListener('hashchange', route);
  render(who);
  show(loginView, { api, reason, onLogin: () => api.session().then(loggedIn) });
}

/**
 * A secret naming this page's exchange of a login code: if the answer to the exchange is lost and the request is sent
 * again, the server knows it for the same exchange and logs in again, where any other use of the spent code fails.
 */
function secret() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), byte => byte.toString(16).padStart(2, '0')).join('');
}

async function start() {
  document.documentElement.dataset.started = 'true';
  api.onUnauthorized = error => { if (live) askForLogin(error.message); };
  const code = new URLSearchParams(location.hash.replace(/^#/, '')).get('login');
  if (code) {
    history.replaceState(null, '', location.pathname + '#/');
    try {
      return loggedIn(await api.login({ code, exchange: secret() }));
    } catch (error) {
      return askForLogin(error.message);
    }
  }
  try {
    loggedIn(await api.session());
  } catch (error) {
    askForLogin(error.status === 401 ? '' : error.message);
  }
}

start();
