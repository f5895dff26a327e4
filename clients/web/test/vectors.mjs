// Loads docs/e2ee-vectors.json and turns its inputs into WebCrypto keys; shared by the Node tests.
import { readFileSync } from 'node:fs';
import { decode } from '../src/crypto/base64url.js';
import { deviceIdentityFromPrivateKeys } from '../src/crypto/keys.js';

export const repoRoot = new URL('../../../', import.meta.url);
export const vectors = JSON.parse(readFileSync(new URL('docs/e2ee-vectors.json', repoRoot), 'utf8'));

export async function device(input) {
  const identity = await deviceIdentityFromPrivateKeys(decode(input.agreementPrivateKey), decode(input.signingPrivateKey));
  return { userId: input.userId, deviceId: input.deviceId, ...identity };
}

/** Hands out exactly the given draws in order and fails on any other: mirrors the Java FixedRandomness. */
export class FixedRandomness {
  #draws;

  constructor(draws) {
    this.#draws = [...draws];
  }

  bytes(length) {
    const next = this.#draws.shift();
    if (!next) throw new Error(`a draw of ${length} bytes beyond the fixed ones`);
    if (next.length !== length) throw new Error(`the next fixed draw has ${next.length} bytes, not ${length}`);
    return next;
  }

  get remaining() {
    return this.#draws.length;
  }
}

export function fixedRandomnessOf(inputs) {
  const r = inputs.randomness;
  return new FixedRandomness([r.contentKey, r.nonce, ...r.ephemeralPrivateKeys].map(decode));
}
