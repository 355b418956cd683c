// The console talks only to this service's public API (/api/v1/...), with the token of the person logged in. The
// token lives in sessionStorage: gone with the tab, never in a cookie, never in the URL.

const KEY = 'lowcode.console.token';
let onLogout = () => {};

export function token() {
  return sessionStorage.getItem(KEY);
}

export function session() {
  const t = token();
  if (!t) return null;
  try {
    const part = t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(part.padEnd(part.length + (4 - part.length % 4) % 4, '=')));
    if (claims.exp && claims.exp * 1000 < Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    const roles = claims.groups || [];
    return { user: claims.upn || claims.sub, roles, canAct: roles.includes('ops'), expires: claims.exp * 1000 };
  } catch (e) {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export function whenLoggedOut(callback) {
  onLogout = callback;
}

export function logout() {
  sessionStorage.removeItem(KEY);
  onLogout();
}

/** A refused request: the problem's detail, and the fields it names. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.fields = (problem?.errors || []).map(e => e.field);
  }
}

export async function login(username, password) {
  const response = await fetch('/api/v1/auth/token', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  sessionStorage.setItem(KEY, body.access_token);
  return session();
}

export async function api(path, options = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token()}` };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, {
    method: options.method || 'GET', headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 401) {
    logout();
    throw new ApiError(401, { detail: 'your session ended; log in again' });
  }
  if (response.status === 204) return null;
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** Query string of the non-empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
