// Acceptance 4: two people in two browser contexts register, one starts a private chat with the other,
// they write both ways (each reads the other's decrypted text), the sender sees the read mark, and a
// screenshot of the chat is saved. Then bob signs in on a second browser: alice sees a notice that bob's
// devices changed, with the new safety number (issue 12, point 3), screenshot "-device-notice.png"; and
// on a tablet while alice's page is closed: her next page refuses to seal to it until she trusts it
// ("-unconfirmed-device.png"). Then bob's first browser loses its connection while alice writes to the
// group he has open: once it is back, the page shows what was sent meanwhile (the catch-up from the heads).
//   node e2e/two-users.mjs <base URL> <screenshot.png>
// Exit code 0 when everything held; the failure otherwise. Uses the system Chromium (playwright-core).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';

const [baseUrl, screenshot] = process.argv.slice(2);
if (!baseUrl || !screenshot) {
  console.error('usage: node e2e/two-users.mjs <base URL> <screenshot.png>');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Every wait returns as soon as its element shows; this only bounds a wait that fails. The Java test
// scales it to the machine (Patience, PARLEY_TEST_WAIT_FACTOR).
const TIMEOUT = Number(process.env.PARLEY_E2E_TIMEOUT_MS ?? 60_000);
const suffix = Math.random().toString(36).slice(2, 8);
const HOSTILE = 'Hello <img src=x onerror="window.__xss=1"> & <b>bold</b>';
const REPLY = 'Hi Alice! 🥪 Lunch at 12 works.';
const AWAY = 'Written while your connection was down';

function step(text) {
  console.log(`[two-users] ${text}`);
}

/** Browser-side problems fail the run: CSP violations, uncaught errors, failed requests to our origin. */
function watch(page, name, problems) {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${name} console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${name} page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${name} HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => problems.push(`${name} request failed: ${request.url()} ${request.failure()?.errorText}`));
}

async function register(page, name) {
  const username = `${name}-${suffix}`;
  await page.goto(baseUrl);
  await page.fill('#username', username);
  await page.fill('#password', 'correct horse battery');
  await page.fill('#display-name', name);
  await page.click('#register');
  await page.waitForSelector('#chat-view:not([hidden])');
  await page.waitForFunction(() => document.getElementById('connection').textContent === 'connected');
  const userId = await page.textContent('#me-id');
  step(`${username} signed in as ${userId}, device ${await page.textContent('#me-device')}`);
  return userId;
}

/** An existing user on a browser of their own: a new device. */
async function signIn(page, username) {
  await page.goto(baseUrl);
  await page.fill('#username', username);
  await page.fill('#password', 'correct horse battery');
  await page.click('#login');
  await page.waitForFunction(() => document.getElementById('connection').textContent === 'connected');
}

/**
 * The page's WebSocket to /ws through a switch the test can throw: drop() closes the connection at the
 * server's side and refuses the page's reconnects until restore(), as a network that goes away and back.
 */
async function droppableLink(page) {
  let down = false;
  let link;
  await page.routeWebSocket(/\/ws$/, (ws) => {
    if (down) {
      ws.close({ code: 1012, reason: 'the test\'s network is down' });
      return;
    }
    link = { page: ws, server: ws.connectToServer() };
  });
  return {
    // both ends: closing the server's alone is not passed on to the page
    async drop() {
      down = true;
      const dropped = { code: 1012, reason: 'the test drops the connection' };
      await link?.server.close(dropped);
      await link?.page.close(dropped);
    },
    restore() {
      down = false;
    },
  };
}

async function send(page, text) {
  await page.fill('#message-text', text);
  await page.click('#composer button');
}

/**
 * Opens the listed chat with that title. The list is drawn anew whenever a chat moves (pushes, new
 * members), so a click at an item's place can land on the item drawn there next: the click goes to the
 * item itself, and the wait is for the open chat's title.
 */
async function openChat(page, title) {
  await page.locator('#chat-list li').filter({ has: page.getByText(title, { exact: true }) }).dispatchEvent('click');
  await page.waitForFunction((shown) => document.getElementById('chat-title').textContent === shown, title);
}

/** The text of the message with that seq once shown. */
async function messageText(page, seq) {
  const item = page.locator(`#messages li.message[data-seq="${seq}"] .text`);
  await item.waitFor();
  return item.textContent();
}

function expectEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Reads the chat's history over REST as that user, the way any client would. */
async function expectOnlyCiphertextStored(username, userId, texts) {
  const login = await fetch(new URL('/api/auth/login', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'correct horse battery' }),
  }).then((r) => r.json());
  const authorization = { Authorization: `Bearer ${login.accessToken}` };
  const chatsOfUser = await fetch(new URL('/api/chats', baseUrl), { headers: authorization }).then((r) => r.json());
  const peerId = chatsOfUser.find((c) => c.type === 'PRIVATE').peerId;
  const server = await fetch(new URL(`/api/users/${peerId}/safety-number`, baseUrl), { headers: authorization }).then((r) => r.json());
  expectEqual(server.safetyNumber, safetyNumberShown, 'the server\'s safety number');
  const chats = await fetch(new URL('/api/chats', baseUrl), { headers: authorization }).then((r) => r.json());
  const messages = [];
  for (const chat of chats) {
    const history = await fetch(new URL(`/api/chats/${chat.chatId}/messages`, baseUrl), { headers: authorization }).then((r) => r.json());
    messages.push(...history.messages);
  }
  expectEqual(messages.length, 3, `messages stored in the chats of ${userId}`);
  for (const message of messages) {
    expectEqual(message.envelope.v, 1, 'envelope version');
    expectEqual(message.envelope.alg, 'X25519-HKDF-SHA256-A256GCM-Ed25519', 'envelope alg');
    const stored = JSON.stringify(message);
    for (const text of texts) {
      if (stored.includes(text)) throw new Error(`plaintext stored: ${stored}`);
    }
  }
  return login.accessToken;
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const problems = [];
let alice;
let safetyNumberShown;
try {
  const contexts = [await browser.newContext({ viewport: { width: 1100, height: 700 } }), await browser.newContext(), await browser.newContext(), await browser.newContext()];
  alice = await contexts[0].newPage();
  const bob = await contexts[1].newPage();
  for (const page of [alice, bob]) page.setDefaultTimeout(TIMEOUT);
  watch(alice, 'alice', problems);
  watch(bob, 'bob', problems);
  const bobLink = await droppableLink(bob);

  const aliceId = await register(alice, 'alice');
  const bobId = await register(bob, 'bob');

  step('alice starts a private chat with bob and sends markup as text');
  await alice.fill('#peer-id', bobId);
  await alice.click('#new-private button');
  await alice.waitForSelector('#composer:not([hidden])');
  await send(alice, HOSTILE);
  expectEqual(await messageText(alice, 1), HOSTILE, 'alice sees her own message');

  step('bob sees the chat with one unread message, opens it and reads the decrypted text');
  const listed = bob.locator('#chat-list li', { hasText: 'alice' });
  await listed.locator('.unread', { hasText: '1' }).waitFor();
  await openChat(bob, 'alice');
  expectEqual(await messageText(bob, 1), HOSTILE, 'bob reads alice\'s text');
  expectEqual(await bob.locator('#messages img, #messages b').count(), 0, 'elements injected by the message');
  expectEqual(await bob.evaluate(() => window.__xss), undefined, 'script run by the message');

  step('both see the same safety number, the one the server computes from the same keys');
  const number = async (page) => (await page.locator('#safety-number', { hasText: 'Safety number: ' }).textContent()).replace('Safety number: ', '');
  const [aliceNumber, bobNumber] = [await number(alice), await number(bob)];
  expectEqual(bobNumber, aliceNumber, 'safety numbers on both sides');
  if (!/^(\d{5} ){11}\d{5}$/.test(aliceNumber)) throw new Error(`not a safety number: ${aliceNumber}`);
  safetyNumberShown = aliceNumber;

  step('bob replies; alice reads it');
  await send(bob, REPLY);
  expectEqual(await messageText(alice, 2), REPLY, 'alice reads bob\'s reply');

  step('alice sees that bob read her message, and bob that alice read his');
  await alice.locator('#messages li[data-seq="1"] .status[data-status="read"]').waitFor();
  await bob.locator('#messages li[data-seq="2"] .status[data-status="read"]').waitFor();

  step('alice creates a group with bob and writes to it; bob reads it');
  const groupName = `lunch-${suffix}`;
  await alice.fill('#group-name', groupName);
  await alice.fill('#group-members', bobId);
  await alice.click('#new-group button');
  await alice.locator('#chat-title', { hasText: groupName }).waitFor();
  await send(alice, 'Group hello');
  expectEqual(await messageText(alice, 1), 'Group hello', 'alice sees her group message');
  await openChat(bob, groupName);
  expectEqual(await messageText(bob, 1), 'Group hello', 'bob reads the group message');
  expectEqual(await bob.locator('#messages li').count(), 1, 'messages shown in the group (none of the private chat\'s)');
  expectEqual(await bob.textContent('#messages li[data-seq="1"] .sender'), 'alice', 'the group message\'s sender');
  await alice.locator('#messages li[data-seq="1"] .status[data-status="read"]').waitFor();
  await openChat(alice, 'bob');
  await alice.locator('#messages li[data-seq="2"]').waitFor();

  if (problems.length > 0) throw new Error(`problems in the browser:\n${problems.join('\n')}`);

  step('the server holds only envelopes v1: neither text appears in the stored history');
  const bobToken = await expectOnlyCiphertextStored(`bob-${suffix}`, bobId, [HOSTILE, REPLY, 'Group hello']);

  step('alice reloads: the session resumes from the refresh cookie, the device keys from IndexedDB');
  const deviceBefore = await alice.textContent('#me-device');
  await alice.reload();
  await alice.waitForSelector('#chat-view:not([hidden])');
  await alice.waitForFunction(() => document.getElementById('connection').textContent === 'connected');
  expectEqual(await alice.textContent('#me-device'), deviceBefore, 'the device after a reload');
  expectEqual(await alice.textContent('#me-name'), `alice-${suffix}`, 'the user after a reload');
  await openChat(alice, 'bob');
  expectEqual(await messageText(alice, 1), HOSTILE, 'alice\'s own message from history');
  expectEqual(await messageText(alice, 2), REPLY, 'bob\'s message decrypted from history');
  await alice.locator('#messages li[data-seq="1"] .status[data-status="read"]').waitFor();
  if (problems.length > 0) throw new Error(`problems in the browser:\n${problems.join('\n')}`);

  mkdirSync(dirname(screenshot), { recursive: true });
  await alice.screenshot({ path: screenshot, fullPage: true });
  step(`screenshot saved to ${screenshot}`);
  step('bob signs in on a second browser: alice is told, with the changed safety number, and her next message reaches both');
  const bobLaptop = await contexts[2].newPage();
  bobLaptop.setDefaultTimeout(TIMEOUT);
  watch(bobLaptop, 'bob-laptop', problems);
  await signIn(bobLaptop, `bob-${suffix}`);
  const notice = alice.locator(`#trust-notices .notice.changed[data-user-id="${bobId}"]`);
  await notice.waitFor();
  expectEqual(await notice.locator('.notice-title').textContent(), 'bob\'s devices changed', 'the notice\'s title');
  const noticeText = await notice.textContent();
  if (!noticeText.includes('bob added a new device.')) throw new Error(`the notice does not say what changed: ${noticeText}`);
  await alice.locator('#safety-number', { hasNotText: safetyNumberShown }).waitFor();
  const changedNumber = (await alice.textContent('#safety-number')).replace('Safety number: ', '');
  if (!noticeText.includes(`New safety number: ${changedNumber}`)) throw new Error(`the notice lacks the new number ${changedNumber}: ${noticeText}`);
  const serverNumber = await fetch(new URL(`/api/users/${aliceId}/safety-number`, baseUrl), { headers: { Authorization: `Bearer ${bobToken}` } }).then((r) => r.json());
  expectEqual(serverNumber.safetyNumber, changedNumber, 'the changed safety number, as the server computes it from the new keys');
  await alice.locator('#chat-list li', { hasText: 'bob' }).locator('.device-badge').waitFor();
  mkdirSync(dirname(screenshot), { recursive: true });
  const warningShot = screenshot.replace(/\.png$/, '-device-notice.png');
  await alice.screenshot({ path: warningShot, fullPage: true });
  step(`screenshot of the notice saved to ${warningShot}`);
  await send(alice, 'Welcome to your new laptop');
  await openChat(bobLaptop, 'alice');
  expectEqual(await messageText(bobLaptop, 3), 'Welcome to your new laptop', 'bob\'s new browser reads the message sealed after the announcement');
  await notice.locator('button', { hasText: 'Got it' }).click();
  await notice.waitFor({ state: 'detached' });
  if (problems.length > 0) throw new Error(`problems in the browser:\n${problems.join('\n')}`);

  step('bob signs in on a tablet while alice\'s page is closed: her next page seals nothing to it until she trusts it');
  await alice.close();
  const bobTablet = await contexts[3].newPage();
  bobTablet.setDefaultTimeout(TIMEOUT);
  await signIn(bobTablet, `bob-${suffix}`);
  alice = await contexts[0].newPage();
  alice.setDefaultTimeout(TIMEOUT);
  watch(alice, 'alice', problems);
  await alice.goto(baseUrl);
  await alice.waitForFunction(() => document.getElementById('connection').textContent === 'connected');
  await openChat(alice, 'bob');
  const unconfirmed = alice.locator(`#trust-notices .notice.unconfirmed[data-user-id="${bobId}"]`);
  await unconfirmed.waitFor();
  expectEqual(await unconfirmed.locator('.notice-title').textContent(), 'bob has a device you have not confirmed', 'the unconfirmed notice\'s title');
  await send(alice, 'Are you on a tablet now?');
  await alice.locator('#chat-error', { hasText: 'Not sent' }).waitFor();
  expectEqual(await alice.inputValue('#message-text'), 'Are you on a tablet now?', 'the refused text kept in the composer');
  const unconfirmedShot = screenshot.replace(/\.png$/, '-unconfirmed-device.png');
  await alice.screenshot({ path: unconfirmedShot, fullPage: true });
  step(`screenshot of the refusal saved to ${unconfirmedShot}`);
  await unconfirmed.locator('button', { hasText: 'Numbers match: trust the device' }).click();
  await unconfirmed.waitFor({ state: 'detached' });
  await alice.click('#composer button');
  expectEqual(await messageText(alice, 4), 'Are you on a tablet now?', 'sent once the device is trusted');
  await openChat(bobTablet, 'alice');
  expectEqual(await messageText(bobTablet, 4), 'Are you on a tablet now?', 'the tablet reads it');
  if (problems.length > 0) throw new Error(`problems in the browser:\n${problems.join('\n')}`);

  step('bob\'s first browser loses its connection while alice writes to the group it shows; back, it shows the message');
  await bobLink.drop();
  await bob.waitForFunction(() => document.getElementById('connection').textContent !== 'connected');
  await openChat(alice, groupName);
  await send(alice, AWAY);
  expectEqual(await messageText(alice, 2), AWAY, 'alice sees her group message sent while bob was away');
  bobLink.restore();
  await bob.waitForFunction(() => document.getElementById('connection').textContent === 'connected');
  expectEqual(await messageText(bob, 2), AWAY, 'bob\'s page shows what was sent while it was away');
  if (problems.length > 0) throw new Error(`problems in the browser:\n${problems.join('\n')}`);

  step('logout-all ends bob\'s browser session: the page returns to sign-in');
  const loggedOut = await fetch(new URL('/api/auth/logout-all', baseUrl), { method: 'POST', headers: { Authorization: `Bearer ${bobToken}` } });
  expectEqual(loggedOut.status, 204, 'logout-all');
  await bob.waitForSelector('#auth-view:not([hidden])');
  await bob.locator('#auth-error', { hasText: 'session ended' }).waitFor();

  step('passed');
} catch (error) {
  console.error(`[two-users] FAILED: ${error.stack ?? error}`);
  if (problems.length > 0) console.error(problems.join('\n'));
  for (const page of browser.contexts().flatMap((context) => context.pages())) {
    const alerts = await page.locator('[role="alert"]').allTextContents().catch(() => []);
    const shown = alerts.map((text) => text.trim()).filter(Boolean);
    if (shown.length > 0) console.error(`alerts on ${page.url()}: ${shown.join(' | ')}`);
  }
  if (alice) {
    mkdirSync(dirname(screenshot), { recursive: true });
    await alice.screenshot({ path: screenshot.replace(/\.png$/, '-failure.png'), fullPage: true }).catch(() => {});
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
