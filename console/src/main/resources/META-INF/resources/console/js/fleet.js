// Fleet: every channel of the account, what it needs, since when, its backlog and signs of life; live.
import { h, percent, badge, words, section, field, table, fill, since, unchanged } from './dom.js';
import { api, get } from './api.js';
import { act, formValues } from './ui.js';

const LIST_EVERY_MS = 3000;
const FACTS_EVERY_MS = 10000;
const MAX_CHANNELS = 1000;
/** The per-channel facts (three calls each) are fetched for the first channels the filter shows, not the whole fleet. */
const MAX_FACTS = 100;

/** Every channel of the account (the API's pages of 200), newest first. */
async function allChannels() {
  const channels = [];
  for (let page = 0; channels.length < MAX_CHANNELS; page++) {
    const answer = await get('channel', `/v1/channels?size=200&page=${page}`);
    channels.push(...answer.items);
    if (channels.length >= answer.total || answer.items.length === 0) break;
  }
  return channels;
}

/** What the other services know of one channel: its held backlog, last signs of life, uptime and status age. */
async function factsOf(channel) {
  const id = encodeURIComponent(channel.id);
  const [queue, delivery, history] = await Promise.all([
    get('queue', `/v1/channels/${id}/queue?size=1`).catch(() => null),
    get('channel', `/v1/channels/${id}/delivery`).catch(() => null),
    get('channel', `/v1/channels/${id}/history?size=1`).catch(() => null),
  ]);
  return { queue, delivery, history };
}

/** Runs `work` over `items`, a few at a time, so a large fleet does not open hundreds of calls at once. */
async function eachLimited(items, limit, work) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(workers);
}

export function fleetPage(page) {
  const state = { channels: null, facts: new Map(), status: '', action: '', text: '' };
  const counts = h('div', { class: 'counts', id: 'status-counts', role: 'group', 'aria-label': 'Channels per status' });
  const statusFilter = h('select', { id: 'filter-status', name: 'status' });
  const actionFilter = h('select', { id: 'filter-action', name: 'action' });
  const textFilter = h('input', { id: 'filter-text', type: 'search', placeholder: 'Name or number' });
  const listing = h('div', { id: 'fleet' }, h('p', { class: 'hint' }, 'Loading the channels…'));
  const refresh = h('p', { class: 'hint', 'aria-live': 'polite' });

  const draw = () => {
    if (!state.channels) return;
    const facts = Object.fromEntries(state.facts);
    if (unchanged(listing, [state.channels, facts, state.status, state.action, state.text])) return;
    const perStatus = new Map();
    const actions = new Map();
    for (const channel of state.channels) {
      perStatus.set(channel.status, (perStatus.get(channel.status) || 0) + 1);
      actions.set(channel.requiredAction, channel.requiredActionText);
    }
    fill(counts, 
      h('button', { type: 'button', class: state.status === '' ? 'count chosen' : 'count', 'aria-pressed': String(state.status === ''),
        onclick: () => { state.status = ''; draw(); } }, h('strong', {}, state.channels.length), ' all'),
      [...perStatus.entries()].sort().map(([status, count]) => h('button', {
        type: 'button', class: state.status === status ? 'count chosen' : 'count', 'aria-pressed': String(state.status === status),
        'data-status': status, onclick: () => { state.status = status; draw(); },
      }, h('strong', {}, count), ' ', words(status))));
    fillOptions(statusFilter, 'Every status', [...perStatus.keys()].sort().map((s) => [s, words(s)]), state.status);
    fillOptions(actionFilter, 'Any required action', [...actions.keys()].sort().map((a) => [a, words(a)]), state.action);
    const text = state.text.toLowerCase();
    const shown = state.shown = state.channels.filter((channel) => (!state.status || channel.status === state.status)
      && (!state.action || channel.requiredAction === state.action)
      && (!text || channel.name.toLowerCase().includes(text) || channel.phone.includes(text)));
    fill(listing, shown.length === 0
      ? h('p', { class: 'hint' }, state.channels.length === 0 ? 'No channels yet: create the first one below.' : 'No channel matches the filter.')
      : table(['Channel', 'Status', 'What to do', 'Since', 'Held', 'Oldest held', 'Last receipt', 'Last inbound', 'Uptime 7 d'],
        shown.map((channel) => row(channel, state.facts.get(channel.id))), { class: 'fleet' }));
  };
  statusFilter.addEventListener('change', () => { state.status = statusFilter.value; draw(); });
  actionFilter.addEventListener('change', () => { state.action = actionFilter.value; draw(); });
  textFilter.addEventListener('input', () => { state.text = textFilter.value.trim(); draw(); });

  page.main.append(
    h('h1', {}, 'Fleet'),
    counts,
    h('div', { class: 'filters' },
      field('Status', statusFilter), field('Required action', actionFilter), field('Find', textFilter)),
    listing,
    refresh,
    createForm());

  page.live(async () => {
    state.channels = await allChannels();
    draw();
  }, LIST_EVERY_MS, refresh);
  page.live(async () => {
    if (!state.channels) return;
    const wanted = (state.shown || state.channels).filter((c) => c.status !== 'DELETED').slice(0, MAX_FACTS);
    await eachLimited(wanted, 6, async (channel) => {
      state.facts.set(channel.id, await factsOf(channel));
    });
    draw();
  }, FACTS_EVERY_MS);
}

function fillOptions(select, all, options, chosen) {
  if (unchanged(select, [all, options, chosen])) return;
  fill(select, h('option', { value: '' }, all),
    options.map(([value, label]) => h('option', { value, selected: value === chosen }, label)));
  select.value = chosen;
}

function row(channel, facts) {
  const queue = facts?.queue;
  const delivery = facts?.delivery;
  const history = facts?.history;
  return h('tr', { 'data-channel-id': channel.id, 'data-status': channel.status },
    h('td', { class: 'name' }, h('a', { href: `#/channels/${encodeURIComponent(channel.id)}` }, channel.name), h('br'),
      h('small', {}, channel.phone, channel.kind === 'CLOUD_API' ? ' · Cloud API' : '')),
    h('td', { class: 'status' }, badge(channel.status),
      channel.unstable ? h('small', { class: 'warn' }, ' flapping') : null,
      channel.stuck ? h('small', { class: 'warn' }, ' stuck') : null),
    h('td', { class: 'action' }, channel.requiredAction === 'NONE' ? h('span', { class: 'hint' }, 'Nothing to do')
      : h('span', { title: channel.requiredAction }, channel.requiredActionText)),
    h('td', { 'data-label': 'Since' }, since(history?.statusSince)),
    h('td', { class: 'held', 'data-label': 'Held' }, queue ? String(queue.held) : '—'),
    h('td', { 'data-label': 'Oldest held' }, queue?.oldestHeldAgeSeconds != null
      ? since(new Date(Date.now() - queue.oldestHeldAgeSeconds * 1000).toISOString(), true) : '—'),
    h('td', { 'data-label': 'Last receipt' }, since(delivery?.lastReceiptAt)),
    h('td', { 'data-label': 'Last inbound' }, since(delivery?.lastInboundAt)),
    h('td', { 'data-label': 'Uptime 7 d' }, percent(history?.uptime7d?.ratio)));
}

function createForm() {
  const kind = h('select', { name: 'kind', id: 'new-kind' },
    h('option', { value: 'WEB_SESSION' }, 'WhatsApp Web session (QR code)'),
    h('option', { value: 'CLOUD_API' }, 'Cloud API number'));
  const cloud = h('div', { class: 'row', hidden: true },
    field('Phone number id', h('input', { name: 'cloudPhoneNumberId', inputmode: 'numeric', pattern: '\\d{1,30}' }), 'From WhatsApp Manager'),
    field('Business account id', h('input', { name: 'cloudBusinessAccountId', inputmode: 'numeric', pattern: '\\d{1,30}' }), 'Optional'));
  kind.addEventListener('change', () => { cloud.hidden = kind.value !== 'CLOUD_API'; });
  const submit = h('button', { type: 'submit', id: 'create-channel' }, 'Create the channel');
  const form = h('form', { id: 'new-channel', onsubmit: async (event) => {
    event.preventDefault();
    const body = formValues(form);
    if (body.kind !== 'CLOUD_API') {
      delete body.cloudPhoneNumberId;
      delete body.cloudBusinessAccountId;
    }
    const created = await act(submit, () => api('channel', 'POST', '/v1/channels', body),
      (channel) => `Channel ${channel.name} created: ${words(channel.status)}`);
    if (created) location.hash = `#/channels/${encodeURIComponent(created.id)}`;
  } },
  h('div', { class: 'row' },
    field('Name', h('input', { name: 'name', id: 'new-name', required: true, maxlength: 200 })),
    field('Phone number', h('input', { name: 'phone', id: 'new-phone', required: true, type: 'tel', placeholder: '+14155550101', maxlength: 32 }), 'International form, with +'),
    field('Kind', kind)),
  cloud,
  submit);
  return section('New channel', form);
}
