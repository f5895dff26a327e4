// Issue 12, point 3: the client pins each contact's devices (trust on first use), tells the user when
// they change, and never seals to a device the user has not seen announced.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encode } from '../src/crypto/base64url.js';
import { openText, seal } from '../src/crypto/envelope.js';
import { generateDeviceIdentity } from '../src/crypto/keys.js';
import { safetyNumber } from '../src/crypto/safety-number.js';
import { Messaging } from '../src/messaging.js';
import { DeviceTrust, memoryPins, UntrustedDevicesError } from '../src/trust.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const CAROL = '33333333-3333-4333-8333-333333333333';
const CHAT = '6f9619ff-8b86-4d01-b42d-00cf4fc964ff';
const GROUP = '7f9619ff-8b86-4d01-b42d-00cf4fc964ff';

async function device(userId, deviceId) {
  return { userId, deviceId, ...(await generateDeviceIdentity()) };
}

const listed = (d) => ({ deviceId: d.deviceId, agreementKey: encode(d.agreementPublicKey), signingKey: encode(d.signingPublicKey) });
const withUser = (d) => ({ userId: d.userId, ...listed(d) });

/** The server's key directory (mutable: the server may change it, honestly or not) and group members. */
function server(devicesByUser) {
  const reads = [];
  const api = {
    userId: ALICE,
    async get(path) {
      const user = path.match(/^\/api\/users\/([^/]+)\/devices$/)?.[1];
      if (user) {
        reads.push(user);
        return { userId: user, devices: (devicesByUser[user] ?? []).map(listed) };
      }
      if (path.startsWith(`/api/groups/${GROUP}`)) return { members: [ALICE, BOB, CAROL].map((userId) => ({ userId })), nextCursor: null };
      throw new Error(`unexpected GET ${path}`);
    },
  };
  return { api, devicesByUser, reads };
}

const memory = () => {
  const texts = new Map();
  return { put: async (u, id, text) => texts.set(`${u}/${id}`, text), get: async (u, id) => texts.get(`${u}/${id}`) };
};

/** Alice's client; `pins` survive a "reload" when passed to a second one. */
function client(api, laptop, { pins = memoryPins(), session = {} } = {}) {
  const trust = new DeviceTrust(pins, async (userId) => (await api.get(`/api/users/${userId}/devices`)).devices,
    { announceWaitMs: 30, sleep: async () => {} });
  return new Messaging(api, session, laptop, memory(), trust);
}

/** A session that refuses the first send with STALE_DEVICES listing these devices, then accepts. */
function staleOnce(devices) {
  const sent = [];
  return {
    sent,
    async send(destination, body) {
      sent.push(body);
      if (sent.length === 1) {
        throw Object.assign(new Error('STALE_DEVICES'), { reply: { code: 'STALE_DEVICES', clientMessageId: body.clientMessageId, devices } });
      }
      return { type: 'MessageAccepted', clientMessageId: body.clientMessageId, chatId: CHAT, seq: 1 };
    },
  };
}

const recipients = (body) => body.envelope.recipients.map((r) => r.deviceId);

test('first sight pins the devices; a device the directory adds later without an announcement is not sealed to', async () => {
  const laptop = await device(ALICE, 'laptop');
  const phone = await device(BOB, 'phone');
  const { api, devicesByUser } = server({ [ALICE]: [laptop], [BOB]: [phone] });
  const sent = [];
  const alice = client(api, laptop, { session: { send: async (d, body) => { sent.push(body); return { type: 'MessageAccepted' }; } } });

  await alice.send({ type: 'PRIVATE', peerId: BOB, chatId: CHAT }, 'one');
  devicesByUser[BOB].push(await device(BOB, 'planted'));
  await alice.send({ type: 'PRIVATE', peerId: BOB, chatId: CHAT }, 'two');

  assert.deepEqual(sent.map(recipients), [['phone'], ['phone']]);
  assert.equal(await alice.trust.noticeOf(BOB), null, 'first sight is trust on first use: no notice');
});

test('pins survive a reload: a device planted while the page was closed is not trusted by the next page', async () => {
  const laptop = await device(ALICE, 'laptop');
  const phone = await device(BOB, 'phone');
  const { api, devicesByUser } = server({ [ALICE]: [laptop], [BOB]: [phone] });
  const pins = memoryPins();
  await client(api, laptop, { pins }).devicesOf(BOB);
  devicesByUser[BOB].push(await device(BOB, 'planted'));

  const reloaded = client(api, laptop, { pins });
  assert.deepEqual((await reloaded.devicesOf(BOB)).map((d) => d.deviceId), ['phone']);
  const notice = await (await reloaded.trust.review(BOB)).notice;
  assert.deepEqual(notice, { kind: 'unconfirmed', added: ['planted'], removed: [], rotated: [] }, 'opening the chat shows the difference');
  assert.deepEqual((await reloaded.devicesOf(BOB)).map((d) => d.deviceId), ['phone'], 'and still does not seal to it');
});

test('STALE_DEVICES naming a device never announced: the send is refused, nothing is sealed to it, the user is told', async () => {
  const laptop = await device(ALICE, 'laptop');
  const phone = await device(BOB, 'phone');
  const planted = await device(BOB, 'planted');
  const { api } = server({ [ALICE]: [laptop], [BOB]: [phone] });
  const session = staleOnce([withUser(phone), withUser(planted)]);
  const alice = client(api, laptop, { session });

  await assert.rejects(alice.send({ type: 'PRIVATE', peerId: BOB, chatId: CHAT }, 'secret'),
    (e) => e instanceof UntrustedDevicesError && e.userIds.join() === BOB);
  assert.equal(session.sent.length, 1, 'not re-sealed');
  assert.deepEqual(session.sent[0].envelope.recipients.map((r) => r.deviceId), ['phone']);
  assert.deepEqual(await alice.trust.noticeOf(BOB), { kind: 'unconfirmed', added: ['planted'], removed: [], rotated: [] });
  assert.notEqual(await alice.safetyNumberWith(BOB, { proposed: true }), await alice.safetyNumberWith(BOB),
    'the number to compare before trusting differs from the current one');
});

test('a known device id with a substituted key in STALE_DEVICES is refused too', async () => {
  const laptop = await device(ALICE, 'laptop');
  const phone = await device(BOB, 'phone');
  const impostor = await device(BOB, 'phone');
  const { api } = server({ [ALICE]: [laptop], [BOB]: [phone] });
  const session = staleOnce([withUser(impostor)]);
  const alice = client(api, laptop, { session });

  await assert.rejects(alice.send({ type: 'PRIVATE', peerId: BOB, chatId: CHAT }, 'secret'), UntrustedDevicesError);
  assert.equal(session.sent.length, 1);
  assert.deepEqual(await alice.trust.noticeOf(BOB), { kind: 'unconfirmed', added: [], removed: [], rotated: ['phone'] });
});

test('after the user compares the safety number and trusts the device, the send goes to it', async () => {
  const laptop = await device(ALICE, 'laptop');
  const phone = await device(BOB, 'phone');
  const tablet = await device(BOB, 'tablet');
  const { api } = server({ [ALICE]: [laptop], [BOB]: [phone] });
  const session = staleOnce([withUser(phone), withUser(tablet)]);
  const alice = client(api, laptop, { session });
  await assert.rejects(alice.send({ type: 'PRIVATE', peerId: BOB, chatId: CHAT }, 'hello'), UntrustedDevicesError);
  const proposed = await alice.safetyNumberWith(BOB, { proposed: true });

  await alice.trust.accept(BOB);

  assert.equal(await alice.safetyNumberWith(BOB), proposed);
  assert.equal(await alice.trust.noticeOf(BOB), null);
  await alice.send({ type: 'PRIVATE', peerId: BOB, chatId: CHAT }, 'hello');
  assert.deepEqual(recipients(session.sent.at(-1)), ['phone', 'tablet']);
});

test('an announced change (DeviceListChanged read back from the directory) is pinned, with a notice and a changed safety number', async () => {
  const laptop = await device(ALICE, 'laptop');
  const phone = await device(BOB, 'phone');
  const tablet = await device(BOB, 'tablet');
  const { api, devicesByUser, reads } = server({ [ALICE]: [laptop], [BOB]: [phone] });
  const alice = client(api, laptop);
  const before = await alice.safetyNumberWith(BOB);

  devicesByUser[BOB].push(tablet);
  await alice.deviceListChanged(BOB);

  assert.deepEqual(reads.filter((u) => u === BOB).length, 2, 'the push is checked against the directory, not believed');
  assert.deepEqual(await alice.trust.noticeOf(BOB), { kind: 'changed', added: ['tablet'], removed: [], rotated: [] });
  const after = await alice.safetyNumberWith(BOB);
  assert.notEqual(after, before);
  assert.equal(after, await safetyNumber([{ userId: ALICE, signingKeys: [listed(laptop).signingKey] },
    { userId: BOB, signingKeys: [phone, tablet].map((d) => listed(d).signingKey) }]), 'the documented algorithm on the pinned keys');
  await alice.trust.acknowledge(BOB);
  assert.equal(await alice.trust.noticeOf(BOB), null);
});

test('a new device on the user\'s own account is announced to the user as well', async () => {
  const laptop = await device(ALICE, 'laptop');
  const { api, devicesByUser } = server({ [ALICE]: [laptop] });
  const alice = client(api, laptop);
  await alice.devicesOf(ALICE);

  devicesByUser[ALICE].push(await device(ALICE, 'unknown-browser'));
  await alice.deviceListChanged(ALICE);

  assert.deepEqual(await alice.trust.noticeOf(ALICE), { kind: 'changed', added: ['unknown-browser'], removed: [], rotated: [] });
});

test('a revoked device: sealing to fewer devices is allowed at once, the pin shrinks and the user is told', async () => {
  const laptop = await device(ALICE, 'laptop');
  const phone = await device(BOB, 'phone');
  const oldPhone = await device(BOB, 'old-phone');
  const { api } = server({ [ALICE]: [laptop], [BOB]: [oldPhone, phone] });
  const session = staleOnce([withUser(phone)]);
  const alice = client(api, laptop, { session });

  await alice.send({ type: 'PRIVATE', peerId: BOB, chatId: CHAT }, 'hi');

  assert.deepEqual(session.sent.map(recipients), [['old-phone', 'phone'], ['phone']]);
  assert.deepEqual((await alice.devicesOf(BOB)).map((d) => d.deviceId), ['phone']);
  assert.deepEqual(await alice.trust.noticeOf(BOB), { kind: 'changed', added: [], removed: ['old-phone'], rotated: [] });
});

test('a message from a device never announced is not shown until the user trusts it', async () => {
  const laptop = await device(ALICE, 'laptop');
  const phone = await device(BOB, 'phone');
  const planted = await device(BOB, 'planted');
  const { api, devicesByUser } = server({ [ALICE]: [laptop], [BOB]: [phone] });
  const alice = client(api, laptop);
  await alice.devicesOf(BOB);
  devicesByUser[BOB].push(planted);
  const context = { chatId: CHAT, senderUserId: BOB, senderDeviceId: 'planted', clientMessageId: 'm-1' };
  const envelope = await seal('click this link', context, planted, [{ userId: ALICE, deviceId: 'laptop', agreementKey: laptop.agreementPublicKey }]);
  const message = { chatId: CHAT, seq: 1, senderId: BOB, clientMessageId: 'm-1', envelope };

  assert.deepEqual(await alice.read(message), { error: 'UNKNOWN_SENDER_DEVICE' });
  assert.equal((await alice.trust.noticeOf(BOB)).kind, 'unconfirmed');
  await alice.trust.accept(BOB);
  assert.deepEqual(await alice.read(message), { text: 'click this link' });
  assert.equal(await openText(envelope, context, { ...laptop }, planted.signingPublicKey), 'click this link');
});

test('groups: one safety number per member, and only the member whose devices changed gets a new one', async () => {
  const laptop = await device(ALICE, 'laptop');
  const bobPhone = await device(BOB, 'phone');
  const carolPhone = await device(CAROL, 'phone');
  const { api, devicesByUser } = server({ [ALICE]: [laptop], [BOB]: [bobPhone], [CAROL]: [carolPhone] });
  const alice = client(api, laptop);
  const members = await alice.membersOf({ type: 'GROUP', chatId: GROUP });
  const numbers = async () => Promise.all(members.filter((m) => m !== ALICE).map((m) => alice.safetyNumberWith(m)));
  const [bobBefore, carolBefore] = await numbers();
  assert.equal(bobBefore, await safetyNumber([{ userId: ALICE, signingKeys: [listed(laptop).signingKey] }, { userId: BOB, signingKeys: [listed(bobPhone).signingKey] }]));

  devicesByUser[CAROL].push(await device(CAROL, 'laptop'));
  await alice.deviceListChanged(CAROL);

  const [bobAfter, carolAfter] = await numbers();
  assert.equal(bobAfter, bobBefore);
  assert.notEqual(carolAfter, carolBefore);
});

test('a group send is refused when any member has an unannounced device, and no one gets the message', async () => {
  const laptop = await device(ALICE, 'laptop');
  const bobPhone = await device(BOB, 'phone');
  const carolPhone = await device(CAROL, 'phone');
  const planted = await device(CAROL, 'planted');
  const { api } = server({ [ALICE]: [laptop], [BOB]: [bobPhone], [CAROL]: [carolPhone] });
  const session = staleOnce([withUser(bobPhone), withUser(carolPhone), withUser(planted)]);
  const alice = client(api, laptop, { session });

  await assert.rejects(alice.send({ type: 'GROUP', chatId: GROUP }, 'plans'), (e) => e.userIds.join() === CAROL);
  assert.equal(session.sent.length, 1);
});

test('a contact seen with no device yet gets trust on first use when the first device appears', async () => {
  const laptop = await device(ALICE, 'laptop');
  const phone = await device(BOB, 'phone');
  const { api, devicesByUser } = server({ [ALICE]: [laptop], [BOB]: [] });
  const session = staleOnce([withUser(phone)]);
  const alice = client(api, laptop, { session });
  assert.deepEqual(await alice.devicesOf(BOB), []);

  devicesByUser[BOB].push(phone);
  await alice.send({ type: 'PRIVATE', peerId: BOB, chatId: CHAT }, 'welcome');

  assert.deepEqual(recipients(session.sent.at(-1)), ['phone']);
  assert.equal(await alice.trust.noticeOf(BOB), null);
});

test('an announcement the directory shows only a moment later still counts, within its window', async () => {
  const laptop = await device(ALICE, 'laptop');
  const phone = await device(BOB, 'phone');
  const tablet = await device(BOB, 'tablet');
  const { api, devicesByUser } = server({ [ALICE]: [laptop], [BOB]: [phone] });
  const session = staleOnce([withUser(phone), withUser(tablet)]);
  const alice = client(api, laptop, { session });
  await alice.devicesOf(BOB);

  await alice.deviceListChanged(BOB); // the push came before the read table had the new device
  devicesByUser[BOB].push(tablet);
  await alice.send({ type: 'PRIVATE', peerId: BOB, chatId: CHAT }, 'hello tablet');

  assert.deepEqual(session.sent.map(recipients), [['phone'], ['phone', 'tablet']]);
  assert.deepEqual(await alice.trust.noticeOf(BOB), { kind: 'changed', added: ['tablet'], removed: [], rotated: [] });
});
