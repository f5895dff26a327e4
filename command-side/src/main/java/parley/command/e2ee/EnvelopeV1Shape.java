package parley.command.e2ee;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import parley.command.device.DeviceRules;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/**
 * The structure of an envelope v1 as docs/e2ee.md fixes it: exactly its fields, each binary field
 * canonical base64url of its exact length, recipients strictly sorted. The server cannot check the
 * cryptography (it holds no key) but it refuses anything a conforming client would not produce, so
 * malformed data never reaches the event store or another member's device.
 */
final class EnvelopeV1Shape {

    static final String ALGORITHM = "X25519-HKDF-SHA256-A256GCM-Ed25519";

    private static final Set<String> FIELDS = Set.of("v", "alg", "senderDeviceId", "nonce", "ciphertext", "recipients", "signature");
    private static final Set<String> RECIPIENT_FIELDS = Set.of("userId", "deviceId", "ephemeralKey", "wrappedKey");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final int KEY_BYTES = 32;
    private static final int WRAPPED_KEY_BYTES = KEY_BYTES + TAG_BYTES;
    private static final int SIGNATURE_BYTES = 64;

    private EnvelopeV1Shape() {
    }

    static EnvelopeHeader parse(JsonNode envelope) {
        onlyFields(envelope, FIELDS, "envelope");
        JsonNode version = envelope.get("v");
        // Exactly 1: asLong() would wrap 2^64 + 1 (an integral number too) to 1.
        if (version == null || !version.isIntegralNumber() || !BigInteger.ONE.equals(version.bigIntegerValue())) {
            throw invalid("'v' must be 1 (the only envelope version)");
        }
        if (!ALGORITHM.equals(text(envelope, "alg"))) {
            throw invalid("'alg' must be " + ALGORITHM);
        }
        String senderDeviceId = deviceId(envelope, "senderDeviceId");
        binary(envelope, "nonce", NONCE_BYTES, NONCE_BYTES);
        binary(envelope, "ciphertext", TAG_BYTES, Integer.MAX_VALUE);
        binary(envelope, "signature", SIGNATURE_BYTES, SIGNATURE_BYTES);
        return new EnvelopeHeader(senderDeviceId, recipients(envelope.get("recipients")));
    }

    private static Set<ReaderDevice> recipients(JsonNode recipients) {
        if (recipients == null || !recipients.isArray()) {
            throw invalid("'recipients' must be an array");
        }
        if (recipients.isEmpty()) {
            // Nobody could read it; a chat where no other device exists answers STALE_DEVICES with an empty list.
            throw invalid("'recipients' must name at least one device");
        }
        Set<ReaderDevice> devices = new LinkedHashSet<>();
        String[] previous = null;
        for (int i = 0; i < recipients.size(); i++) {
            JsonNode recipient = recipients.get(i);
            String where = "recipients[" + i + "]";
            onlyFields(recipient, RECIPIENT_FIELDS, where);
            String userId = text(recipient, "userId");
            UUID user = uuid(userId, where + ".userId");
            String deviceId = deviceId(recipient, "deviceId");
            binary(recipient, "ephemeralKey", KEY_BYTES, KEY_BYTES);
            binary(recipient, "wrappedKey", WRAPPED_KEY_BYTES, WRAPPED_KEY_BYTES);
            String[] key = {userId, deviceId};
            if (previous != null && compare(previous, key) >= 0) {
                throw invalid("'recipients' must be sorted by (userId, deviceId) with each device once; " + where + " is out of order");
            }
            previous = key;
            devices.add(new ReaderDevice(user, deviceId));
        }
        return devices;
    }

    /** The order the signature covers: unsigned bytes of UTF-8, the same in Java and JavaScript clients. */
    private static int compare(String[] a, String[] b) {
        int byUser = compareUtf8(a[0], b[0]);
        return byUser != 0 ? byUser : compareUtf8(a[1], b[1]);
    }

    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static void onlyFields(JsonNode node, Set<String> allowed, String where) {
        if (node == null || !node.isObject()) {
            throw invalid("'" + where + "' must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid("'" + name + "' is not a field of " + where);
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid("'" + field + "' must be a string");
        }
        return value.asText();
    }

    private static String deviceId(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return DeviceRules.validDeviceId(value);
        } catch (CommandRejectedException e) {
            throw invalid("'" + field + "': " + e.getMessage());
        }
    }

    /** Lower-case text, as clients sign it: another spelling of the same UUID would break every signature. */
    private static UUID uuid(String value, String where) {
        try {
            UUID parsed = UUID.fromString(value);
            if (parsed.toString().equals(value)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw invalid("'" + where + "' must be a UUID in lower-case text");
    }

    private static void binary(JsonNode node, String field, int minBytes, int maxBytes) {
        String value = text(node, field);
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw invalid("'" + field + "' must be base64url without padding");
        }
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(value)) {
            throw invalid("'" + field + "' must be canonical base64url without padding");
        }
        if (bytes.length < minBytes || bytes.length > maxBytes) {
            throw invalid("'" + field + "' must be " + (minBytes == maxBytes ? minBytes + " bytes" : "at least " + minBytes + " bytes"));
        }
    }

    private static CommandRejectedException invalid(String detail) {
        return new CommandRejectedException(RejectionCode.INVALID_ENVELOPE, detail);
    }
}
