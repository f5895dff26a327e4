// The safety number two users compare out of band (docs/protocol.md, "GET .../safety-number"),
// computed from the keys this client encrypts to rather than taken from the server.

const LABEL = 'parley-safety-number-v1';
const MODULUS = 10n ** 60n;

/**
 * @param {{userId: string, signingKeys: string[]}[]} parties the two users and their current
 *     devices' signing keys (base64url, as the directory lists them)
 * @returns {Promise<string>} 60 digits in 12 groups of 5
 */
export async function safetyNumber(parties) {
  // code-unit order = code-point order for these ASCII strings, as the spec's Java compareTo
  const lines = [LABEL];
  for (const party of [...parties].sort((a, b) => (a.userId < b.userId ? -1 : 1))) {
    lines.push(`user:${party.userId.toLowerCase()}`, ...[...party.signingKeys].sort().map((key) => `key:${key}`));
  }
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${lines.join('\n')}\n`));
  const value = BigInt(`0x${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')}`);
  return (value % MODULUS).toString().padStart(60, '0').match(/\d{5}/g).join(' ');
}
