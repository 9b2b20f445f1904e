// What every page shares: notices, actions with feedback, live refresh.
import { h, fill } from './dom.js';
import { problemText } from './api.js';

/** A notice at the top of the page: success fades after a while, an error stays until it is dismissed. */
export function notify(text, kind = 'ok') {
  const box = document.getElementById('notices');
  const notice = h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : null },
    h('span', {}, text),
    h('button', { type: 'button', class: 'quiet', 'aria-label': 'Dismiss', onclick: () => notice.remove() }, '×'));
  box.append(notice);
  if (kind !== 'error') setTimeout(() => notice.remove(), 8000);
}

/**
 * Runs an action from a button or form: the control is disabled while it runs, and the outcome is always told,
 * the API's problem in words when it fails. Resolves to the action's result, or undefined when it failed.
 */
export async function act(control, action, success) {
  if (control) control.disabled = true;
  try {
    const result = await action();
    if (success) notify(typeof success === 'function' ? success(result) : success);
    return result;
  } catch (error) {
    notify(error.problem ? problemText(error.problem) : error.message, 'error');
    return undefined;
  } finally {
    if (control) control.disabled = false;
  }
}

/**
 * Calls `load` now and again `everyMs` after each answer (never two at a time) until the page stops it; a failure is
 * shown in `status` and retried on the next turn.
 */
export function live(load, everyMs, status) {
  let stopped = false;
  let timer;
  const turn = async () => {
    try {
      await load();
      if (status) fill(status);
    } catch (error) {
      if (status) fill(status, h('span', { class: 'error-text' }, `Not refreshed: ${problemText(error.problem) || error.message}`));
    }
    if (!stopped) timer = setTimeout(turn, everyMs);
  };
  turn();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Reads a form's named controls into an object, leaving out empty ones. */
export function formValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form).entries()) {
    const text = String(value).trim();
    if (text !== '') values[name] = text;
  }
  return values;
}

/** A page's own lifecycle: things to stop when the reader goes elsewhere. */
export class Page {
  constructor(main) {
    this.main = main;
    this.stops = [];
  }
  live(load, everyMs, status) {
    this.stops.push(live(load, everyMs, status));
  }
  every(tick, everyMs) {
    const timer = setInterval(tick, everyMs);
    this.stops.push(() => clearInterval(timer));
  }
  stop() {
    this.stops.forEach((stop) => stop());
  }
}
