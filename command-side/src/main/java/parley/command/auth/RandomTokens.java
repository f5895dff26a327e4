package parley.command.auth;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable tokens (refresh tokens, CSRF tokens): 256 bits from {@link SecureRandom}, as unpadded base64url. */
final class RandomTokens {

    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private RandomTokens() {
    }

    static String next() {
        byte[] secret = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(secret);
        return ENCODER.encodeToString(secret);
    }
}
