// A channel: its status and what to do, the QR code or the Cloud API verification, the actions, the timeline, the
// held queue and the system messages written in its chats; live.
import { h, duration, when, percent, badge, words, section, field, table, fill, since, unchanged, count } from './dom.js';
import { api, get, ApiError } from './api.js';
import { act } from './ui.js';

const CHANNEL_EVERY_MS = 2000;
const SLOW_EVERY_MS = 5000;
/** A status left and taken again within this long is drawn as a flap. */
const FLAP_MS = 10 * 60 * 1000;

export function channelPage(page, id) {
  const path = `/v1/channels/${encodeURIComponent(id)}`;
  const state = { channel: null, qr: null, queue: null, verification: null };
  const heading = h('h1', {}, 'Channel');
  const summary = h('div', { id: 'channel-summary', class: 'panel' }, h('p', { class: 'hint' }, 'Loading…'));
  const scan = h('div', { id: 'qr-panel' });
  const verify = h('div', { id: 'verification-panel' });
  const actions = h('div', { class: 'actions', id: 'channel-actions' });
  const queue = h('div', { id: 'queue' });
  const timeline = h('div', { id: 'timeline' });
  const systemMessages = h('div', { id: 'system-messages' });
  const refresh = h('p', { class: 'hint', 'aria-live': 'polite' });
  page.main.append(
    h('p', {}, h('a', { href: '#/fleet' }, '← Fleet')),
    heading, summary, scan, verify,
    section('Actions', actions),
    section('Queue', queue),
    section('Status timeline', timeline),
    section('System messages in its chats', systemMessages),
    refresh);

  const drawChannel = () => {
    const channel = state.channel;
    if (unchanged(summary, [channel, state.history?.statusSince, state.history?.uptime24h, state.history?.uptime7d, state.delivery])) return;
    heading.textContent = channel.name;
    fill(summary, 
      h('p', { class: 'big' }, badge(channel.status), ' ',
        channel.requiredAction === 'NONE' ? 'Nothing to do.' : h('strong', { id: 'required-action' }, channel.requiredActionText)),
      h('dl', { class: 'facts' },
        fact('Number', channel.phone),
        fact('Kind', channel.kind === 'CLOUD_API' ? `Cloud API (number id ${channel.cloudPhoneNumberId})` : 'WhatsApp Web session'),
        fact('Since', state.history?.statusSince ? [when(state.history.statusSince), ' (', since(state.history.statusSince), ')'] : '—'),
        fact('Connection', words(channel.connectionStatus)),
        fact('Send policy', words(channel.sendPolicy)),
        fact('Uptime', state.history ? `${percent(state.history.uptime24h?.ratio)} over 24 h, ${percent(state.history.uptime7d?.ratio)} over 7 days` : '—'),
        fact('Last receipt', since(state.delivery?.lastReceiptAt)),
        fact('Last inbound message', since(state.delivery?.lastInboundAt)),
        channel.unstable ? fact('Warning', 'The connection keeps dropping (flapping).') : null,
        channel.stuck ? fact('Warning', 'The channel has been starting for too long.') : null,
        channel.deliveryStalledSince ? fact('Warning', `Sends unanswered since ${when(channel.deliveryStalledSince)}.`) : null,
        channel.cloud ? fact('Meta', cloudWords(channel.cloud)) : null));
    drawActions(actions, channel, path, reload);
  };

  const reload = async () => {
    state.channel = await get('channel', path);
    drawChannel();
    await drawScan();
    await drawVerification();
  };

  const drawScan = async () => {
    if (state.channel.status !== 'QR_REQUIRED') {
      state.qr = null;
      fill(scan);
      return;
    }
    try {
      const qr = await get('channel', `${path}/qr`);
      if (state.qr?.imageBase64 !== qr.imageBase64 || !scan.querySelector('img')) {
        fill(scan, section('Scan the QR code',
          h('img', { id: 'qr-image', src: `data:image/png;base64,${qr.imageBase64}`, alt: 'QR code to scan with the phone',
            width: 256, height: 256 }),
          h('p', { id: 'qr-expiry', 'aria-live': 'off' }),
          h('p', { class: 'hint' }, 'On the phone: WhatsApp → Settings → Linked devices → Link a device. A new code replaces an expired one by itself.')));
      }
      state.qr = qr;
      tickQr();
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
      state.qr = null;
      fill(scan, section('Scan the QR code', h('p', { id: 'qr-waiting' }, 'Waiting for the provider\'s QR code…')));
    }
  };

  const tickQr = () => {
    const expiry = scan.querySelector('#qr-expiry');
    if (!expiry || !state.qr) return;
    const left = state.qr.expiresAt ? Math.round((Date.parse(state.qr.expiresAt) - Date.now()) / 1000) : null;
    expiry.textContent = left == null ? '' : left > 0 ? `Expires in ${duration(left)}` : 'Expired: a new code comes when the provider sends one; restart the channel if none does.';
    expiry.className = left != null && left <= 10 ? 'warn' : '';
  };

  const drawVerification = async () => {
    const channel = state.channel;
    if (channel.kind !== 'CLOUD_API' || channel.requiredAction !== 'VERIFY_NUMBER') {
      fill(verify);
      delete verify.dataset.drawn;
      return;
    }
    const verification = await get('channel', `${path}/verification`);
    if (unchanged(verify, verification)) return;
    const method = h('select', { name: 'method', id: 'code-method' },
      h('option', { value: 'sms' }, 'SMS'), h('option', { value: 'voice', selected: verification.method === 'VOICE' }, 'Voice call'));
    const request = h('button', { type: 'submit', id: 'request-code' }, 'Send me a code');
    const code = h('input', { name: 'code', id: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', required: true, maxlength: 12 });
    const submit = h('button', { type: 'submit', id: 'submit-code' }, 'Verify');
    const requestForm = h('form', { onsubmit: async (event) => {
      event.preventDefault();
      await act(request, () => api('channel', 'POST', `${path}/verification`, { method: method.value }), 'A code is on its way to the number');
      reload();
    } }, h('div', { class: 'row' }, field('1. Send a code by', method), request));
    const codeForm = h('form', { onsubmit: async (event) => {
      event.preventDefault();
      await act(submit, () => api('channel', 'POST', `${path}/verification/code`, { code: code.value.trim() }), 'Code accepted: the number is being registered');
      reload();
    } }, h('div', { class: 'row' }, field('2. Enter the code', code), submit));
    fill(verify, section('Verify the number',
      h('p', {}, verification.codeRequestedAt
        ? ['Code requested ', since(verification.codeRequestedAt), ` (${verification.codeRequests} so far). `] : 'No code requested yet. ',
        `${verification.attemptsLeft} attempts left.`,
        verification.lockedUntil ? ` Locked until ${when(verification.lockedUntil)}.` : '',
        verification.lastError ? ` Last error: ${verification.lastError}` : ''),
      requestForm, codeForm));
  };

  const drawQueue = async () => {
    const answer = await get('queue', `/v1/channels/${encodeURIComponent(id)}/queue?size=100`);
    state.queue = answer;
    if (unchanged(queue, answer)) return;
    const counts = Object.entries(answer.counts || {}).filter(([, count]) => count > 0);
    const release = h('button', { type: 'button', id: 'release-now', onclick: async (event) => {
      await act(event.currentTarget, () => api('queue', 'POST', `/v1/channels/${encodeURIComponent(id)}/queue/release`),
        (result) => result.released ? 'Released: the held messages go out now, paced' : 'Nothing was held for release');
      drawQueue();
    } }, 'Release now');
    const clear = h('button', { type: 'button', class: 'danger', id: 'clear-queue', onclick: async (event) => {
      if (!confirm(`Cancel ${answer.held === 1 ? 'the' : 'all'} ${count(answer.held, 'held message')} of this channel? They will not be sent.`)) return;
      await act(event.currentTarget, () => api('queue', 'DELETE', `/v1/channels/${encodeURIComponent(id)}/queue`),
        (result) => `${count(result.cancelled, 'message')} cancelled`);
      drawQueue();
    } }, 'Cancel all held');
    fill(queue, 
      h('p', { id: 'queue-summary' },
        h('strong', { id: 'held-count' }, String(answer.held)), ' held',
        answer.held > 0 ? ` (${answer.frozen} frozen until the channel can send, ${answer.queued} queued to go)` : '',
        answer.oldestHeldAgeSeconds != null
          ? ['; the oldest for ', since(new Date(Date.now() - answer.oldestHeldAgeSeconds * 1000).toISOString(), true)] : '',
        '. Release mode ', words(answer.release?.mode),
        answer.release?.held ? ': a backlog waits for a person to release it' : '',
        answer.release?.releasing ? ': releasing now' : '', '.'),
      counts.length ? h('p', { class: 'hint' }, counts.map(([s, c]) => `${words(s)} ${c}`).join(' · ')) : null,
      h('div', { class: 'actions' },
        answer.release?.mode === 'HOLD' && answer.held > 0 ? release : null,
        answer.held > 0 ? clear : null),
      answer.items.length === 0 ? h('p', { class: 'hint' }, 'Nothing is held.')
        : table(['Message', 'Chat', 'State', 'Why', 'Age', 'Expires', ''], answer.items.map((message) => h('tr', { 'data-message-id': message.id, 'data-state': message.state },
          h('td', {}, h('code', {}, message.id.slice(0, 8))),
          h('td', {}, message.chatId),
          h('td', {}, words(message.state)),
          h('td', {}, message.state === 'FROZEN' && message.heldBy
            ? `Held while the channel is ${words(message.heldBy).toLowerCase()}` : message.reason || '—'),
          h('td', {}, since(message.createdAt, true)),
          h('td', {}, message.expiresAt ? since(message.expiresAt) : 'never'),
          h('td', {}, h('button', { type: 'button', class: 'quiet', 'aria-label': `Cancel message ${message.id}`, onclick: async (event) => {
            await act(event.currentTarget, () => api('queue', 'DELETE', `/v1/messages/${encodeURIComponent(message.id)}`), 'Message cancelled');
            drawQueue();
          } }, 'Cancel'))))));
  };

  const drawSlow = async () => {
    const [history, delivery, messages] = await Promise.all([
      lastHistory(path),
      get('channel', `${path}/delivery`).catch(() => null),
      get('notification', `/v1/channels/${encodeURIComponent(id)}/system-messages?size=50`).catch(() => null),
    ]);
    state.history = history;
    state.delivery = delivery;
    if (state.channel) drawChannel();
    if (!unchanged(timeline, history.items)) fill(timeline, drawTimeline(history.items));
    if (unchanged(systemMessages, messages)) return;
    fill(systemMessages, !messages || messages.items.length === 0
      ? h('p', { class: 'hint' }, 'No system message written yet.')
      : table(['When', 'Chat', 'Kind', 'Text'], messages.items.map((message) => h('tr', {},
        h('td', {}, when(message.occurredAt)), h('td', {}, message.chatId), h('td', {}, words(message.kind)), h('td', {}, message.text)))));
  };

  page.live(reload, CHANNEL_EVERY_MS, refresh);
  page.live(drawQueue, CHANNEL_EVERY_MS);
  page.live(drawSlow, SLOW_EVERY_MS);
  page.every(tickQr, 1000);
}

function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value)];
}

function cloudWords(cloud) {
  return [cloud.quality && `quality ${words(cloud.quality)}`, cloud.messagingLimit && `limit ${words(cloud.messagingLimit)}`,
    cloud.restriction && `restricted: ${words(cloud.restriction)}`].filter(Boolean).join(', ') || '—';
}

/** The newest changes (the API pages oldest first): the last two pages' tail, with uptime and since when. */
async function lastHistory(path) {
  const size = 50;
  const first = await get('channel', `${path}/history?size=1`);
  const last = Math.max(0, Math.ceil(first.total / size) - 1);
  const pages = await Promise.all([last - 1, last].filter((p) => p >= 0)
    .map((p) => get('channel', `${path}/history?size=${size}&page=${p}`)));
  return { ...first, items: pages.flatMap((p) => p.items).slice(-size) };
}

function drawTimeline(items) {
  if (items.length === 0) return h('p', { class: 'hint' }, 'No history yet.');
  const newestFirst = [...items].reverse();
  const flaps = new Set();
  for (let i = 0; i + 1 < items.length; i++) {
    const left = items[i];
    const back = items[i + 1];
    if (left.previousStatus && back.status === left.previousStatus && left.status !== left.previousStatus
      && Date.parse(back.occurredAt) - Date.parse(left.occurredAt) < FLAP_MS) {
      flaps.add(left.version);
      flaps.add(back.version);
    }
  }
  return h('ol', { class: 'timeline', reversed: true },
    newestFirst.map((item) => h('li', { class: flaps.has(item.version) ? 'flap' : null, 'data-status': item.status },
      h('time', { datetime: item.occurredAt }, when(item.occurredAt)), ' ',
      item.previousStatus && item.previousStatus !== item.status ? [words(item.previousStatus), ' → '] : null,
      badge(item.status), ' ', h('small', {}, words(item.cause)),
      flaps.has(item.version) ? h('small', { class: 'warn' }, ' flap') : null,
      item.detail ? h('div', { class: 'hint' }, item.detail) : null)));
}

function drawActions(container, channel, path, reload) {
  if (unchanged(container, [channel.status, channel.enabled, channel.kind, channel.requiredAction])) return;
  const web = channel.kind !== 'CLOUD_API';
  const gone = channel.status === 'DELETED';
  const button = (label, id, run, { danger = false, confirmText = null, done } = {}) => h('button', {
    type: 'button', id, class: danger ? 'danger' : null, onclick: async (event) => {
      if (confirmText && !confirm(confirmText)) return;
      await act(event.currentTarget, run, done || ((view) => `${label}: the channel is ${words(view?.status)}`));
      reload();
    },
  }, label);
  const post = (action) => () => api('channel', 'POST', `${path}/actions/${action}`);
  fill(container, gone ? h('p', { class: 'hint' }, 'The channel is deleted; its history stays.') : [
    channel.status === 'OPENED_ELSEWHERE' ? button('Enable here', 'action-enable-here', post('enable-here')) : null,
    web && channel.enabled ? button('Restart', 'action-restart', post('restart')) : null,
    web && channel.enabled && channel.status !== 'QR_REQUIRED' && channel.status !== 'STARTING'
      ? button('Log out', 'action-logout', post('logout'), { confirmText: 'Log the number out? Someone will have to scan a new QR code.' }) : null,
    channel.enabled ? button('Disable', 'action-disable', post('disable'), { confirmText: 'Disable the channel? Its messages are held until it is enabled.' })
      : button('Enable', 'action-enable', post('enable')),
    channel.requiredAction === 'TOP_UP_BALANCE' ? h('a', { href: '#/account', class: 'button' }, 'Top up the balance') : null,
    button('Delete', 'action-delete', () => api('channel', 'DELETE', path), {
      danger: true,
      confirmText: `Delete ${channel.name} (${channel.phone}) for good? Its held messages are not sent.`,
      done: () => `${channel.name} deleted`,
    }),
  ]);
}
