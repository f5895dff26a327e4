package parley.client.crypto;

import java.util.Base64;

/** Base64url without padding (RFC 4648 §5), the encoding of every binary field, as in JWK. */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Decodes strictly: padding, other alphabets and non-zero trailing bits are refused, so every value
     * has exactly one spelling and the signed bytes cannot differ from what a reader sees.
     */
    public static byte[] decode(String text) {
        byte[] bytes = DECODER.decode(text);
        if (!encode(bytes).equals(text)) {
            throw new IllegalArgumentException("not canonical unpadded base64url");
        }
        return bytes;
    }
}
