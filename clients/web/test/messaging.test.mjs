import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encode } from '../src/crypto/base64url.js';
import { openText, seal } from '../src/crypto/envelope.js';
import { generateDeviceIdentity } from '../src/crypto/keys.js';
import { Messaging } from '../src/messaging.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const CHAT = '6f9619ff-8b86-4d01-b42d-00cf4fc964ff';

async function device(userId, deviceId) {
  return { userId, deviceId, ...(await generateDeviceIdentity()) };
}

const listed = (d) => ({ deviceId: d.deviceId, agreementKey: encode(d.agreementPublicKey), signingKey: encode(d.signingPublicKey) });

/** The key directory and chat id as the REST API answers them. */
function directory(devicesByUser) {
  return {
    userId: ALICE,
    async get(path) {
      if (path === `/api/users/${BOB}/private-chat`) return { chatId: CHAT, peerId: BOB };
      const user = path.match(/^\/api\/users\/([^/]+)\/devices$/)?.[1];
      if (user) return { userId: user, devices: devicesByUser[user].map(listed) };
      throw new Error(`unexpected GET ${path}`);
    },
  };
}

const memory = () => {
  const texts = new Map();
  return { put: async (u, id, text) => texts.set(`${u}/${id}`, text), get: async (u, id) => texts.get(`${u}/${id}`) };
};

test('a send goes to every device of both members but the sending one, bound to the chat id', async () => {
  const laptop = await device(ALICE, 'laptop');
  const alicePhone = await device(ALICE, 'alice-phone');
  const bobPhone = await device(BOB, 'phone');
  const sent = [];
  const session = { send: async (destination, body) => { sent.push({ destination, body }); return { type: 'MessageAccepted', seq: 1 }; } };
  const messaging = new Messaging(directory({ [ALICE]: [laptop, alicePhone], [BOB]: [bobPhone] }), session, laptop, memory());

  await messaging.send({ type: 'PRIVATE', peerId: BOB }, 'hello');

  assert.equal(sent.length, 1);
  assert.equal(sent[0].destination, '/app/private.send');
  assert.deepEqual(sent[0].body.envelope.recipients.map((r) => `${r.userId}/${r.deviceId}`), [`${ALICE}/alice-phone`, `${BOB}/phone`]);
  const context = { chatId: CHAT, senderUserId: ALICE, senderDeviceId: 'laptop', clientMessageId: sent[0].body.clientMessageId };
  for (const reader of [alicePhone, bobPhone]) {
    assert.equal(await openText(sent[0].body.envelope, context, reader, laptop.signingPublicKey), 'hello');
  }
});

test('with no other device to read it, nothing is sent', async () => {
  const laptop = await device(ALICE, 'laptop');
  let calls = 0;
  const session = { send: async () => { calls++; } };
  const messaging = new Messaging(directory({ [ALICE]: [laptop], [BOB]: [] }), session, laptop, memory());

  await assert.rejects(messaging.send({ type: 'PRIVATE', peerId: BOB, chatId: CHAT }, 'hello?'), /nobody can read this yet/);
  assert.equal(calls, 0);
});

test('an edited message is opened under edit/<seq>, as docs/e2ee.md "Edits" binds it', async () => {
  const laptop = await device(ALICE, 'laptop');
  const bobPhone = await device(BOB, 'phone');
  const editContext = { chatId: CHAT, senderUserId: ALICE, senderDeviceId: 'laptop', clientMessageId: 'edit/7' };
  const envelope = await seal('fixed typo', editContext, laptop, [{ userId: BOB, deviceId: 'phone', agreementKey: bobPhone.agreementPublicKey }]);
  const bob = new Messaging({ ...directory({ [ALICE]: [laptop], [BOB]: [bobPhone] }), userId: BOB }, {}, bobPhone, memory());
  const message = { chatId: CHAT, seq: 7, senderId: ALICE, clientMessageId: 'm-7', envelope, editedAt: '2026-11-26T09:00:00Z' };

  assert.deepEqual(await bob.read(message), { text: 'fixed typo' });
  assert.deepEqual(await bob.read({ ...message, seq: 8 }), { error: 'BAD_SIGNATURE' });
});

test('STALE_DEVICES: re-sealed once to exactly the server\'s reader list, announced meanwhile, under the same clientMessageId', async () => {
  const laptop = await device(ALICE, 'laptop');
  const oldPhone = await device(BOB, 'old-phone');
  const newPhone = await device(BOB, 'new-phone');
  const bobsDevices = [oldPhone];
  const sent = [];
  let messaging;
  const session = {
    async send(destination, body) {
      sent.push(body);
      if (sent.length === 1) {
        // bob swapped phones: the DeviceListChanged push and the refusal race
        bobsDevices.splice(0, 1, newPhone);
        messaging.deviceListChanged(BOB);
        const devices = [{ userId: BOB, deviceId: newPhone.deviceId, ...listed(newPhone) }];
        throw Object.assign(new Error('STALE_DEVICES'), { reply: { type: 'CommandRejected', clientMessageId: body.clientMessageId, code: 'STALE_DEVICES', devices } });
      }
      return { type: 'MessageAccepted', clientMessageId: body.clientMessageId, chatId: CHAT, seq: 1 };
    },
  };
  messaging = new Messaging(directory({ [ALICE]: [laptop], [BOB]: bobsDevices }), session, laptop, memory());

  const accepted = await messaging.send({ type: 'PRIVATE', peerId: BOB, chatId: CHAT }, 'hi again');

  assert.equal(accepted.type, 'MessageAccepted');
  assert.equal(sent.length, 2);
  assert.equal(sent[1].clientMessageId, sent[0].clientMessageId);
  assert.deepEqual(sent[1].envelope.recipients.map((r) => `${r.userId}/${r.deviceId}`), [`${BOB}/new-phone`]);
  const context = { chatId: CHAT, senderUserId: ALICE, senderDeviceId: 'laptop', clientMessageId: sent[1].clientMessageId };
  assert.equal(await openText(sent[1].envelope, context, newPhone, laptop.signingPublicKey), 'hi again');
  assert.deepEqual(await messaging.trust.noticeOf(BOB), { kind: 'changed', added: ['new-phone'], removed: ['old-phone'], rotated: [] });
});

test('a second STALE_DEVICES is not retried again, and other refusals are not retried at all', async () => {
  const laptop = await device(ALICE, 'laptop');
  const bobPhone = await device(BOB, 'phone');
  for (const code of ['STALE_DEVICES', 'RATE_LIMITED', 'OVERLOADED']) {
    let calls = 0;
    const session = {
      async send(destination, body) {
        calls++;
        throw Object.assign(new Error(code), { reply: { code, clientMessageId: body.clientMessageId, devices: [{ userId: BOB, ...listed(bobPhone) }] } });
      },
    };
    const messaging = new Messaging(directory({ [ALICE]: [laptop], [BOB]: [bobPhone] }), session, laptop, memory());
    await assert.rejects(messaging.send({ type: 'PRIVATE', peerId: BOB, chatId: CHAT }, 'x'), (e) => e.reply.code === code);
    assert.equal(calls, code === 'STALE_DEVICES' ? 2 : 1);
  }
});

test('reading: a message from another device verifies against the directory; own texts come from the local record', async () => {
  const laptop = await device(ALICE, 'laptop');
  const bobPhone = await device(BOB, 'phone');
  const sent = [];
  const texts = memory();
  const session = { send: async (d, body) => { sent.push(body); return { type: 'MessageAccepted' }; } };
  const alice = new Messaging(directory({ [ALICE]: [laptop], [BOB]: [bobPhone] }), session, laptop, texts);
  await alice.send({ type: 'PRIVATE', peerId: BOB, chatId: CHAT }, 'from the laptop');
  const message = { chatId: CHAT, seq: 1, senderId: ALICE, clientMessageId: sent[0].clientMessageId, envelope: sent[0].envelope };

  const bobApi = { ...directory({ [ALICE]: [laptop], [BOB]: [bobPhone] }), userId: BOB };
  const bob = new Messaging(bobApi, session, bobPhone, memory());
  assert.deepEqual(await bob.read(message), { text: 'from the laptop' });
  assert.deepEqual(await bob.read({ ...message, clientMessageId: 'other' }), { error: 'BAD_SIGNATURE' });
  assert.deepEqual(await alice.read(message), { text: 'from the laptop' });
  assert.deepEqual(await bob.read({ ...message, envelope: null, redacted: true }), { deleted: true });
});
