// Unpadded base64url (RFC 4648 §5), strict as docs/e2ee.md requires: one spelling per value, so a
// reader refuses padding, the '+/' alphabet and non-zero trailing bits.

const ALPHABET = /^[A-Za-z0-9_-]*$/;

/** @param {Uint8Array} bytes */
export function encode(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** @returns {Uint8Array} @throws {TypeError} when the text is not canonical unpadded base64url */
export function decode(text) {
  if (typeof text !== 'string' || !ALPHABET.test(text) || text.length % 4 === 1) {
    throw new TypeError('not unpadded base64url');
  }
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  // atob ignores set bits past the last byte; re-encoding tells a non-canonical spelling apart
  if (encode(bytes) !== text) throw new TypeError('base64url with non-zero trailing bits');
  return bytes;
}
