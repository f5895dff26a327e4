package parley.client.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * The published test vectors (docs/e2ee-vectors.json): fixed inputs, every intermediate value a second
 * implementation needs to find where it differs, and the envelope. {@link #compute} derives all of it
 * from the inputs alone; {@link #main} writes the file once from seeded inputs.
 */
final class TestVectors {

    static final Path FILE = Path.of("../../docs/e2ee-vectors.json");
    static final Path DOC = Path.of("../../docs/e2ee.md");
    static final ObjectMapper JSON = new ObjectMapper();

    private TestVectors() {
    }

    static JsonNode read() throws IOException {
        return JSON.readTree(FILE.toFile());
    }

    /** Seals the inputs with their fixed randomness and returns inputs, intermediates and envelope. */
    static ObjectNode compute(JsonNode inputs) {
        MessageContext context = context(inputs.get("context"));
        List<RecipientDevice> recipients = new ArrayList<>();
        inputs.get("recipients").forEach(device -> recipients.add(asRecipient(device)));
        JsonNode randomness = inputs.get("randomness");
        List<byte[]> draws = new ArrayList<>(List.of(bytes(randomness, "contentKey"), bytes(randomness, "nonce")));
        randomness.get("ephemeralPrivateKeys").forEach(key -> draws.add(Base64Url.decode(key.asText())));
        FixedRandomness fixed = new FixedRandomness(draws);

        EnvelopeV1 envelope = Envelopes.seal(inputs.get("plaintext").asText().getBytes(StandardCharsets.UTF_8),
                context, identity(inputs.get("sender")), recipients, fixed);
        fixed.assertAllDrawn();

        ObjectNode vectors = JSON.createObjectNode();
        vectors.put("description", "Envelope v1 test vectors: docs/e2ee.md. Binary values are unpadded base64url;"
                + " private keys are raw (X25519 scalar, Ed25519 seed), as in a JWK's \"d\".");
        vectors.set("inputs", inputs);
        vectors.set("intermediate", intermediate(inputs, context, envelope));
        vectors.set("envelope", JSON.valueToTree(envelope));
        return vectors;
    }

    static MessageContext context(JsonNode context) {
        return new MessageContext(context.get("chatId").asText(), context.get("senderUserId").asText(),
                context.get("senderDeviceId").asText(), context.get("clientMessageId").asText());
    }

    static DeviceIdentity identity(JsonNode device) {
        return DeviceIdentity.fromPrivateKeys(bytes(device, "agreementPrivateKey"), bytes(device, "signingPrivateKey"));
    }

    static LocalDevice localDevice(JsonNode device) {
        return new LocalDevice(device.get("userId").asText(), device.get("deviceId").asText(), identity(device));
    }

    private static RecipientDevice asRecipient(JsonNode device) {
        return new RecipientDevice(device.get("userId").asText(), device.get("deviceId").asText(),
                identity(device).agreementPublicKey());
    }

    private static ObjectNode intermediate(JsonNode inputs, MessageContext context, EnvelopeV1 envelope) {
        ObjectNode intermediate = JSON.createObjectNode();
        ArrayNode devices = intermediate.putArray("publicKeys");
        devices.add(publicKeys(inputs.get("sender")));
        inputs.get("recipients").forEach(device -> devices.add(publicKeys(device)));
        intermediate.put("contentAssociatedData", Base64Url.encode(BoundBytes.contentAssociatedData(context)));
        ArrayNode wraps = intermediate.putArray("wraps");
        List<SealedRecipient> sealed = new ArrayList<>();
        for (int i = 0; i < envelope.recipients().size(); i++) {
            EnvelopeV1.Recipient entry = envelope.recipients().get(i);
            byte[] ephemeralPrivate = Base64Url.decode(inputs.get("randomness").get("ephemeralPrivateKeys").get(i).asText());
            wraps.add(wrap(entry, ephemeralPrivate, recipientKey(inputs, entry)));
            sealed.add(new SealedRecipient(new RecipientKey(entry.userId(), entry.deviceId()),
                    Base64Url.decode(entry.ephemeralKey()), Base64Url.decode(entry.wrappedKey())));
        }
        intermediate.put("signedBytes", Base64Url.encode(BoundBytes.signed(context,
                Base64Url.decode(envelope.nonce()), Base64Url.decode(envelope.ciphertext()), sealed)));
        return intermediate;
    }

    private static ObjectNode wrap(EnvelopeV1.Recipient entry, byte[] ephemeralPrivate, byte[] recipientKey) {
        RecipientKey key = new RecipientKey(entry.userId(), entry.deviceId());
        byte[] ephemeralKey = Base64Url.decode(entry.ephemeralKey());
        byte[] shared = DeviceIdentity.agree(new X25519PrivateKeyParameters(ephemeralPrivate), recipientKey);
        ObjectNode wrap = JSON.createObjectNode();
        wrap.put("userId", entry.userId());
        wrap.put("deviceId", entry.deviceId());
        wrap.put("sharedSecret", Base64Url.encode(shared));
        wrap.put("hkdfInfo", Base64Url.encode(KeyWrap.info(key, ephemeralKey, recipientKey)));
        wrap.put("hkdfOutput", Base64Url.encode(KeyWrap.derive(shared, key, ephemeralKey, recipientKey)));
        return wrap;
    }

    private static byte[] recipientKey(JsonNode inputs, EnvelopeV1.Recipient entry) {
        for (JsonNode device : inputs.get("recipients")) {
            if (device.get("userId").asText().equals(entry.userId())
                    && device.get("deviceId").asText().equals(entry.deviceId())) {
                return identity(device).agreementPublicKey();
            }
        }
        throw new IllegalStateException("no input device for " + entry);
    }

    private static ObjectNode publicKeys(JsonNode device) {
        DeviceIdentity identity = identity(device);
        ObjectNode keys = JSON.createObjectNode();
        keys.put("userId", device.get("userId").asText());
        keys.put("deviceId", device.get("deviceId").asText());
        keys.put("agreementPublicKey", identity.agreementPublicKeyBase64Url());
        keys.put("signingPublicKey", identity.signingPublicKeyBase64Url());
        return keys;
    }

    private static byte[] bytes(JsonNode node, String field) {
        return Base64Url.decode(node.get(field).asText());
    }

    /** Writes the vector file from seeded inputs; run once, by hand, when the format changes (it must not). */
    public static void main(String[] args) throws IOException {
        ObjectNode inputs = JSON.createObjectNode();
        inputs.put("plaintext", "Hi Bob, lunch at 12? – Alice 🥪");
        ObjectNode context = inputs.putObject("context");
        context.put("chatId", "6f9619ff-8b86-4d01-b42d-00cf4fc964ff");
        context.put("senderUserId", "11111111-1111-4111-8111-111111111111");
        context.put("senderDeviceId", "alice-laptop");
        context.put("clientMessageId", "c0ffee00-0000-4000-8000-000000000001");
        inputs.set("sender", device("11111111-1111-4111-8111-111111111111", "alice-laptop"));
        ArrayNode recipients = inputs.putArray("recipients");
        recipients.add(device("11111111-1111-4111-8111-111111111111", "alice-phone"));
        recipients.add(device("22222222-2222-4222-8222-222222222222", "bob-phone"));
        ObjectNode randomness = inputs.putObject("randomness");
        randomness.put("contentKey", seeded("content key", 32));
        randomness.put("nonce", seeded("nonce", 12));
        ArrayNode ephemeral = randomness.putArray("ephemeralPrivateKeys");
        ephemeral.add(seeded("ephemeral for alice-phone", 32));
        ephemeral.add(seeded("ephemeral for bob-phone", 32));
        JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(FILE.toFile(), compute(inputs));
    }

    private static ObjectNode device(String userId, String deviceId) {
        ObjectNode device = JSON.createObjectNode();
        device.put("userId", userId);
        device.put("deviceId", deviceId);
        device.put("agreementPrivateKey", seeded(deviceId + " X25519", 32));
        device.put("signingPrivateKey", seeded(deviceId + " Ed25519", 32));
        return device;
    }

    /** Arbitrary but reproducible bytes: SHA-256 of a label, truncated. */
    private static String seeded(String label, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    ("parley e2ee v1 vector: " + label).getBytes(StandardCharsets.UTF_8));
            return Base64Url.encode(java.util.Arrays.copyOf(digest, length));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
