import { h } from './dom.js';
import { session } from './api.js';

/** Sign-in with a token: pasted, or brought by the link ./switchboard console prints. */
export function signInPage(page) {
  const error = h('p', { class: 'error-text', role: 'alert', id: 'sign-in-error' },
    sessionStorage.getItem('switchboard.console.sign-in-error') || '');
  sessionStorage.removeItem('switchboard.console.sign-in-error');
  const input = h('textarea', { id: 'token', name: 'token', rows: 4, required: true, autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': 'token-hint' });
  const form = h('form', { class: 'panel narrow', onsubmit: (event) => {
    event.preventDefault();
    try {
      const after = sessionStorage.getItem('switchboard.console.after-sign-in');
      session.signIn(input.value);
      sessionStorage.removeItem('switchboard.console.after-sign-in');
      location.hash = after && after !== '#/sign-in' && after !== '' ? after : '#/fleet';
    } catch (e) {
      error.textContent = e.message;
      input.focus();
    }
  } },
  h('h1', {}, 'Sign in'),
  h('label', { for: 'token' }, 'Your token'),
  input,
  h('p', { id: 'token-hint', class: 'hint' },
    'An account admin\'s or an operator\'s bearer token (a JWT). On a local run: ',
    h('code', {}, './switchboard token --account acme'), ', or open the link ', h('code', {}, './switchboard console'),
    ' prints. The token stays in this tab only and is sent only to this server.'),
  error,
  h('button', { type: 'submit', id: 'sign-in' }, 'Sign in'));
  page.main.append(form);
  input.focus();
}
