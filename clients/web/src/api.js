// REST over fetch: the access token lives in memory only (docs/protocol.md, "Tokens and sessions");
// the refresh token stays in its HttpOnly cookie and is used with the X-CSRF-Token header.

import { decode } from './crypto/base64url.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('parley_csrf='));
  return cookie ? decodeURIComponent(cookie.slice('parley_csrf='.length)) : '';
}

async function body(response) {
  const type = response.headers.get('content-type') || '';
  return type.includes('json') ? response.json() : null;
}

export class Api {
  accessToken = null;
  userId = null;
  #refreshing = null;

  /** Registers (when displayName is given) then logs in. */
  async logIn(username, password, displayName) {
    if (displayName !== undefined) {
      await this.#post('/api/auth/register', { username, password, displayName });
    }
    this.#signedIn(await this.#post('/api/auth/login', { username, password }));
  }

  /**
   * New tokens from the refresh cookie. One refresh at a time: a second one racing with the same
   * refresh token would count as reuse and revoke every session.
   */
  refresh() {
    this.#refreshing ??= fetch('/api/auth/refresh', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrfToken() },
    }).then(async (response) => {
      if (!response.ok) throw new ApiError(response.status, await body(response));
      this.#signedIn(await response.json());
    }).finally(() => { this.#refreshing = null; });
    return this.#refreshing;
  }

  async logOut() {
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': csrfToken() } });
    this.accessToken = null;
    this.userId = null;
  }

  get(path) {
    return this.#authorized('GET', path);
  }

  put(path, payload) {
    return this.#authorized('PUT', path, payload);
  }

  #signedIn(login) {
    this.accessToken = login.accessToken;
    this.userId = login.userId;
    // only for display: the server checks the token, the page merely reads its name claim
    const claims = JSON.parse(new TextDecoder().decode(decode(login.accessToken.split('.')[1])));
    this.username = claims.preferred_username;
    this.expiresAt = Date.now() + login.expiresIn * 1000;
  }

  async #post(path, payload) {
    const response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    });
    if (!response.ok) throw new ApiError(response.status, await body(response));
    return body(response);
  }

  /** With the bearer token; an expired token is refreshed once and the call repeated. */
  async #authorized(method, path, payload, retried = false) {
    const response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Authorization: `Bearer ${this.accessToken}`,
        ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    if (response.status === 401 && !retried) {
      await this.refresh();
      return this.#authorized(method, path, payload, true);
    }
    if (!response.ok) throw new ApiError(response.status, await body(response));
    return body(response);
  }
}
