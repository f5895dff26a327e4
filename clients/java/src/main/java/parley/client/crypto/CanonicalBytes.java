package parley.client.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The one unambiguous byte encoding behind the content AD, the HKDF info and the signed bytes: every
 * field is a 4-byte big-endian unsigned length followed by its bytes (strings as UTF-8), so no two
 * different field lists can encode to the same bytes; each use starts with its own label.
 */
final class CanonicalBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private CanonicalBytes() {
    }

    static CanonicalBytes labelled(String label) {
        return new CanonicalBytes().text(label);
    }

    CanonicalBytes text(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    CanonicalBytes bytes(byte[] value) {
        number(value.length);
        out.writeBytes(value);
        return this;
    }

    CanonicalBytes number(int value) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
