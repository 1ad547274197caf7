import { h, render, errorBox } from '../dom.js';

/** Log in with a token (a one-time link logs in by itself, before this page shows). */
export function loginView({ api, onLogin, reason }) {
  const el = h('section', { class: 'login' });
  const token = h('input', { id: 'token', type: 'password', autocomplete: 'off', required: true, size: 40 });
  const problem = h('div', {});
  const form = h('form', { onsubmit: async event => {
    event.preventDefault();
    try {
      await api.login({ token: token.value.trim() });
      token.value = '';
      onLogin();
    } catch (error) {
      render(problem, errorBox(error));
    }
  } }, h('label', { for: 'token' }, 'Token '), token, ' ', h('button', { type: 'submit' }, 'Log in'));
  render(el, h('h1', {}, 'Log in to orc'),
    reason ? h('p', { class: 'error', role: 'alert' }, reason) : null,
    h('p', {}, 'Open the link that ', h('code', {}, 'orc ui'), ' prints, or paste a token (', h('code', {}, 'orc token create --user NAME'), ').'),
    form, problem);
  queueMicrotask(() => token.focus());
  return { el, dispose: () => {} };
}
