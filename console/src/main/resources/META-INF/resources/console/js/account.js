// An account: balance, state, runway and ledger (operators record payments, refunds, adjustments); queue settings
// and send-policy overrides; system-message settings; curators with their tests.
import { h, when, words, section, field, table, fill, count } from './dom.js';
import { api, get, session, ApiError } from './api.js';
import { act, formValues } from './ui.js';

const EVERY_MS = 4000;
const SETTING_LABELS = {
  defaultTtlSeconds: 'Time-to-live (s)',
  minGapMillis: 'Least gap (ms)',
  backlogGapMinMillis: 'Backlog gap from (ms)',
  backlogGapMaxMillis: 'Backlog gap to (ms)',
  cloudApiRatePerSecond: 'Cloud API sends a second',
};

export function accountPage(page, accountId) {
  const account = encodeURIComponent(accountId);
  const ownAccount = accountId === session.account();
  const billing = h('div', { id: 'billing' }, h('p', { class: 'hint' }, 'Loading…'));
  const ledger = h('div', { id: 'ledger' });
  const policy = h('div', { id: 'send-policy' });
  const settings = h('div', { id: 'queue-settings' });
  const systemMessages = h('div', { id: 'system-message-settings' });
  const curators = h('div', { id: 'curators' });
  const refresh = h('p', { class: 'hint', 'aria-live': 'polite' });
  page.main.append(
    h('h1', {}, `Account ${accountId}`),
    section('Balance', billing, session.isOps() ? entryForms(account, () => drawBilling()) : null),
    section('Ledger', ledger),
    // The curators API serves the caller's own account: an operator looking at another account does not see its.
    ownAccount ? section('Curators', curators, curatorForm(() => drawCurators()))
      : section('Curators', h('p', { class: 'hint' }, 'An account\'s curators are managed by its admins, signed in to it.')),
    section('Send policy per status', policy),
    section('Queue settings', settings),
    section('System messages', systemMessages),
    refresh);

  const drawBilling = async () => {
    let summary;
    let entries;
    try {
      [summary, entries] = await Promise.all([
        get('billing', `/v1/accounts/${account}/billing`),
        get('billing', `/v1/accounts/${account}/ledger?size=20`),
      ]);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
      fill(billing, h('p', { id: 'no-billing' }, 'No billing account: an operator opens one (channels of an account without one are not charged).'));
      fill(ledger);
      return;
    }
    fill(billing, h('dl', { class: 'facts' },
      fact('Balance', h('strong', { id: 'balance' }, `${summary.balance} ${summary.currency}`)),
      fact('State', h('span', { id: 'account-state', class: `badge s-${summary.state.toLowerCase()}` }, words(summary.state))),
      fact('Runway', summary.runwayDays == null ? 'no charges running' : `${summary.runwayDays} days (low below ${summary.lowBalanceRunwayDays})`),
      fact('Costs', `${summary.dailyCost} ${summary.currency} a day: ${count(summary.billableChannelCount, 'channel')} at ${summary.tariff}`),
      fact('Charged through', summary.chargedThrough || '—')));
    fill(ledger, entries.items.length === 0 ? h('p', { class: 'hint' }, 'No entries yet.')
      : table(['When', 'Kind', 'Amount', 'Balance after', 'Why'], entries.items.map((entry) => h('tr', { 'data-kind': entry.kind },
        h('td', {}, when(entry.createdAt)), h('td', {}, words(entry.kind)), h('td', { class: 'num' }, entry.amount),
        h('td', { class: 'num' }, entry.balanceAfter), h('td', {}, entry.reason || entry.channelId || '—')))));
  };

  const drawCurators = async () => {
    const answer = await get('notification', '/v1/curators?size=100');
    fill(curators, answer.items.length === 0 ? h('p', { class: 'hint' }, 'No curators: nobody is told when a channel needs a person.')
      : answer.items.map((curator) => curatorCard(curator, drawCurators)));
  };

  page.live(drawBilling, EVERY_MS, refresh);
  if (ownAccount) drawCurators().catch((e) => fill(curators, h('p', { class: 'error-text' }, e.message)));
  drawPolicy(policy, account).catch((e) => fill(policy, h('p', { class: 'error-text' }, e.message)));
  drawQueueSettings(settings, account).catch((e) => fill(settings, h('p', { class: 'error-text' }, e.message)));
  drawSystemMessages(systemMessages, account).catch((e) => fill(systemMessages, h('p', { class: 'error-text' }, e.message)));
}

function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value)];
}

/** Operators only: a payment, a refund or an adjustment, each with its own idempotency key. */
function entryForms(account, done) {
  const kind = h('select', { name: 'kind', id: 'entry-kind' },
    h('option', { value: 'payments' }, 'Payment'), h('option', { value: 'refunds' }, 'Refund'), h('option', { value: 'adjustments' }, 'Adjustment (signed)'));
  const submit = h('button', { type: 'submit', id: 'record-entry' }, 'Record');
  const form = h('form', { id: 'entry-form', onsubmit: async (event) => {
    event.preventDefault();
    const values = formValues(form);
    const body = { amount: values.amount, currency: values.currency, idempotencyKey: crypto.randomUUID() };
    if (values.kind === 'payments') body.reference = values.reason;
    else body.reason = values.reason;
    const recorded = await act(submit, () => api('billing', 'POST', `/v1/accounts/${account}/${values.kind}`, body),
      (result) => `Recorded: balance ${result.balance}, ${words(result.state)}`);
    if (recorded) {
      form.reset();
      done();
    }
  } },
  h('div', { class: 'row' },
    field('Entry', kind),
    field('Amount', h('input', { name: 'amount', id: 'entry-amount', required: true, inputmode: 'decimal', placeholder: '25.00', maxlength: 40 })),
    field('Currency', h('input', { name: 'currency', id: 'entry-currency', required: true, maxlength: 3, placeholder: 'USD', size: 4 })),
    field('Reason or reference', h('input', { name: 'reason', id: 'entry-reason', maxlength: 500 }), 'Required for refunds and adjustments')),
  submit);
  return form;
}

function curatorCard(curator, redraw) {
  const path = `/v1/curators/${encodeURIComponent(curator.id)}`;
  const result = h('div', { class: 'test-result', 'aria-live': 'polite' });
  const test = h('button', { type: 'button', class: 'test-curator', onclick: async () => {
    const answer = await act(test, () => api('notification', 'POST', `${path}/test`), 'Test notification sent');
    if (!answer) return;
    const watch = async (round) => {
      const deliveries = await Promise.all(answer.deliveries.map((d) => get('notification', `${path}/test/${d.id}`)));
      fill(result, h('ul', {}, deliveries.map((d) => h('li', { 'data-state': d.state },
        `${words(d.medium)}: ${words(d.state)}`, d.attempts ? ` after ${d.attempts} attempt${d.attempts > 1 ? 's' : ''}` : '',
        d.lastStatus ? ` (HTTP ${d.lastStatus})` : '', d.lastError ? ` — ${d.lastError}` : ''))));
      if (round < 30 && deliveries.some((d) => d.state === 'PENDING' || d.state === 'RETRYING')) setTimeout(() => watch(round + 1), 1000);
    };
    watch(0);
  } }, 'Send a test');
  const rotate = h('button', { type: 'button', onclick: async () => {
    if (!confirm(`Make a new webhook secret for ${curator.name}? The old one keeps working for a while.`)) return;
    const view = await act(rotate, () => api('notification', 'POST', `${path}/webhook-secret/rotate`), 'New webhook secret made');
    if (view?.webhookSecret) fill(result, h('p', {}, 'The new secret, shown once: ', h('code', {}, view.webhookSecret)));
  } }, 'Rotate webhook secret');
  const remove = h('button', { type: 'button', class: 'danger', onclick: async () => {
    if (!confirm(`Remove the curator ${curator.name}?`)) return;
    await act(remove, () => api('notification', 'DELETE', path), 'Curator removed');
    redraw();
  } }, 'Remove');
  const edit = curatorForm(redraw, curator);
  return h('article', { class: 'card', 'data-curator-id': curator.id },
    h('h3', {}, curator.name),
    h('p', {}, [curator.email, curator.webhookUrl].filter(Boolean).join(' · '),
      curator.webhookDisabledAt ? h('span', { class: 'warn' }, ` webhook disabled: ${curator.webhookDisabledReason}`) : null),
    h('div', { class: 'actions' }, test, curator.webhookUrl ? rotate : null, remove),
    result,
    h('details', {}, h('summary', {}, 'Edit'), edit));
}

function curatorForm(done, curator = null) {
  const submit = h('button', { type: 'submit', class: curator ? null : 'add-curator' }, curator ? 'Save' : 'Add the curator');
  const form = h('form', { class: curator ? null : 'new-curator', onsubmit: async (event) => {
    event.preventDefault();
    const body = formValues(form);
    const path = curator ? `/v1/curators/${encodeURIComponent(curator.id)}` : '/v1/curators';
    const saved = await act(submit, () => api('notification', curator ? 'PUT' : 'POST', path, body),
      (view) => view.webhookSecret ? `Saved. The webhook secret, shown once: ${view.webhookSecret}` : 'Saved');
    if (saved) {
      if (!curator) form.reset();
      done();
    }
  } },
  h('div', { class: 'row' },
    field('Name', h('input', { name: 'name', required: true, maxlength: 200, value: curator?.name })),
    field('Email', h('input', { name: 'email', type: 'email', maxlength: 254, value: curator?.email })),
    field('Webhook URL', h('input', { name: 'webhookUrl', type: 'url', maxlength: 2000, value: curator?.webhookUrl }), 'Standard Webhooks, signed')),
  submit);
  return curator ? form : h('details', {}, h('summary', {}, 'Add a curator'), form);
}

async function drawPolicy(container, account) {
  const view = await get('queue', `/v1/accounts/${account}/send-policy`);
  const selects = [];
  const rows = view.statuses.map((status) => {
    const choice = h('select', { name: status.status, disabled: !status.overridable, 'aria-label': `Policy while ${words(status.status)}` },
      h('option', { value: '' }, `Default (${words(status.defaultPolicy)})`),
      ['SEND', 'QUEUE', 'REJECT'].map((p) => h('option', { value: p, selected: view.overrides?.[status.status] === p }, words(p))));
    selects.push(choice);
    return h('tr', {}, h('td', {}, words(status.status)), h('td', {}, choice), h('td', {}, words(status.policy)));
  });
  const save = h('button', { type: 'submit' }, 'Save the send policy');
  const form = h('form', { onsubmit: async (event) => {
    event.preventDefault();
    const overrides = Object.fromEntries(selects.filter((s) => s.value).map((s) => [s.name, s.value]));
    if (await act(save, () => api('queue', 'PUT', `/v1/accounts/${account}/send-policy`, { overrides }), 'Send policy saved')) {
      drawPolicy(container, account);
    }
  } }, table(['While the channel is', 'This account', 'In effect'], rows), save);
  fill(container, h('p', { class: 'hint' }, 'What happens to a message sent while the channel has each status.'), form);
}

async function drawQueueSettings(container, account) {
  const view = await get('queue', `/v1/accounts/${account}/queue-settings`);
  const own = view.own || {};
  const effective = view.effective || {};
  const number = (name, value, hint) => field(SETTING_LABELS[name],
    h('input', { name, type: 'number', min: 0, value: value ?? '', placeholder: String(effective.pacing?.[name] ?? effective[name] ?? '') }), hint);
  const mode = h('select', { name: 'releaseMode' }, h('option', { value: '' }, `Default (${words(effective.releaseMode)})`),
    ['AUTO', 'HOLD'].map((m) => h('option', { value: m, selected: own.releaseMode === m }, words(m))));
  const save = h('button', { type: 'submit' }, 'Save the queue settings');
  const form = h('form', { onsubmit: async (event) => {
    event.preventDefault();
    const values = formValues(form);
    const pacing = {};
    for (const name of ['minGapMillis', 'backlogGapMinMillis', 'backlogGapMaxMillis', 'cloudApiRatePerSecond']) {
      if (values[name] != null) pacing[name] = Number(values[name]);
    }
    const body = { releaseMode: values.releaseMode || null, defaultTtlSeconds: values.defaultTtlSeconds ? Number(values.defaultTtlSeconds) : null, pacing };
    if (await act(save, () => api('queue', 'PUT', `/v1/accounts/${account}/queue-settings`, body), 'Queue settings saved')) {
      drawQueueSettings(container, account);
    }
  } },
  h('div', { class: 'row' },
    field('Release mode', mode, 'AUTO releases a backlog by itself; HOLD waits for a person'),
    number('defaultTtlSeconds', own.defaultTtlSeconds, 'How long a message may wait before it expires')),
  h('div', { class: 'row' },
    number('minGapMillis', own.pacing?.minGapMillis, 'Between any two sends of a channel'),
    number('backlogGapMinMillis', own.pacing?.backlogGapMinMillis, 'A released backlog waits a random gap'),
    number('backlogGapMaxMillis', own.pacing?.backlogGapMaxMillis, 'between these two'),
    number('cloudApiRatePerSecond', own.pacing?.cloudApiRatePerSecond, 'Per Cloud API number')),
  h('p', { class: 'hint' }, 'Empty fields take the default shown in grey.'),
  save);
  fill(container, form);
}

async function drawSystemMessages(container, account) {
  const view = await get('notification', `/v1/accounts/${account}/system-messages`);
  const check = (name, label) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name, checked: view[name] }), ' ', label);
  const save = h('button', { type: 'submit' }, 'Save the system messages');
  const form = h('form', { onsubmit: async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {
      chatStart: data.has('chatStart'), missedCalls: data.has('missedCalls'), delivery: data.has('delivery'),
      notDeliveredMinutes: Number(data.get('notDeliveredMinutes')), notReadHours: Number(data.get('notReadHours')),
    };
    if (await act(save, () => api('notification', 'PUT', `/v1/accounts/${account}/system-messages`, body), 'System message settings saved')) {
      drawSystemMessages(container, account);
    }
  } },
  check('chatStart', 'Tell a chat when a client writes for the first time'),
  check('missedCalls', 'Tell a chat about missed calls'),
  check('delivery', 'Tell a chat when a message is not delivered or not read'),
  h('div', { class: 'row' },
    field('Not delivered after (minutes)', h('input', { name: 'notDeliveredMinutes', type: 'number', min: 1, max: 1440, value: view.notDeliveredMinutes })),
    field('Not read after (hours)', h('input', { name: 'notReadHours', type: 'number', min: 1, max: 168, value: view.notReadHours }))),
  save);
  fill(container, form);
}
