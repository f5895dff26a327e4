// The one source of randomness for keys and nonces, injectable so the test vectors are reproducible
// (mirrors parley.client.crypto.Randomness). Production code uses systemRandomness.

export const systemRandomness = {
  bytes(length) {
    return globalThis.crypto.getRandomValues(new Uint8Array(length));
  },
};
