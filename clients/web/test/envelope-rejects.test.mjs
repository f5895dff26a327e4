import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decode, encode } from '../src/crypto/base64url.js';
import { generateDeviceIdentity } from '../src/crypto/keys.js';
import { open, openText, seal } from '../src/crypto/envelope.js';
import { device, vectors } from './vectors.mjs';

const { inputs } = vectors;
const senderKey = decode(vectors.intermediate.publicKeys[0].signingPublicKey);
const bob = () => device(inputs.recipients[1]);
const copy = () => structuredClone(vectors.envelope);

async function rejected(envelope, context, reason, me) {
  await assert.rejects(open(envelope, context, me ?? await bob(), senderKey), (e) => {
    assert.equal(e.reason, reason, e.message);
    return true;
  });
}

function flipLastByte(b64) {
  const bytes = decode(b64);
  bytes[bytes.length - 1] ^= 1;
  return encode(bytes);
}

test('a changed ciphertext, nonce, wrapped key or ephemeral key fails the signature', async () => {
  for (const change of [
    (e) => { e.ciphertext = flipLastByte(e.ciphertext); },
    (e) => { e.nonce = flipLastByte(e.nonce); },
    (e) => { e.recipients[1].wrappedKey = flipLastByte(e.recipients[1].wrappedKey); },
    (e) => { e.recipients[0].ephemeralKey = flipLastByte(e.recipients[0].ephemeralKey); },
    (e) => { e.signature = flipLastByte(e.signature); },
  ]) {
    const envelope = copy();
    change(envelope);
    await rejected(envelope, inputs.context, 'BAD_SIGNATURE');
  }
});

test('the envelope is bound to its chat, sender and client message id', async () => {
  for (const field of ['chatId', 'senderUserId', 'clientMessageId']) {
    await rejected(copy(), { ...inputs.context, [field]: `${inputs.context[field]}x` }, 'BAD_SIGNATURE');
  }
  await rejected(copy(), { ...inputs.context, senderDeviceId: 'alice-phone' }, 'SENDER_MISMATCH');
});

test('a removed recipient entry fails the signature, and a device not listed is not a recipient', async () => {
  const envelope = copy();
  envelope.recipients.pop();
  await rejected(envelope, inputs.context, 'BAD_SIGNATURE');

  const stranger = { userId: '33333333-3333-4333-8333-333333333333', deviceId: 'x', ...(await generateDeviceIdentity()) };
  await rejected(copy(), inputs.context, 'NOT_A_RECIPIENT', stranger);
});

test('structure is checked strictly: version, padding, sizes, unknown fields, duplicates', async () => {
  const cases = [
    [(e) => { e.v = 2; }, 'UNSUPPORTED'],
    [(e) => { e.alg = 'X25519-HKDF-SHA256-A128GCM-Ed25519'; }, 'UNSUPPORTED'],
    [(e) => { e.nonce += '='; }, 'MALFORMED'],
    [(e) => { e.nonce = e.nonce.replaceAll('_', '/'); }, 'MALFORMED'],
    [(e) => { e.signature = e.signature.slice(0, -2); }, 'MALFORMED'],
    [(e) => { e.text = 'hi'; }, 'MALFORMED'],
    [(e) => { e.recipients = []; }, 'MALFORMED'],
    [(e) => { e.recipients.push({ ...e.recipients[0] }); }, 'MALFORMED'],
    [(e) => { e.recipients[0].extra = 1; }, 'MALFORMED'],
    [(e) => { delete e.ciphertext; }, 'MALFORMED'],
  ];
  for (const [change, reason] of cases) {
    const envelope = copy();
    change(envelope);
    await rejected(envelope, inputs.context, reason);
  }
});

test('a recipient list in another JSON order still opens: the signed order is the sorted one', async () => {
  const envelope = copy();
  envelope.recipients.reverse();
  assert.equal(await openText(envelope, inputs.context, await bob(), senderKey), inputs.plaintext);
});

test('a fresh browser identity seals to itself and another device; keys stay non-extractable', async () => {
  const me = { userId: 'u1', deviceId: 'd1', ...(await generateDeviceIdentity()) };
  const other = { userId: 'u2', deviceId: 'd2', ...(await generateDeviceIdentity()) };
  const context = { chatId: 'c', senderUserId: 'u1', senderDeviceId: 'd1', clientMessageId: 'm1' };
  const envelope = await seal('<img src=x onerror=alert(1)>', context, me,
    [me, other].map((d) => ({ userId: d.userId, deviceId: d.deviceId, agreementKey: encode(d.agreementPublicKey) })));

  assert.equal(me.agreementPrivateKey.extractable, false);
  assert.equal(me.signingPrivateKey.extractable, false);
  for (const reader of [me, other]) {
    assert.equal(await openText(envelope, context, reader, me.signingPublicKey), '<img src=x onerror=alert(1)>');
  }
});

test('a small-order recipient key is refused when sealing', async () => {
  const me = { userId: 'u1', deviceId: 'd1', ...(await generateDeviceIdentity()) };
  const context = { chatId: 'c', senderUserId: 'u1', senderDeviceId: 'd1', clientMessageId: 'm1' };
  await assert.rejects(seal('x', context, me, [{ userId: 'u2', deviceId: 'd2', agreementKey: new Uint8Array(32) }]));
});
