// Small DOM helpers: every text goes in as text, never as HTML, so names and messages from the APIs cannot inject.

/** An element with attributes (on* are listeners) and children (strings become text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** "3 min ago", "in 20 s"; a dash when there is no time. */
export function ago(iso, now = Date.now()) {
  if (!iso) return '—';
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  return seconds >= 0 ? `${duration(seconds)} ago` : `in ${duration(-seconds)}`;
}

/** A length of time in the two largest units: "2 d 3 h", "5 min 10 s". */
export function duration(seconds) {
  if (seconds == null) return '—';
  const units = [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]];
  let left = Math.max(0, Math.round(seconds));
  const parts = [];
  for (const [name, size] of units) {
    if (left >= size || (parts.length === 0 && size === 1)) {
      parts.push(`${Math.floor(left / size)} ${name}`);
      left %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** A moment in the reader's own time zone. */
export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

export function percent(ratio) {
  return ratio == null ? '—' : `${(ratio * 100).toFixed(ratio >= 0.9995 || ratio === 0 ? 0 : 1)} %`;
}

/** A status as a coloured label that also reads well without colour. */
export function badge(status) {
  return h('span', { class: `badge s-${String(status).toLowerCase()}`, 'data-status': status }, words(status));
}

/** ACTIVE -> "Active", PHONE_UNAVAILABLE -> "Phone unavailable". */
export function words(constant) {
  if (!constant) return '—';
  const text = String(constant).toLowerCase().replaceAll('_', ' ').replace(/\b(qr|api|sms)\b/g, (word) => word.toUpperCase());
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function section(title, ...children) {
  return h('section', { class: 'panel' }, h('h2', {}, title), ...children);
}

/** A labelled form field; `input` is the control. */
export function field(label, input, hint) {
  return h('label', { class: 'field' }, h('span', {}, label), input, hint ? h('small', {}, hint) : null);
}

export function table(headers, rows, attributes = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', attributes,
      h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col' }, header)))),
      h('tbody', {}, rows)));
}

/** Replaces a container's children (lists of nodes are flattened, null and false left out). */
export function fill(container, ...children) {
  container.replaceChildren(...children.flat(Infinity).filter((child) => child != null && child !== false));
}

/**
 * A time that keeps itself current: "3 min ago" (or "in 2 h" for a future moment), or with `plain` just the length
 * ("3 min"); the page's clock (tickTimes) updates it every second without drawing anything again.
 */
export function since(iso, plain = false) {
  if (!iso) return h('span', {}, '—');
  const span = h('span', { class: 'since', 'data-since': iso, 'data-plain': plain ? 'true' : null });
  span.textContent = sinceText(span);
  return span;
}

function sinceText(span) {
  const at = span.dataset.since;
  return span.dataset.plain ? duration((Date.now() - Date.parse(at)) / 1000) : ago(at);
}

export function tickTimes() {
  for (const span of document.querySelectorAll('[data-since]')) span.textContent = sinceText(span);
}

/**
 * Whether `data` is what the container shows already (then nothing is drawn again, so that focus, a selection or an
 * open detail stay where the reader left them). Keys that only count time passing are left out of the comparison.
 */
export function unchanged(container, data) {
  const signature = JSON.stringify(data, (key, value) => (key === 'ageSeconds' || key === 'oldestHeldAgeSeconds' ? undefined : value));
  if (container.dataset.drawn === signature) return true;
  container.dataset.drawn = signature;
  return false;
}

/** "1 message", "3 messages". */
export function count(number, noun) {
  return `${number} ${noun}${number === 1 ? '' : 's'}`;
}
