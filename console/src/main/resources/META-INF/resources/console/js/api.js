// The services' public REST APIs, reached through the console's own origin (/api/<service>/v1/...) with the user's
// token. The console adds nothing: what the token may see and do is the services' decision.

const KEY = 'switchboard.console.token';
const listeners = [];

export class ApiError extends Error {
  constructor(status, problem) {
    super(problemText(problem));
    this.status = status;
    this.problem = problem;
  }
}

/** The claims of a JWT, read without checking it (the services check it on every call). */
function claimsOf(token) {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('This is not a token: a token has three parts separated by dots.');
  try {
    const text = atob(parts[1].replaceAll('-', '+').replaceAll('_', '/'));
    return JSON.parse(decodeURIComponent(escape(text)));
  } catch (e) {
    throw new Error('This is not a token: its middle part is not readable.');
  }
}

export const session = {
  token() {
    return sessionStorage.getItem(KEY);
  },
  claims() {
    const token = this.token();
    return token ? claimsOf(token) : null;
  },
  account() {
    return this.claims()?.account;
  },
  isOps() {
    return (this.claims()?.groups || []).includes('ops');
  },
  /** Keeps the token for this browser tab; refuses one that could never work. */
  signIn(raw) {
    const token = String(raw || '').trim().replace(/^Bearer\s+/i, '');
    if (!token) throw new Error('Paste a token first.');
    const claims = claimsOf(token);
    if (!claims.account) throw new Error('The token names no account (claim "account").');
    const groups = claims.groups || [];
    if (!groups.includes('account-admin') && !groups.includes('ops')) {
      throw new Error('The token is neither an account admin\'s nor an operator\'s (groups account-admin or ops).');
    }
    if (claims.exp && claims.exp * 1000 <= Date.now()) {
      throw new Error(`The token expired ${new Date(claims.exp * 1000).toLocaleString()}; make a new one.`);
    }
    sessionStorage.setItem(KEY, token);
    listeners.forEach((listener) => listener());
  },
  signOut() {
    sessionStorage.removeItem(KEY);
    listeners.forEach((listener) => listener());
  },
  onChange(listener) {
    listeners.push(listener);
  },
};

/** A call to a service's API; resolves to the JSON answer, or rejects with an ApiError holding the problem. */
export async function api(service, method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(`api/${service}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, {
      title: 'The console cannot be reached',
      detail: 'Check the network connection; nothing was changed.',
    });
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = { title: `${response.status} ${response.statusText}`, detail: text.slice(0, 200) };
  }
  if (response.status === 401 && token) {
    session.signOut();
    throw new ApiError(401, { title: 'Signed out', detail: 'The token is no longer accepted (expired or revoked): sign in again.' });
  }
  if (!response.ok) throw new ApiError(response.status, data || { title: `${response.status} ${response.statusText}` });
  return data;
}

export const get = (service, path) => api(service, 'GET', path);

/** A problem+json answer in words: its title, its detail, and each field that was refused. */
export function problemText(problem) {
  if (!problem) return 'Something went wrong';
  const parts = [problem.title, problem.detail].filter(Boolean);
  for (const violation of problem.violations || []) {
    parts.push(`${violation.field} ${violation.message}`);
  }
  return parts.join(': ') || 'Something went wrong';
}
