import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decode, encode } from '../src/crypto/base64url.js';
import { agree, agreementPublicKeyOf, importAgreementPrivateKey } from '../src/crypto/keys.js';
import { contentAssociatedData, deriveWrapKeyAndNonce, openText, seal, signedBytes, wrapInfo } from '../src/crypto/envelope.js';
import { device, fixedRandomnessOf, repoRoot, vectors } from './vectors.mjs';

const { inputs, intermediate } = vectors;

async function sealTheVector() {
  const sender = await device(inputs.sender);
  const recipients = await Promise.all(inputs.recipients.map(device));
  const randomness = fixedRandomnessOf(inputs);
  const envelope = await seal(inputs.plaintext, inputs.context, sender, recipients
    .map((r) => ({ userId: r.userId, deviceId: r.deviceId, agreementKey: r.agreementPublicKey })), randomness);
  return { envelope, randomness };
}

test('the public keys of the vector devices are the ones published', async () => {
  const all = [inputs.sender, ...inputs.recipients];
  const computed = await Promise.all(all.map(async (input) => {
    const d = await device(input);
    return { userId: d.userId, deviceId: d.deviceId, agreementPublicKey: encode(d.agreementPublicKey), signingPublicKey: encode(d.signingPublicKey) };
  }));
  assert.deepEqual(computed, intermediate.publicKeys);
});

test('sealing with the fixed randomness gives the vector envelope byte for byte, drawing every value', async () => {
  const { envelope, randomness } = await sealTheVector();

  assert.equal(JSON.stringify(envelope), JSON.stringify(vectors.envelope));
  assert.equal(randomness.remaining, 0);
});

test('the content AD, each wrap and the signed bytes are the intermediate values', async () => {
  const { envelope } = await sealTheVector();
  assert.equal(encode(contentAssociatedData(inputs.context)), intermediate.contentAssociatedData);

  const ephemerals = inputs.randomness.ephemeralPrivateKeys;
  for (const [i, wrap] of intermediate.wraps.entries()) {
    const recipient = intermediate.publicKeys.find((k) => k.userId === wrap.userId && k.deviceId === wrap.deviceId);
    const ephemeral = await importAgreementPrivateKey(decode(ephemerals[i]));
    const ephemeralKey = await agreementPublicKeyOf(ephemeral);
    const shared = await agree(ephemeral, decode(recipient.agreementPublicKey));
    const info = wrapInfo(wrap.userId, wrap.deviceId, ephemeralKey, decode(recipient.agreementPublicKey));

    assert.equal(encode(ephemeralKey), envelope.recipients[i].ephemeralKey);
    assert.equal(encode(shared), wrap.sharedSecret);
    assert.equal(encode(info), wrap.hkdfInfo);
    assert.equal(encode(await deriveWrapKeyAndNonce(shared, info)), wrap.hkdfOutput);
  }
  const sealed = envelope.recipients.map((r) => ({ ...r, ephemeralKey: decode(r.ephemeralKey), wrappedKey: decode(r.wrappedKey) }));
  assert.equal(encode(signedBytes(inputs.context, decode(envelope.nonce), decode(envelope.ciphertext), sealed)), intermediate.signedBytes);
});

test('every recipient of the vectors opens the plaintext', async () => {
  const senderKey = decode(intermediate.publicKeys[0].signingPublicKey);
  assert.equal(inputs.recipients.length, 2);
  for (const input of inputs.recipients) {
    assert.equal(await openText(vectors.envelope, inputs.context, await device(input), senderKey), inputs.plaintext);
  }
});

test('the specification quotes the same envelope', () => {
  const doc = readFileSync(new URL('docs/e2ee.md', repoRoot), 'utf8');
  assert.ok(doc.includes(JSON.stringify(vectors.envelope)));
});
