// The page: sign-in, the chat list, one open conversation. Every text from the network is shown
// with textContent only, never parsed as HTML.

import './styles.css';
import { Api, ApiError } from './api.js';
import { ensureDevice, sentTexts } from './device.js';
import { safetyNumber } from './crypto/safety-number.js';
import { Messaging } from './messaging.js';
import { Session } from './stomp.js';

const $ = (id) => document.getElementById(id);
const api = new Api();
const state = { chats: [], open: null, messages: new Map(), receipts: new Map() };
let session;
let messaging;

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
  session = new Session(api, onEvent, (status) => { $('connection').textContent = status; }, signedOut);
  messaging = new Messaging(api, session, device, sentTexts);
  $('me-name').textContent = api.username ?? 'Signed in';
  $('me-id').textContent = api.userId;
  $('me-device').textContent = device.deviceId;
  $('auth-view').hidden = true;
  $('chat-view').hidden = false;
  await session.start();
  await loadChats();
  // what arrived while this device was away has now been delivered here (read follows when shown)
  for (const chat of state.chats.filter((c) => c.unreadCount > 0)) {
    session.tell('/app/chat.delivered', { chatId: chat.chatId, upToSeq: chat.lastSeq });
  }
}

// ---- the chat list ----

async function loadChats() {
  state.chats = await api.get('/api/chats');
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
    return item;
  }));
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
  state.messages = new Map();
  state.receipts = new Map();
  $('chat-title').textContent = chat.title ?? chat.chatId;
  $('safety-number').textContent = '';
  showSafetyNumber(chat).catch(() => {});
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
  for (const message of history.messages.reverse()) await showMessage(message);
  markRead();
  await loadChats();
}

/** Of a private chat, from the keys this client encrypts to (docs/protocol.md): both sides see the same. */
async function showSafetyNumber(chat) {
  if (chat.type !== 'PRIVATE') return;
  const parties = await Promise.all([api.userId, chat.peerId].map(async (userId) => ({
    userId, signingKeys: (await messaging.devicesOf(userId)).map((d) => d.signingKey),
  })));
  const number = await safetyNumber(parties);
  if (state.open === chat) $('safety-number').textContent = `Safety number: ${number}`;
}

function notFoundAs(empty) {
  return (e) => {
    if (e instanceof ApiError && e.status === 404) return empty; // a private chat without messages yet
    throw e;
  };
}

async function showMessage(message) {
  if (message.chatId !== state.open?.chatId || state.messages.has(message.seq)) return;
  state.messages.set(message.seq, message);
  const mine = message.senderId === api.userId;
  const item = element('li', `message${mine ? ' mine' : ''}`);
  item.dataset.seq = String(message.seq);
  if (state.open.type === 'GROUP' && !mine) item.append(element('span', 'sender', nameOf(message.senderId)));
  item.append(element('span', 'text'));
  const meta = element('span', 'meta', new Date(message.sentAt).toLocaleTimeString());
  if (mine) meta.append(' ', element('span', 'status'));
  item.append(meta);
  await showText(item, message);
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
    reloadChatsSoon();
    await showMessage({ chatId: accepted.chatId, seq: accepted.seq, senderId: api.userId,
      clientMessageId: accepted.clientMessageId, envelope: {}, sentAt: new Date().toISOString() });
  } catch (e) {
    $('message-text').value = text;
    showError('chat-error', e);
  }
});

// ---- pushed events ----

async function onEvent(event) {
  switch (event.type) {
    case 'MessageReceived':
      if (event.senderId !== api.userId) session.tell('/app/chat.delivered', { chatId: event.chatId, upToSeq: event.seq });
      if (event.chatId === state.open?.chatId) {
        await showMessage(event);
        if (event.senderId !== api.userId) markRead();
      }
      reloadChatsUntil(event.chatId, event.seq);
      break;
    case 'ReceiptUpdated':
      if (event.chatId === state.open?.chatId) {
        state.receipts.set(event.userId, event);
        updateStatuses();
      }
      break;
    case 'MessageEdited':
      await changeMessage(event, { envelope: event.envelope, editedAt: event.editedAt });
      break;
    case 'MessageRedacted':
      await changeMessage(event, { envelope: null, redacted: true });
      break;
    case 'DeviceListChanged':
      messaging.forgetDevices(event.userId);
      if (state.open && [api.userId, state.open.peerId].includes(event.userId)) await showSafetyNumber(state.open);
      break;
    case 'MemberAdded':
    case 'MemberRemoved':
      messaging.forgetMembers(event.groupId);
      reloadChatsSoon();
      break;
    case 'GroupRenamed':
      reloadChatsSoon();
      break;
    default:
  }
}

// ---- resume a session from the refresh cookie ----

// Only when a session cookie exists: a refresh that is bound to fail would only add a 401 to the console.
if (document.cookie.split('; ').some((c) => c.startsWith('parley_csrf='))) {
  api.refresh().then(enter, () => {});
}
