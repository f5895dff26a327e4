package parley.command.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/** The server's structural check of envelope v1, against the published vector and one defect at a time. */
class EnvelopeV1ShapeTest {

    private static final Path VECTORS = Path.of("../docs/e2ee-vectors.json");

    private ObjectNode envelope;

    @BeforeEach
    void publishedVector() throws IOException {
        envelope = (ObjectNode) new ObjectMapper().readTree(VECTORS.toFile()).get("envelope");
    }

    @Test
    void thePublishedVectorPasses() {
        EnvelopeHeader header = EnvelopeV1Shape.parse(envelope);

        assertThat(header.senderDeviceId()).isEqualTo("alice-laptop");
        assertThat(header.recipients()).containsExactly(
                new ReaderDevice(UUID.fromString("11111111-1111-4111-8111-111111111111"), "alice-phone"),
                new ReaderDevice(UUID.fromString("22222222-2222-4222-8222-222222222222"), "bob-phone"));
    }

    @Test
    void anEnvelopeForNobodyIsRefused() {
        refused(e -> e.putArray("recipients"), "'recipients' must name at least one device");
    }

    @Test
    void unknownOrMissingFieldsAreRefused() {
        refused(e -> e.put("text", "hello in clear"), "'text' is not a field of envelope");
        refused(e -> e.remove("signature"), "'signature' must be a string");
        refused(e -> recipient(e, 0).put("plaintext", "x"), "'plaintext' is not a field of recipients[0]");
        refused(e -> e.put("recipients", "everyone"), "'recipients' must be an array");
        refused(e -> ((ArrayNode) e.get("recipients")).add("bob"), "'recipients[2]' must be a JSON object");
    }

    @Test
    void onlyVersionOneWithItsAlgorithmIsAccepted() {
        refused(e -> e.put("v", 2), "'v' must be 1");
        refused(e -> e.put("v", "1"), "'v' must be 1");
        refused(e -> e.put("alg", "X25519-HKDF-SHA256-A128GCM-Ed25519"), "'alg' must be");
    }

    @Test
    void binaryFieldsMustBeCanonicalBase64UrlOfTheirLength() {
        refused(e -> e.put("nonce", "sWR_JbNeAQdWSHTw0A"), "'nonce' must be 12 bytes");
        refused(e -> e.put("nonce", "sWR+JbNeAQdWSHTw"), "'nonce' must be base64url");
        refused(e -> e.put("nonce", "sWR_JbNeAQdWSHTw=="), "must be base64url");
        refused(e -> e.put("signature", e.get("signature").asText().substring(0, 84)), "'signature' must be 64 bytes");
        refused(e -> e.put("ciphertext", "AAAA"), "'ciphertext' must be at least 16 bytes");
        refused(e -> recipient(e, 0).put("ephemeralKey", "AAAA"), "'ephemeralKey' must be 32 bytes");
        refused(e -> recipient(e, 1).put("wrappedKey", e.get("nonce").asText()), "'wrappedKey' must be 48 bytes");
        // The last character of 43 carries 2 spare bits; set, they decode to the same bytes: not canonical.
        refused(e -> recipient(e, 0).put("ephemeralKey", withSpareBits(recipient(e, 0).get("ephemeralKey").asText())),
                "'ephemeralKey' must be canonical base64url");
    }

    @Test
    void idsMustBeWellFormed() {
        refused(e -> e.put("senderDeviceId", "alice laptop"), "'senderDeviceId'");
        refused(e -> recipient(e, 0).put("userId", "not-a-uuid"), "recipients[0].userId' must be a UUID");
        refused(e -> recipient(e, 1).put("userId", "aaaaaaaa-2222-4222-8222-222222222222".toUpperCase()),
                "recipients[1].userId' must be a UUID in lower-case text");
        refused(e -> recipient(e, 0).put("deviceId", "../etc"), "'deviceId'");
    }

    @Test
    void recipientsMustBeStrictlySortedSoEachDeviceAppearsOnce() {
        refused(e -> {
            ArrayNode recipients = (ArrayNode) e.get("recipients");
            JsonNode first = recipients.remove(0);
            recipients.add(first);
        }, "recipients[1] is out of order");
        refused(e -> ((ArrayNode) e.get("recipients")).add(recipient(e, 1).deepCopy()), "recipients[2] is out of order");
    }

    private void refused(Consumer<ObjectNode> defect, String detail) {
        ObjectNode broken = envelope.deepCopy();
        defect.accept(broken);
        assertThatThrownBy(() -> EnvelopeV1Shape.parse(broken))
                .isInstanceOfSatisfying(CommandRejectedException.class,
                        rejected -> assertThat(rejected.code()).isEqualTo(RejectionCode.INVALID_ENVELOPE))
                .hasMessageContaining(detail);
    }

    private static ObjectNode recipient(ObjectNode envelope, int index) {
        return (ObjectNode) envelope.get("recipients").get(index);
    }

    private static String withSpareBits(String key) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(key.charAt(key.length() - 1));
        return key.substring(0, key.length() - 1) + alphabet.charAt(last ^ 1);
    }
}
