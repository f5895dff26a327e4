package parley.client.crypto;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The envelope as it travels, exactly {@code {"v":1,"alg","senderDeviceId","nonce","ciphertext",
 * "recipients":[{"userId","deviceId","ephemeralKey","wrappedKey"}],"signature"}}; binary fields are
 * unpadded base64url text. See docs/e2ee.md.
 */
@JsonPropertyOrder({"v", "alg", "senderDeviceId", "nonce", "ciphertext", "recipients", "signature"})
public record EnvelopeV1(int v, String alg, String senderDeviceId, String nonce, String ciphertext,
                         List<Recipient> recipients, String signature) {

    public static final int VERSION = 1;
    public static final String ALG = "X25519-HKDF-SHA256-A256GCM-Ed25519";

    // unknown fields and a missing or null "v" are refused rather than silently ignored
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    @JsonPropertyOrder({"userId", "deviceId", "ephemeralKey", "wrappedKey"})
    public record Recipient(String userId, String deviceId, String ephemeralKey, String wrappedKey) {
    }

    public EnvelopeV1 {
        recipients = recipients == null ? null : List.copyOf(recipients);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an envelope always serialises", e);
        }
    }

    public static EnvelopeV1 fromJson(String json) throws EnvelopeRejectedException {
        try {
            return JSON.readValue(json, EnvelopeV1.class);
        } catch (JsonProcessingException e) {
            throw new EnvelopeRejectedException(EnvelopeRejectedException.Reason.MALFORMED, "not an envelope: "
                    + e.getMessage(), e);
        }
    }
}
