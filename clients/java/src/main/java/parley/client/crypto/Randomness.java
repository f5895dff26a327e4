package parley.client.crypto;

import java.security.SecureRandom;

/**
 * The one source of randomness for keys and nonces, injectable so that test vectors are reproducible.
 * Production code uses {@link #system()}.
 */
@FunctionalInterface
public interface Randomness {

    void nextBytes(byte[] into);

    default byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        nextBytes(bytes);
        return bytes;
    }

    static Randomness system() {
        return new SecureRandom()::nextBytes;
    }
}
