import { fill, tickTimes } from './dom.js';
// The console's router: #/fleet, #/channels/<id>, #/account, #/accounts/<id>, #/operators, #/sign-in.
import { session } from './api.js';
import { Page } from './ui.js';
import { signInPage } from './sign-in.js';
import { fleetPage } from './fleet.js';
import { channelPage } from './channel.js';
import { accountPage } from './account.js';
import { operatorsPage } from './operators.js';

const routes = [
  [/^#\/fleet$/, fleetPage],
  [/^#\/channels\/([\w.:-]+)$/, channelPage],
  [/^#\/account$/, (page) => accountPage(page, session.account())],
  [/^#\/accounts\/([\w.:-]+)$/, accountPage],
  [/^#\/operators$/, operatorsPage],
];

let current = null;

/** A sign-in link (./switchboard console) carries the token after #token=; it is kept and taken out of the address. */
function takeTokenFromAddress() {
  const match = location.hash.match(/^#token=([^&]+)/);
  if (!match) return;
  history.replaceState(null, '', `${location.pathname}#/fleet`);
  try {
    session.signIn(decodeURIComponent(match[1]));
  } catch (e) {
    sessionStorage.setItem('switchboard.console.sign-in-error', e.message);
  }
}

function header() {
  const claims = session.token() ? session.claims() : null;
  document.getElementById('nav').hidden = !claims;
  document.getElementById('sign-out').hidden = !claims;
  document.getElementById('nav-operators').hidden = !session.isOps();
  document.getElementById('who').textContent = claims
    ? `${claims.account} · ${session.isOps() ? 'operator' : 'account admin'}`
    : '';
  for (const link of document.querySelectorAll('#nav a')) {
    const active = location.hash === link.getAttribute('href')
      || (link.getAttribute('href') === '#/fleet' && location.hash.startsWith('#/channels/'));
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function render() {
  takeTokenFromAddress();
  if (current) current.stop();
  const main = document.getElementById('main');
  fill(main);
  current = new Page(main);
  if (!session.token()) {
    if (location.hash !== '#/sign-in') sessionStorage.setItem('switchboard.console.after-sign-in', location.hash);
    header();
    signInPage(current);
    return;
  }
  if (location.hash === '' || location.hash === '#/' || location.hash === '#/sign-in') {
    location.replace('#/fleet');
    return;
  }
  header();
  const route = routes.find(([pattern]) => pattern.test(location.hash));
  if (!route) {
    main.append(document.createTextNode('No such page. '));
    const back = document.createElement('a');
    back.href = '#/fleet';
    back.textContent = 'Back to the fleet';
    main.append(back);
    return;
  }
  const [pattern, show] = route;
  show(current, ...location.hash.match(pattern).slice(1).map(decodeURIComponent));
  main.focus({ preventScroll: true });
}

setInterval(tickTimes, 1000);
session.onChange(render);
window.addEventListener('hashchange', render);
document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  location.hash = '#/sign-in';
});
render();
