// The integration console: a hash-routed page over the admin center's /api/v1. Each view renders once and refreshes
// itself every few seconds while it is shown (polling; no reload).
import { h, clear } from './dom.js';
import { login, logout, session, whenLoggedOut, ApiError } from './api.js';
import { dialog } from './ui.js';
import overview from './views/overview.js';
import topics from './views/topics.js';
import groups from './views/groups.js';
import flow from './views/flow.js';
import deadLetters from './views/deadletters.js';
import alerts from './views/alerts.js';
import deployments from './views/deployments.js';
import automation from './views/automation.js';
import incidents from './views/incidents.js';
import migrations from './views/migrations.js';
import configuration from './views/configuration.js';
import audit from './views/audit.js';

const VIEWS = [overview, topics, groups, flow, deadLetters, alerts, deployments, automation, incidents, migrations,
  configuration, audit];
const REFRESH_MS = 5000;
const app = document.getElementById('app');
let current = null;
let timer = null;

whenLoggedOut(() => show());
window.addEventListener('hashchange', () => show());
show();

function show() {
  stop();
  const s = session();
  if (!s) {
    renderLogin();
    return;
  }
  const id = (location.hash.match(/^#\/([a-z-]+)/) || [])[1] || 'overview';
  const view = VIEWS.find(v => v.id === id) || overview;
  renderShell(s, view);
}

function stop() {
  if (timer) clearInterval(timer);
  timer = null;
  if (current?.destroy) current.destroy();
  current = null;
}

function renderLogin() {
  const error = h('p', { class: 'error', role: 'alert' });
  const user = h('input', { name: 'username', autocomplete: 'username', required: true, maxlength: 64 });
  const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'login', id: 'login-form' },
    h('div', { class: 'brand big' }, h('span', { class: 'logo' }, '◆'), ' Integration console'),
    h('p', { class: 'muted' }, 'Log in with your platform account (roles ops or admin).'),
    h('label', { class: 'field' }, h('span', {}, 'Username'), user),
    h('label', { class: 'field' }, h('span', {}, 'Password'), pass),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Log in'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    try {
      const s = await login(user.value.trim(), pass.value);
      if (!s.roles.includes('ops') && !s.roles.includes('admin')) {
        logout();
        error.textContent = 'This account has neither the ops nor the admin role.';
        return;
      }
      if (!location.hash) location.hash = '#/overview';
      show();
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 401 ? 'Wrong username or password.' : e.message;
    }
  });
  clear(app).appendChild(h('main', { class: 'login-page' }, form));
  user.focus();
}

function renderShell(s, view) {
  const updated = h('span', { class: 'updated', id: 'updated' }, '');
  const problem = h('div', { class: 'banner', id: 'banner', hidden: true });
  const nav = h('nav', { class: 'nav', id: 'nav' }, VIEWS.map(v => h('a', {
    href: `#/${v.id}`, class: v === view ? 'active' : null, 'data-view': v.id,
  }, h('span', { class: 'icon' }, v.icon), h('span', { class: 'label' }, v.title))));
  const main = h('main', { class: 'content', id: 'content' });
  const header = h('header', { class: 'topbar' },
    h('div', { class: 'brand' }, h('span', { class: 'logo' }, '◆'), ' Integration console'),
    h('h1', { id: 'view-title' }, view.title),
    h('div', { class: 'who' }, updated,
      h('span', { class: 'user', title: s.roles.join(', ') }, s.user),
      h('span', { class: `role ${s.canAct ? 'ops' : 'read'}` }, s.canAct ? 'ops' : 'read only'),
      h('button', { class: 'link', id: 'logout', onclick: () => logout() }, 'Log out')));
  clear(app).appendChild(h('div', { class: 'shell' }, header, nav, h('div', { class: 'main-col' }, problem, main)));
  const ctx = { root: main, session: s, dialog, refreshNow: () => refresh() };
  current = view.render(ctx);
  async function refresh() {
    try {
      await current?.refresh?.();
      problem.hidden = true;
      updated.textContent = `updated ${new Date().toLocaleTimeString('en-GB', { hour12: false })}`;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      problem.hidden = false;
      problem.textContent = `Could not refresh: ${e.message}`;
    }
  }
  refresh();
  timer = setInterval(refresh, REFRESH_MS);
}
