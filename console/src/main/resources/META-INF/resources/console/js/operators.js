// Operators: every account by state, and the curator deliveries that ended dead, with replay.
import { h, when, words, section, table, fill } from './dom.js';
import { api, get } from './api.js';
import { act } from './ui.js';

export function operatorsPage(page) {
  const accounts = h('div', { id: 'accounts' }, h('p', { class: 'hint' }, 'Loading…'));
  const dead = h('div', { id: 'dead-deliveries' });
  const refresh = h('p', { class: 'hint', 'aria-live': 'polite' });
  page.main.append(h('h1', {}, 'Operators'), section('Accounts', accounts), section('Dead deliveries', dead), refresh);

  page.live(async () => {
    const all = [];
    for (let p = 0; p < 20; p++) {
      const answer = await get('billing', `/v1/accounts?size=200&page=${p}`);
      all.push(...answer.items);
      if (!answer.more) break;
    }
    const order = ['NOT_PAID', 'LOW_BALANCE', 'PAID'];
    all.sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state) || a.accountId.localeCompare(b.accountId));
    const perState = order.map((s) => `${all.filter((a) => a.state === s).length} ${words(s).toLowerCase()}`).join(' · ');
    fill(accounts, h('p', {}, perState),
      table(['Account', 'State', 'Balance', 'Runway', 'Tariff'], all.map((account) => h('tr', { 'data-account-id': account.accountId },
        h('td', {}, h('a', { href: `#/accounts/${encodeURIComponent(account.accountId)}` }, account.accountId), h('br'), h('small', {}, account.name)),
        h('td', {}, h('span', { class: `badge s-${account.state.toLowerCase()}` }, words(account.state))),
        h('td', { class: 'num' }, `${account.balance} ${account.currency}`),
        h('td', {}, account.runwayDays == null ? '—' : `${account.runwayDays} days`),
        h('td', { class: 'num' }, account.tariff)))));
  }, 5000, refresh);

  const drawDead = async () => {
    const answer = await get('notification', '/v1/ops/dead-deliveries?size=100');
    fill(dead, answer.items.length === 0 ? h('p', { class: 'hint' }, 'No dead deliveries.')
      : table(['Since', 'Account', 'Kind', 'Attempts', 'Last answer', ''], answer.items.map((delivery) => h('tr', { 'data-delivery-id': delivery.id },
        h('td', {}, when(delivery.finishedAt)), h('td', {}, delivery.accountId), h('td', {}, words(delivery.kind)),
        h('td', { class: 'num' }, delivery.attempts),
        h('td', {}, [delivery.lastStatus ? `HTTP ${delivery.lastStatus}` : null, delivery.lastError].filter(Boolean).join(' — ') || '—'),
        h('td', {}, h('button', { type: 'button', onclick: async (event) => {
          await act(event.currentTarget, () => api('notification', 'POST', `/v1/ops/dead-deliveries/${encodeURIComponent(delivery.id)}/replay`), 'Replayed: the delivery is tried again');
          drawDead();
        } }, 'Replay'))))));
  };
  page.live(drawDead, 10000);
}
