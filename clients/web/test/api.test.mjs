// Issue 12, point 9 (the browser's side): the refresh token lives in its HttpOnly cookie only. The page
// signs in from a login/refresh body that carries none, sends the cookie (never a token) to refresh,
// and keeps no refresh token where script could read it, even from a server that still sends one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Api } from '../src/api.js';
import { encode } from '../src/crypto/base64url.js';

const USER = '11111111-1111-4111-8111-111111111111';
const REFRESH = 'rt-should-never-be-kept-by-script';
const accessToken = (name) => `e30.${encode(new TextEncoder().encode(JSON.stringify({ sub: USER, preferred_username: name })))}.sig`;

function fakeBrowser(answers) {
  const requests = [];
  globalThis.document = { cookie: 'parley_csrf=csrf-1' };
  globalThis.fetch = async (path, init) => {
    requests.push({ path, ...init });
    const answer = answers[path];
    return { ok: true, status: 200, headers: new Map([['content-type', 'application/json']]), json: async () => answer };
  };
  return requests;
}

test('login and refresh work from bodies without a refresh token, and the refresh relies on the cookie', async () => {
  const requests = fakeBrowser({
    '/api/auth/login': { userId: USER, accessToken: accessToken('alice'), expiresIn: 900 },
    '/api/auth/refresh': { userId: USER, accessToken: accessToken('alice'), expiresIn: 900 },
  });
  const api = new Api();

  await api.logIn('alice', 'correct horse battery');
  await api.refresh();

  assert.equal(api.username, 'alice');
  const refresh = requests.find((r) => r.path === '/api/auth/refresh');
  assert.equal(refresh.credentials, 'same-origin', 'the HttpOnly cookie goes with it');
  assert.equal(refresh.body, undefined, 'no token in the request: the cookie is the refresh token');
  assert.deepEqual(refresh.headers, { 'X-CSRF-Token': 'csrf-1' });
});

test('a refresh token in a body (a server in the old mode) is not kept anywhere script can read', async () => {
  fakeBrowser({
    '/api/auth/login': { userId: USER, accessToken: accessToken('alice'), expiresIn: 900, refreshToken: REFRESH },
    '/api/auth/refresh': { userId: USER, accessToken: accessToken('alice'), expiresIn: 900, refreshToken: REFRESH },
  });
  const api = new Api();

  await api.logIn('alice', 'correct horse battery');
  await api.refresh();

  assert.ok(!JSON.stringify({ ...api }).includes(REFRESH), 'not on the Api object');
  assert.ok(!globalThis.document.cookie.includes(REFRESH), 'not written to a script-readable cookie');
});
