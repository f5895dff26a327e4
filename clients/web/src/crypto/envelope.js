// Envelope v1 (docs/e2ee.md), WebCrypto only: seal a text for every reading device, open one as this
// device. The byte layouts mirror parley.client.crypto (Java) exactly; docs/e2ee-vectors.json proves it.

import { decode, encode } from './base64url.js';
import { CanonicalBytes, compareUtf8 } from './canonical.js';
import { agree, agreementPublicKeyOf, importAgreementPrivateKey, importVerifyKey, KEY_LENGTH } from './keys.js';
import { systemRandomness } from './randomness.js';

const subtle = globalThis.crypto.subtle;

export const VERSION = 1;
export const ALG = 'X25519-HKDF-SHA256-A256GCM-Ed25519';
const CONTENT_LABEL = 'parley/e2ee/v1/content';
const WRAP_LABEL = 'parley/e2ee/v1/wrap';
const SIGNATURE_LABEL = 'parley/e2ee/v1/signature';
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;
const WRAPPED_KEY_LENGTH = KEY_LENGTH + TAG_LENGTH;
const SIGNATURE_LENGTH = 64;
const ENVELOPE_FIELDS = ['v', 'alg', 'senderDeviceId', 'nonce', 'ciphertext', 'recipients', 'signature'];
const RECIPIENT_FIELDS = ['userId', 'deviceId', 'ephemeralKey', 'wrappedKey'];
const NO_BYTES = new Uint8Array(0);

/** Why an envelope was refused; the reasons are the Java client's (EnvelopeRejectedException.Reason). */
export class EnvelopeRejectedError extends Error {
  constructor(reason, detail) {
    super(`${reason}: ${detail}`);
    this.name = 'EnvelopeRejectedError';
    this.reason = reason;
  }
}

/** The content AD: the ciphertext decrypts only in its chat, from its sender, under its message id. */
export function contentAssociatedData(context) {
  return CanonicalBytes.labelled(CONTENT_LABEL)
    .text(context.chatId).text(context.senderUserId).text(context.senderDeviceId).text(context.clientMessageId)
    .toBytes();
}

/** HKDF info: binds the derived key to this recipient entry and both public keys. */
export function wrapInfo(userId, deviceId, ephemeralKey, recipientAgreementKey) {
  return CanonicalBytes.labelled(WRAP_LABEL)
    .text(userId).text(deviceId).bytes(ephemeralKey).bytes(recipientAgreementKey)
    .toBytes();
}

/** HKDF-SHA256(IKM shared, empty salt, info) to 44 bytes: a 32-byte wrap key then a 12-byte wrap nonce. */
export async function deriveWrapKeyAndNonce(shared, info) {
  const ikm = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveBits']);
  const okm = await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: NO_BYTES, info }, ikm, (KEY_LENGTH + NONCE_LENGTH) * 8);
  return new Uint8Array(okm);
}

/** Everything in the envelope plus the context; recipients already sorted, their fields as bytes. */
export function signedBytes(context, nonce, ciphertext, recipients) {
  const bytes = CanonicalBytes.labelled(SIGNATURE_LABEL)
    .number(VERSION).text(ALG)
    .text(context.chatId).text(context.senderUserId).text(context.senderDeviceId).text(context.clientMessageId)
    .bytes(nonce).bytes(ciphertext)
    .number(recipients.length);
  for (const r of recipients) {
    bytes.text(r.userId).text(r.deviceId).bytes(r.ephemeralKey).bytes(r.wrappedKey);
  }
  return bytes.toBytes();
}

const byDevice = (a, b) => compareUtf8(a.userId, b.userId) || compareUtf8(a.deviceId, b.deviceId);

async function aesGcm(operation, rawKey, iv, data, additionalData = NO_BYTES) {
  const key = await subtle.importKey('raw', rawKey, 'AES-GCM', false, [operation]);
  return new Uint8Array(await subtle[operation]({ name: 'AES-GCM', iv, additionalData, tagLength: TAG_LENGTH * 8 }, key, data));
}

async function wrapFor(recipient, contentKey, randomness) {
  const ephemeralPrivateKey = await importAgreementPrivateKey(randomness.bytes(KEY_LENGTH));
  const ephemeralKey = await agreementPublicKeyOf(ephemeralPrivateKey);
  const shared = await agree(ephemeralPrivateKey, recipient.agreementKey);
  const okm = await deriveWrapKeyAndNonce(shared, wrapInfo(recipient.userId, recipient.deviceId, ephemeralKey, recipient.agreementKey));
  const wrappedKey = await aesGcm('encrypt', okm.subarray(0, KEY_LENGTH), okm.subarray(KEY_LENGTH), contentKey);
  return { userId: recipient.userId, deviceId: recipient.deviceId, ephemeralKey, wrappedKey };
}

function inSignedOrder(recipients) {
  if (recipients.length === 0) throw new TypeError('a message needs at least one recipient device');
  const keys = new Set(recipients.map((r) => JSON.stringify([r.userId, r.deviceId])));
  if (keys.size !== recipients.length) throw new TypeError('a recipient device is listed twice');
  return recipients
    .map((r) => ({ ...r, agreementKey: typeof r.agreementKey === 'string' ? decode(r.agreementKey) : r.agreementKey }))
    .sort(byDevice);
}

/**
 * Seals a plaintext. Randomness is drawn in the order docs/e2ee.md fixes: the content key (32 bytes),
 * the nonce (12), then one ephemeral X25519 private key (32) per recipient in (userId, deviceId) order.
 *
 * @param {string|Uint8Array} plaintext
 * @param {{chatId:string, senderUserId:string, senderDeviceId:string, clientMessageId:string}} context
 * @param {{signingPrivateKey: CryptoKey}} sender the sending device's identity
 * @param {{userId:string, deviceId:string, agreementKey: Uint8Array|string}[]} recipients every reading
 *     device, the sender's own other devices included; each (userId, deviceId) once
 * @returns {Promise<object>} the envelope as a JSON-ready object, fields in the documented order
 */
export async function seal(plaintext, context, sender, recipients, randomness = systemRandomness) {
  const ordered = inSignedOrder(recipients);
  const contentKey = randomness.bytes(KEY_LENGTH);
  const nonce = randomness.bytes(NONCE_LENGTH);
  const message = typeof plaintext === 'string' ? new TextEncoder().encode(plaintext) : plaintext;
  const ciphertext = await aesGcm('encrypt', contentKey, nonce, message, contentAssociatedData(context));
  const sealed = [];
  for (const recipient of ordered) {
    sealed.push(await wrapFor(recipient, contentKey, randomness)); // one after another: the draws' order is fixed
  }
  const signature = new Uint8Array(await subtle.sign({ name: 'Ed25519' }, sender.signingPrivateKey,
    signedBytes(context, nonce, ciphertext, sealed)));
  return {
    v: VERSION,
    alg: ALG,
    senderDeviceId: context.senderDeviceId,
    nonce: encode(nonce),
    ciphertext: encode(ciphertext),
    recipients: sealed.map((r) => ({ userId: r.userId, deviceId: r.deviceId, ephemeralKey: encode(r.ephemeralKey), wrappedKey: encode(r.wrappedKey) })),
    signature: encode(signature),
  };
}

function malformed(detail) {
  return new EnvelopeRejectedError('MALFORMED', detail);
}

function exactFields(object, fields, what) {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) throw malformed(`${what} is not an object`);
  const extra = Object.keys(object).filter((key) => !fields.includes(key));
  if (extra.length > 0) throw malformed(`${what} has unknown fields ${extra.join(', ')}`);
}

function text(value, field) {
  if (typeof value !== 'string' || value.length === 0) throw malformed(`${field} missing`);
  return value;
}

function binary(value, field, min, max) {
  let bytes;
  try {
    bytes = decode(text(value, field));
  } catch (e) {
    if (e instanceof EnvelopeRejectedError) throw e;
    throw malformed(`${field} is not unpadded base64url`);
  }
  if (bytes.length < min || bytes.length > max) throw malformed(`${field} has ${bytes.length} bytes`);
  return bytes;
}

/** Structure only: versions known, every field present, decoded and of its size, recipients sorted. */
export function parse(envelope) {
  exactFields(envelope, ENVELOPE_FIELDS, 'envelope');
  if (envelope.v !== VERSION || envelope.alg !== ALG) {
    throw new EnvelopeRejectedError('UNSUPPORTED', `v ${envelope.v}, alg ${envelope.alg}`);
  }
  text(envelope.senderDeviceId, 'senderDeviceId');
  if (!Array.isArray(envelope.recipients) || envelope.recipients.length === 0) throw malformed('no recipients');
  const seen = new Set();
  const recipients = envelope.recipients.map((entry) => {
    exactFields(entry, RECIPIENT_FIELDS, 'recipient');
    const recipient = {
      userId: text(entry.userId, 'recipient userId'),
      deviceId: text(entry.deviceId, 'recipient deviceId'),
      ephemeralKey: binary(entry.ephemeralKey, 'ephemeralKey', KEY_LENGTH, KEY_LENGTH),
      wrappedKey: binary(entry.wrappedKey, 'wrappedKey', WRAPPED_KEY_LENGTH, WRAPPED_KEY_LENGTH),
    };
    const key = JSON.stringify([recipient.userId, recipient.deviceId]);
    if (seen.has(key)) throw malformed(`recipient listed twice: ${recipient.userId}/${recipient.deviceId}`);
    seen.add(key);
    return recipient;
  });
  return {
    senderDeviceId: envelope.senderDeviceId,
    nonce: binary(envelope.nonce, 'nonce', NONCE_LENGTH, NONCE_LENGTH),
    ciphertext: binary(envelope.ciphertext, 'ciphertext', TAG_LENGTH, Number.MAX_SAFE_INTEGER),
    recipients: recipients.sort(byDevice),
    signature: binary(envelope.signature, 'signature', SIGNATURE_LENGTH, SIGNATURE_LENGTH),
  };
}

async function verifySignature(parsed, context, senderSigningKey) {
  let valid;
  try {
    const key = await importVerifyKey(typeof senderSigningKey === 'string' ? decode(senderSigningKey) : senderSigningKey);
    valid = await subtle.verify({ name: 'Ed25519' }, key, parsed.signature,
      signedBytes(context, parsed.nonce, parsed.ciphertext, parsed.recipients));
  } catch (e) {
    throw new EnvelopeRejectedError('BAD_SIGNATURE', `sender signing key unusable (${e.message})`);
  }
  if (!valid) throw new EnvelopeRejectedError('BAD_SIGNATURE', 'signature does not verify');
}

/**
 * Opens an envelope as this device: structure, then the sender's signature, and only then decryption,
 * so nothing that does not verify is ever decrypted.
 *
 * @param context from the server's message event (chat, sender user, client message id) and the
 *     envelope's senderDeviceId
 * @param me {userId, deviceId, agreementPrivateKey, agreementPublicKey}
 * @param senderSigningKey the Ed25519 key the directory lists for the sender's device (bytes or base64url)
 * @returns {Promise<Uint8Array>} the plaintext
 * @throws {EnvelopeRejectedError}
 */
export async function open(envelope, context, me, senderSigningKey) {
  const parsed = parse(envelope);
  if (parsed.senderDeviceId !== context.senderDeviceId) {
    throw new EnvelopeRejectedError('SENDER_MISMATCH', `envelope from device ${parsed.senderDeviceId}`);
  }
  await verifySignature(parsed, context, senderSigningKey);
  const mine = parsed.recipients.find((r) => r.userId === me.userId && r.deviceId === me.deviceId);
  if (!mine) throw new EnvelopeRejectedError('NOT_A_RECIPIENT', `no entry for ${me.userId}/${me.deviceId}`);
  try {
    const shared = await agree(me.agreementPrivateKey, mine.ephemeralKey);
    const okm = await deriveWrapKeyAndNonce(shared, wrapInfo(me.userId, me.deviceId, mine.ephemeralKey, me.agreementPublicKey));
    const contentKey = await aesGcm('decrypt', okm.subarray(0, KEY_LENGTH), okm.subarray(KEY_LENGTH), mine.wrappedKey);
    return await aesGcm('decrypt', contentKey, parsed.nonce, parsed.ciphertext, contentAssociatedData(context));
  } catch (e) {
    throw new EnvelopeRejectedError('UNDECRYPTABLE', `signed by the sender but does not decrypt (${e.message})`);
  }
}

/** open() and UTF-8 decoding (fatal: a signed non-UTF-8 plaintext is refused rather than shown mangled). */
export async function openText(envelope, context, me, senderSigningKey) {
  const plaintext = await open(envelope, context, me, senderSigningKey);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  } catch {
    throw new EnvelopeRejectedError('UNDECRYPTABLE', 'plaintext is not UTF-8');
  }
}
