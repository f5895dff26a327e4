// Issue 12, point 1 (client side): forged MessageReceived / MessageEdited / MessageRedacted frames fed
// to the page's event handling. History is the record; a push is only a hint.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChatFeed } from '../src/chat-feed.js';

const MINE = 'c0000000-0000-4000-8000-000000000001';
const FOREIGN = 'c0000000-0000-4000-8000-0000000000ff';
const ALICE = '11111111-1111-4111-8111-111111111111';
const MALLORY = '99999999-9999-4999-8999-999999999999';

const real = (seq, extra = {}) => ({ type: 'MessageReceived', chatId: MINE, chatType: 'PRIVATE', seq, senderId: ALICE,
  clientMessageId: `m-${seq}`, envelope: { v: 1, real: seq }, sentAt: '2026-12-02T10:00:00Z', ...extra });

/** The server's history of the user's one chat; any other chat answers 404 as the API does. */
function server(messages) {
  const calls = [];
  const history = async (chatId, { afterSeq, minSeq, limit }) => {
    calls.push({ chatId, afterSeq, minSeq, limit });
    if (chatId !== MINE) throw Object.assign(new Error('not found'), { status: 404 });
    return messages.filter((m) => m.seq > afterSeq).slice(0, limit).map((m) => ({ ...m }));
  };
  return { messages, calls, history };
}

function feed(history, myChats = [MINE]) {
  return new ChatFeed({ history, isMyChat: async (chatId) => myChats.includes(chatId), sleep: async () => {} });
}

test('an event for a chat the user is not in is ignored: nothing shown, no read, no mark', async () => {
  const { calls, history } = server([real(1)]);
  const chats = feed(history);

  assert.deepEqual(await chats.messageReceived({ ...real(7), chatId: FOREIGN, senderId: MALLORY }), []);
  assert.equal(chats.mark(FOREIGN), 0);
  assert.deepEqual(calls, []);
});

test('a forged far-ahead seq does not move the mark past history, and the real next message still shows', async () => {
  const log = server([real(1), real(2), real(3)]);
  const chats = feed(log.history);
  chats.confirmedUpTo(MINE, 2);

  const shown = await chats.messageReceived({ ...real(1000), senderId: MALLORY, envelope: { forged: true } });
  assert.deepEqual(shown.map((m) => m.seq), [3], 'only what history has after the mark');
  assert.equal(chats.mark(MINE), 3, 'the mark stops at the seq history confirms');

  log.messages.push(real(4));
  const next = await chats.messageReceived(real(4));
  assert.deepEqual(next.map((m) => m.seq), [4], 'catch-up was not stopped by the forged seq');
  assert.equal(chats.mark(MINE), 4);
});

test('a forged event with the next expected seq shows nothing, and the real message with that seq is not hidden', async () => {
  const log = server([real(1)]);
  const chats = feed(log.history);
  chats.confirmedUpTo(MINE, 1);

  const forged = { ...real(2), senderId: MALLORY, clientMessageId: 'forged', envelope: { forged: true } };
  assert.deepEqual(await chats.messageReceived(forged), []);
  assert.equal(chats.mark(MINE), 1);

  log.messages.push(real(2));
  const shown = await chats.messageReceived(real(2));
  assert.deepEqual(shown, [real(2)], 'the real message, as history has it');
});

test('what is shown is history\'s copy, never the pushed body', async () => {
  const log = server([real(1), real(2)]);
  const chats = feed(log.history);
  chats.confirmedUpTo(MINE, 1);

  const shown = await chats.messageReceived({ ...real(2), senderId: MALLORY, clientMessageId: 'forged', envelope: { forged: true } });
  assert.deepEqual(shown, [real(2)]);
  assert.deepEqual(log.calls, [{ chatId: MINE, afterSeq: 1, minSeq: 2, limit: 200 }], 'one read after the mark, waiting for the pushed seq');
});

test('a repeated or old seq reads nothing and changes nothing', async () => {
  const log = server([real(1), real(2)]);
  const chats = feed(log.history);
  chats.confirmedUpTo(MINE, 2);

  assert.deepEqual(await chats.messageReceived({ ...real(1), senderId: MALLORY }), []);
  assert.deepEqual(await chats.messageReceived(real(2)), []);
  assert.deepEqual(log.calls, []);
  assert.equal(chats.mark(MINE), 2);
});

test('a gap in history stops the mark below it, so the missing message is read on the next catch-up', async () => {
  const log = server([real(1), real(3)]);
  const chats = feed(log.history);

  assert.deepEqual((await chats.messageReceived(real(3))).map((m) => m.seq), [1]);
  assert.equal(chats.mark(MINE), 1);
});

test('pushes that race are confirmed one at a time: each message is returned once', async () => {
  const log = server([real(1), real(2), real(3)]);
  const chats = feed(log.history);

  const results = await Promise.all([chats.messageReceived(real(1)), chats.messageReceived(real(2)), chats.messageReceived(real(3))]);
  assert.deepEqual(results.flat().map((m) => m.seq), [1, 2, 3]);
  assert.equal(chats.mark(MINE), 3);
});

test('malformed events are ignored', async () => {
  const log = server([real(1)]);
  const chats = feed(log.history);
  for (const event of [null, {}, { chatId: MINE }, { chatId: MINE, seq: '2' }, { chatId: MINE, seq: 0 }, { chatId: MINE, seq: 2.5 }]) {
    assert.deepEqual(await chats.messageReceived(event), []);
  }
  assert.deepEqual(log.calls, []);
});

test('a forged redaction or edit changes nothing; one history confirms is returned as history has it', async () => {
  const log = server([real(1), real(2)]);
  const chats = feed(log.history);
  chats.confirmedUpTo(MINE, 2);

  assert.equal(await chats.messageChanged({ type: 'MessageRedacted', chatId: MINE, seq: 2, redactedBy: MALLORY }), null);
  assert.equal(await chats.messageChanged({ type: 'MessageEdited', chatId: MINE, seq: 2, envelope: { forged: true }, editedAt: '2026-12-02T11:00:00Z' }), null);
  assert.equal(await chats.messageChanged({ type: 'MessageRedacted', chatId: FOREIGN, seq: 2 }), null);
  assert.equal(await chats.messageChanged({ type: 'MessageRedacted', chatId: MINE, seq: 9 }), null, 'beyond the mark');

  log.messages[1] = { ...real(2), envelope: null, redacted: true };
  assert.deepEqual(await chats.messageChanged({ type: 'MessageRedacted', chatId: MINE, seq: 2 }), log.messages[1]);
});

test('the chat list only raises the mark; an own accepted send moves it only when it is the next seq', () => {
  const chats = feed(server([]).history);
  chats.knownUpTo(MINE, 5);
  chats.knownUpTo(MINE, 3);
  assert.equal(chats.mark(MINE), 5);
  chats.accepted(MINE, 7);
  assert.equal(chats.mark(MINE), 5);
  chats.accepted(MINE, 6);
  assert.equal(chats.mark(MINE), 6);
});
