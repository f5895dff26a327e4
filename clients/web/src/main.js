// The page: sign-in, the chat list, one open conversation. Every text from the network is shown
// with textContent only, never parsed as HTML.

import './styles.css';
import { Api, ApiError } from './api.js';
import { ChatFeed } from './chat-feed.js';
import { encode } from './crypto/base64url.js';
import { ensureDevice, sentTexts, trustStore } from './device.js';
import { Messaging } from './messaging.js';
import { Session } from './stomp.js';
import { DeviceTrust, UntrustedDevicesError } from './trust.js';

const $ = (id) => document.getElementById(id);
const api = new Api();
const state = { chats: [], open: null, messages: new Map(), receipts: new Map() };
let session;
let messaging;
let trust;
let feed;
// per-member safety numbers and device notices are shown for groups up to this size (one read each)
const MAX_MEMBERS_SHOWN = 50;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function showError(target, error) {
  $(target).textContent = error ? (error instanceof ApiError ? error.message : String(error.message ?? error)) : '';
}

// ---- signing in ----

$('auth-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  showError('auth-error');
  const registering = event.submitter?.value === 'register';
  try {
    await api.logIn($('username').value, $('password').value, registering ? ($('display-name').value || $('username').value) : undefined);
    await enter();
  } catch (e) {
    showError('auth-error', e);
  }
});

$('logout').addEventListener('click', async () => {
  await session?.stop();
  await api.logOut();
  location.reload();
});

function signedOut() {
  $('chat-view').hidden = true;
  $('auth-view').hidden = false;
  showError('auth-error', new Error('Your session ended. Please log in again.'));
}

async function enter() {
  const device = await ensureDevice(api);
  session = new Session(api, onEvent, connectionChanged, signedOut);
  trust = new DeviceTrust(trustStore(api.userId), async (userId) => {
    const { devices } = await api.get(`/api/users/${userId}/devices`);
    // this browser's own device, just published, may not be in the directory yet: it is known here
    const self = { deviceId: device.deviceId, agreementKey: encode(device.agreementPublicKey), signingKey: encode(device.signingPublicKey) };
    return userId === api.userId && !devices.some((d) => d.deviceId === self.deviceId) ? [...devices, self] : devices;
  });
  trust.onChange(() => trustChangedSoon());
  messaging = new Messaging(api, session, device, sentTexts, trust);
  feed = new ChatFeed({
    history: async (chatId, { afterSeq, minSeq, limit }) => (await api.get(
      `/api/chats/${chatId}/messages?afterSeq=${afterSeq}&minSeq=${minSeq}&limit=${limit}`)).messages,
    isMyChat,
  });
  $('me-name').textContent = api.username ?? 'Signed in';
  $('me-id').textContent = api.userId;
  $('me-device').textContent = device.deviceId;
  $('auth-view').hidden = true;
  $('chat-view').hidden = false;
  await session.start();
  // this account's own devices are pinned too: a device added behind the user's back is shown
  await trust.review(api.userId).then(() => reviewed.add(api.userId), () => {});
  await loadChats();
  // what arrived while this device was away has now been delivered here (read follows when shown)
  for (const chat of state.chats.filter((c) => c.unreadCount > 0)) {
    session.tell('/app/chat.delivered', { chatId: chat.chatId, upToSeq: chat.lastSeq });
  }
}

let wasAway = false;
function connectionChanged(status) {
  $('connection').textContent = status;
  if (status !== 'connected') {
    wasAway = true;
  } else if (wasAway) {
    wasAway = false;
    catchUpAfterReconnect().catch((e) => showError('chat-error', e));
  }
}

/**
 * After a reconnect, what was sent while this page was away: each chat's head as the command side holds
 * it (session.heads, never behind an acknowledged send; the chat list follows the event stream and may
 * lag) is taken like a push, a hint that ChatFeed confirms with history (minSeq = the head).
 */
async function catchUpAfterReconnect() {
  const { heads } = await session.command('/app/session.heads', {});
  for (const head of heads) {
    await onEvent({ type: 'MessageReceived', chatId: head.chatId, seq: head.lastSeq });
  }
}

// ---- the chat list ----

async function loadChats() {
  state.chats = await api.get('/api/chats');
  for (const chat of state.chats) {
    if (chat.chatId !== state.open?.chatId) feed.knownUpTo(chat.chatId, chat.lastSeq);
  }
  const open = state.chats.find((c) => c.chatId === state.open?.chatId);
  if (open?.title) $('chat-title').textContent = open.title; // a new chat's title arrives with the list
  const list = $('chat-list');
  list.replaceChildren(...state.chats.map((chat) => {
    const item = element('li', chat.chatId === state.open?.chatId ? 'open' : '');
    item.dataset.chatId = chat.chatId;
    item.append(element('span', 'title', chat.title ?? chat.peerId ?? chat.chatId));
    if (chat.unreadCount > 0 && chat.chatId !== state.open?.chatId) {
      item.append(element('span', 'unread', String(chat.unreadCount)));
    }
    item.addEventListener('click', () => openChat(chat).catch((e) => showError('chat-error', e)));
    if (chat.type === 'PRIVATE') {
      trust.noticeOf(chat.peerId).then((notice) => {
        if (notice) item.querySelector('.title').after(element('span', 'device-badge', 'devices changed'));
      }, () => {});
    }
    return item;
  }));
}

/** A pushed event names a chat: the user's, if the chat list has it (read again, a few times, for a new one). */
async function isMyChat(chatId) {
  const known = () => chatId === state.open?.chatId || state.chats.some((c) => c.chatId === chatId);
  for (let attempt = 1; !known() && attempt <= 5; attempt++) {
    await new Promise((resolve) => { setTimeout(resolve, 300 * attempt); });
    await loadChats().catch(() => {});
  }
  return known();
}

let chatsReload;
function reloadChatsSoon() {
  clearTimeout(chatsReload);
  chatsReload = setTimeout(() => loadChats().catch(() => {}), 400);
}

/**
 * The read tables follow the event stream a moment after a push: reload the list until it shows the
 * chat at (at least) this seq, a few times at most.
 */
async function reloadChatsUntil(chatId, seq, attempts = 10) {
  for (let i = 0; i < attempts; i++) {
    await new Promise((resolve) => { setTimeout(resolve, 300 * (i + 1)); });
    await loadChats().catch(() => {});
    if (state.chats.some((c) => c.chatId === chatId && c.lastSeq >= seq)) return;
  }
}

$('new-private').addEventListener('submit', async (event) => {
  event.preventDefault();
  showError('chat-error');
  try {
    const peerId = $('peer-id').value.trim();
    const { chatId } = await api.get(`/api/users/${encodeURIComponent(peerId)}/private-chat`);
    const listed = state.chats.find((c) => c.chatId === chatId);
    await openChat(listed ?? { chatId, type: 'PRIVATE', peerId, title: peerId });
    $('peer-id').value = '';
  } catch (e) {
    showError('chat-error', e);
  }
});

$('new-group').addEventListener('submit', async (event) => {
  event.preventDefault();
  showError('chat-error');
  try {
    const name = $('group-name').value.trim();
    const memberIds = $('group-members').value.split(',').map((id) => id.trim()).filter(Boolean);
    const { groupId } = await session.command('/app/group.create', { name, memberIds });
    messaging.rememberMembers(groupId, [api.userId, ...memberIds]);
    await openChat({ chatId: groupId, type: 'GROUP', title: name });
    $('group-name').value = '';
    $('group-members').value = '';
    reloadChatsSoon();
  } catch (e) {
    showError('chat-error', e);
  }
});

// ---- the open conversation ----

async function openChat(chat) {
  state.open = chat;
  state.members = null;
  state.messages = new Map();
  state.receipts = new Map();
  $('chat-title').textContent = chat.title ?? chat.chatId;
  $('safety-number').textContent = '';
  $('member-numbers').hidden = true;
  $('trust-notices').replaceChildren();
  showSafetyNumber(chat).catch(() => {});
  reviewDevices(chat).catch(() => {});
  $('messages').replaceChildren();
  $('composer').hidden = false;
  showError('chat-error');
  // a private chat without messages is in no read table yet: nothing to load
  const listed = state.chats.some((c) => c.chatId === chat.chatId);
  const [history, receipts] = listed ? await Promise.all([
    api.get(`/api/chats/${chat.chatId}/messages?limit=100`).catch(notFoundAs({ messages: [] })),
    api.get(`/api/chats/${chat.chatId}/receipts`).catch(notFoundAs({ receipts: [] })),
  ]) : [{ messages: [] }, { receipts: [] }];
  if (state.open !== chat) return;
  for (const r of receipts.receipts) state.receipts.set(r.userId, r);
  feed.confirmedUpTo(chat.chatId, Math.max(0, ...history.messages.map((m) => m.seq)));
  for (const message of history.messages.reverse()) await showMessage(message);
  markRead();
  await loadChats();
}

/**
 * From the keys this client encrypts to (docs/protocol.md): a private chat's, or one per member of a
 * group. Both sides see the same number when neither side's devices were changed behind their back.
 */
async function showSafetyNumber(chat) {
  if (chat.type === 'PRIVATE') {
    const number = await messaging.safetyNumberWith(chat.peerId);
    if (state.open === chat) $('safety-number').textContent = `Safety number: ${number}`;
    return;
  }
  const others = (await messaging.membersOf(chat)).filter((userId) => userId !== api.userId).slice(0, MAX_MEMBERS_SHOWN);
  const rows = await Promise.all(others.map(async (userId) => {
    const row = element('li');
    row.dataset.userId = userId;
    row.append(element('span', 'member', nameOf(userId)), element('code', 'number', await messaging.safetyNumberWith(userId)));
    if (await trust.noticeOf(userId)) row.append(element('span', 'device-badge', 'devices changed'));
    return row;
  }));
  if (state.open !== chat) return;
  $('member-numbers').querySelector('ul').replaceChildren(...rows);
  $('member-numbers').querySelector('summary').textContent = `Safety numbers (${others.length} member${others.length === 1 ? '' : 's'})`;
  $('member-numbers').hidden = false;
}

/** The user's and the chat's members: whose devices matter to what is sent in this chat. */
async function peopleOf(chat) {
  const members = chat.type === 'PRIVATE' ? [chat.peerId] : (await messaging.membersOf(chat)).filter((u) => u !== api.userId);
  return [api.userId, ...members.slice(0, MAX_MEMBERS_SHOWN)];
}

// users whose devices this page compared with the directory; pushes tell it about later changes
const reviewed = new Set();

/**
 * Opening a chat reads its members' devices again, once per page (reads are rate limited): a change
 * no push announced, while no page was open, becomes a notice.
 */
async function reviewDevices(chat) {
  for (const userId of await peopleOf(chat)) {
    if (reviewed.has(userId)) continue;
    await trust.review(userId);
    reviewed.add(userId);
  }
  if (state.open === chat) await showNotices(chat);
}

let trustRefresh;
/** A pin or notice changed: the open chat's notices and numbers, and the list's badges, follow. */
function trustChangedSoon() {
  clearTimeout(trustRefresh);
  trustRefresh = setTimeout(async () => {
    const chat = state.open;
    if (chat) {
      await showNotices(chat).catch(() => {});
      await showSafetyNumber(chat).catch(() => {});
    }
    reloadChatsSoon();
  }, 100);
}

const COUNT = { added: ['added a new device', 'added {n} new devices'], removed: ['removed a device', 'removed {n} devices'],
  rotated: ['reset the keys of a device', 'reset the keys of {n} devices'] };

function describe(notice) {
  const parts = Object.entries(COUNT).filter(([what]) => notice[what].length > 0)
    .map(([what, [one, many]]) => (notice[what].length === 1 ? one : many.replace('{n}', notice[what].length)));
  return parts.join(' and ');
}

/** One notice per person of the open chat whose devices changed: plain words, the number, one action. */
async function showNotices(chat) {
  const notices = [];
  for (const userId of await peopleOf(chat)) {
    const notice = await trust.noticeOf(userId);
    if (notice) notices.push(await noticeElement(userId, notice));
  }
  if (state.open === chat) $('trust-notices').replaceChildren(...notices);
}

async function noticeElement(userId, notice) {
  const self = userId === api.userId;
  const name = self ? 'You' : nameOf(userId);
  const box = element('div', `notice ${notice.kind}`);
  box.dataset.userId = userId;
  box.setAttribute('role', 'status');
  const lines = [];
  if (notice.kind === 'changed') {
    box.append(element('strong', 'notice-title', self ? 'Your devices changed' : `${name}'s devices changed`));
    lines.push(`${name} ${describe(notice)}.`);
    lines.push(self
      ? 'If this was not you, change your password and remove the device you do not know.'
      : `This is normal when someone signs in on a new phone or browser. If you did not expect it, compare your new safety number with ${name} in person or on a call before you share anything sensitive.`);
  } else {
    box.append(element('strong', 'notice-title', self ? 'Your account lists a device you have not confirmed'
      : `${name} has a device you have not confirmed`));
    lines.push(`The server lists a device for ${self ? 'your account' : name} that this browser was never told about. Nothing is encrypted to it, and nothing from it is shown, until you trust it.`);
    lines.push(self ? 'Trust it only if you added it yourself.'
      : `Compare the safety number below with ${name} in person or on a call. Trust the device only if the numbers match.`);
  }
  for (const line of lines) box.append(element('p', '', line));
  const number = self ? null : await messaging.safetyNumberWith(userId, { proposed: notice.kind === 'unconfirmed' });
  if (number) {
    const line = element('p', 'notice-number', `${notice.kind === 'changed' ? 'New safety number' : 'Safety number with that device'}: `);
    line.append(element('code', 'digits', number));
    box.append(line);
  }
  const action = element('button', '', notice.kind === 'changed' ? 'Got it' : (self ? 'I added it: trust it' : 'Numbers match: trust the device'));
  action.addEventListener('click', async () => {
    if (notice.kind === 'changed') {
      await trust.acknowledge(userId);
    } else {
      await trust.accept(userId);
      await redrawUnreadable();
    }
  });
  box.append(action);
  return box;
}

/** After the user trusted a device: the messages that could not be verified before are opened again. */
async function redrawUnreadable() {
  for (const item of $('messages').querySelectorAll('li.undecryptable')) {
    const message = state.messages.get(Number(item.dataset.seq));
    if (message) await showText(item, message);
  }
}

function notFoundAs(empty) {
  return (e) => {
    if (e instanceof ApiError && e.status === 404) return empty; // a private chat without messages yet
    throw e;
  };
}

async function showMessage(message) {
  if (message.chatId !== state.open?.chatId || state.messages.has(message.seq)) return;
  const opened = state.messages; // a new map each time a chat is opened
  opened.set(message.seq, message);
  const mine = message.senderId === api.userId;
  const item = element('li', `message${mine ? ' mine' : ''}`);
  item.dataset.seq = String(message.seq);
  if (state.open.type === 'GROUP' && !mine) item.append(element('span', 'sender', nameOf(message.senderId)));
  item.append(element('span', 'text'));
  const meta = element('span', 'meta', new Date(message.sentAt).toLocaleTimeString());
  if (mine) meta.append(' ', element('span', 'status'));
  item.append(meta);
  await showText(item, message);
  // decrypting can take a directory read: the user may have opened another chat meanwhile
  if (state.messages !== opened) return;
  // keep seq order even if a push overtakes the history page
  const next = [...$('messages').children].find((li) => Number(li.dataset.seq) > message.seq);
  $('messages').insertBefore(item, next ?? null);
  updateStatuses();
  item.scrollIntoView({ block: 'end' });
}

/** Display names are known for private-chat peers (the chat list's titles); others show a short id. */
function nameOf(userId) {
  return state.chats.find((c) => c.type === 'PRIVATE' && c.peerId === userId)?.title ?? `user …${userId.slice(-6)}`;
}

async function showText(item, message) {
  const shown = await messaging.read(message);
  item.classList.toggle('undecryptable', Boolean(shown.error));
  item.querySelector('.text').textContent = shown.deleted ? 'message deleted'
    : shown.error === 'UNKNOWN_SENDER_DEVICE' ? 'Not shown: sent from a device you have not confirmed (see the notice above)'
      : shown.error ? `Cannot show this message (${shown.error})`
      : `${shown.text}${message.editedAt ? ' (edited)' : ''}`;
}

/** MessageEdited / MessageRedacted in the open chat: the message keeps its place, its text changes. */
async function changeMessage(event, change) {
  const message = state.messages.get(event.seq);
  const item = $('messages').querySelector(`li[data-seq="${event.seq}"]`);
  if (event.chatId !== state.open?.chatId || !message || !item) return;
  Object.assign(message, change);
  await showText(item, message);
}

/** sent, delivered to every other member, or read by every other member. */
function statusOf(seq) {
  const others = [...state.receipts.values()].filter((r) => r.userId !== api.userId);
  if (others.length > 0 && others.every((r) => r.readUpToSeq >= seq)) return 'read';
  if (others.length > 0 && others.every((r) => r.deliveredUpToSeq >= seq)) return 'delivered';
  return 'sent';
}

const MARKS = { sent: '✓', delivered: '✓✓', read: '✓✓ read' };

function updateStatuses() {
  for (const status of $('messages').querySelectorAll('.mine .status')) {
    const value = statusOf(Number(status.closest('li').dataset.seq));
    status.dataset.status = value;
    status.textContent = MARKS[value];
  }
}

function markRead() {
  const last = Math.max(0, ...state.messages.keys());
  if (last > 0 && document.visibilityState === 'visible') {
    session.tell('/app/chat.read', { chatId: state.open.chatId, upToSeq: last });
  }
}

document.addEventListener('visibilitychange', () => state.open && markRead());

$('composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const chat = state.open;
  const text = $('message-text').value;
  if (!chat || !text) return;
  $('message-text').value = '';
  showError('chat-error');
  try {
    const accepted = await messaging.send(chat, text);
    feed.accepted(accepted.chatId, accepted.seq);
    reloadChatsSoon();
    await showMessage({ chatId: accepted.chatId, seq: accepted.seq, senderId: api.userId,
      clientMessageId: accepted.clientMessageId, envelope: {}, sentAt: new Date().toISOString() });
  } catch (e) {
    $('message-text').value = text;
    if (e instanceof UntrustedDevicesError) {
      showError('chat-error', new Error('Not sent: someone in this chat has a device you have not confirmed. See the notice above.'));
      await showNotices(chat);
    } else {
      showError('chat-error', e);
    }
  }
});

// ---- pushed events ----

// A push is a hint, not the record (issue 12, point 1): messages are shown as history has them
// (ChatFeed), receipts only from the chat's members and never beyond what history confirmed.

async function onEvent(event) {
  switch (event.type) {
    case 'MessageReceived': {
      const confirmed = await feed.messageReceived(event);
      if (confirmed.length === 0) break;
      const upToSeq = confirmed.at(-1).seq;
      const fromOthers = confirmed.some((m) => m.senderId !== api.userId);
      if (fromOthers) session.tell('/app/chat.delivered', { chatId: event.chatId, upToSeq });
      if (event.chatId === state.open?.chatId) {
        for (const message of confirmed) await showMessage(message);
        if (fromOthers) markRead();
      }
      reloadChatsUntil(event.chatId, upToSeq);
      break;
    }
    case 'ReceiptUpdated':
      if (event.chatId === state.open?.chatId && await isMember(state.open, event.userId)) {
        const mark = feed.mark(event.chatId);
        state.receipts.set(event.userId, { ...event,
          deliveredUpToSeq: Math.min(event.deliveredUpToSeq, mark), readUpToSeq: Math.min(event.readUpToSeq, mark) });
        updateStatuses();
      }
      break;
    case 'MessageEdited':
    case 'MessageRedacted': {
      const message = await feed.messageChanged(event);
      if (message) await changeMessage(message, { envelope: message.envelope, editedAt: message.editedAt, redacted: message.redacted });
      break;
    }
    case 'DeviceListChanged':
      // read back from the directory and pinned; the notice and the new number follow (trustChangedSoon)
      if (typeof event.userId === 'string') await messaging.deviceListChanged(event.userId);
      break;
    case 'MemberAdded':
    case 'MemberRemoved':
      messaging.forgetMembers(event.groupId);
      if (event.groupId === state.open?.chatId) state.members = null;
      reloadChatsSoon();
      break;
    case 'GroupRenamed':
      reloadChatsSoon();
      break;
    default:
  }
}

async function isMember(chat, userId) {
  if (chat.type === 'PRIVATE') return userId === api.userId || userId === chat.peerId;
  state.members ??= messaging.membersOf(chat).catch(() => { state.members = null; return []; });
  return (await state.members).includes(userId);
}

// ---- resume a session from the refresh cookie ----

// Only when a session cookie exists: a refresh that is bound to fail would only add a 401 to the console.
if (document.cookie.split('; ').some((c) => c.startsWith('parley_csrf='))) {
  // Entering can still fail: a browser with no device of its own must publish one, which needs a
  // fresh password login (the server's fresh-authentication rule), so it asks for the password.
  api.refresh().then(() => enter().catch(signedOut), () => {});
}
