// Device identity keys and raw-key helpers, WebCrypto only. Private keys are created non-extractable:
// script (and so an XSS) can use them but never read them out.

import { decode } from './base64url.js';

const subtle = globalThis.crypto.subtle;
export const KEY_LENGTH = 32;

// PKCS #8 wrapping of a raw 32-byte private key (RFC 8410): the only raw private import WebCrypto has.
const X25519_PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20]);
const ED25519_PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
const X25519_BASE_POINT = Uint8Array.from({ length: KEY_LENGTH }, (_, i) => (i === 0 ? 9 : 0));

function pkcs8(prefix, raw) {
  if (raw.length !== KEY_LENGTH) throw new TypeError('a raw private key has 32 bytes');
  const der = new Uint8Array(prefix.length + raw.length);
  der.set(prefix);
  der.set(raw, prefix.length);
  return der;
}

/** An X25519 private key from its raw scalar (RFC 7748), usable for deriveBits only. */
export function importAgreementPrivateKey(raw, extractable = false) {
  return subtle.importKey('pkcs8', pkcs8(X25519_PKCS8_PREFIX, raw), { name: 'X25519' }, extractable, ['deriveBits']);
}

/** An Ed25519 private key from its raw seed (RFC 8032), usable for signing only. */
export function importSigningPrivateKey(raw, extractable = false) {
  return subtle.importKey('pkcs8', pkcs8(ED25519_PKCS8_PREFIX, raw), { name: 'Ed25519' }, extractable, ['sign']);
}

export function importAgreementPublicKey(raw) {
  if (raw.length !== KEY_LENGTH) throw new TypeError('an X25519 public key has 32 bytes');
  return subtle.importKey('raw', raw, { name: 'X25519' }, true, []);
}

export function importVerifyKey(raw) {
  if (raw.length !== KEY_LENGTH) throw new TypeError('an Ed25519 public key has 32 bytes');
  return subtle.importKey('raw', raw, { name: 'Ed25519' }, true, ['verify']);
}

/**
 * X25519(private, peer); an all-zero result (a small-order peer key) is refused, as docs/e2ee.md demands
 * whether or not the platform's WebCrypto already refuses it.
 */
export async function agree(privateKey, peerPublicRaw) {
  const peer = await importAgreementPublicKey(peerPublicRaw);
  const shared = new Uint8Array(await subtle.deriveBits({ name: 'X25519', public: peer }, privateKey, 256));
  if (shared.every((byte) => byte === 0)) throw new Error('X25519 agreement gave zero');
  return shared;
}

/** E = X25519(e, 9): the public key of a non-extractable private key, computed rather than exported. */
export function agreementPublicKeyOf(privateKey) {
  return agree(privateKey, X25519_BASE_POINT);
}

/**
 * A fresh device identity: X25519 for key agreement, Ed25519 for signatures; the private halves are
 * non-extractable CryptoKeys (IndexedDB stores them as they are), the public halves raw bytes.
 */
export async function generateDeviceIdentity() {
  const agreement = await subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']);
  const signing = await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
  return {
    agreementPrivateKey: agreement.privateKey,
    agreementPublicKey: new Uint8Array(await subtle.exportKey('raw', agreement.publicKey)),
    signingPrivateKey: signing.privateKey,
    signingPublicKey: new Uint8Array(await subtle.exportKey('raw', signing.publicKey)),
  };
}

/**
 * An identity from raw private keys (test vectors, interop tests). The signing key is imported
 * extractable once, only to read its public half from the JWK, then re-imported non-extractable.
 */
export async function deviceIdentityFromPrivateKeys(agreementRaw, signingRaw) {
  const agreementPrivateKey = await importAgreementPrivateKey(agreementRaw);
  const signingJwk = await subtle.exportKey('jwk', await importSigningPrivateKey(signingRaw, true));
  return {
    agreementPrivateKey,
    agreementPublicKey: await agreementPublicKeyOf(agreementPrivateKey),
    signingPrivateKey: await importSigningPrivateKey(signingRaw),
    signingPublicKey: decode(signingJwk.x),
  };
}
