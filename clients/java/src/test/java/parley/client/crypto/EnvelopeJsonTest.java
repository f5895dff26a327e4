package parley.client.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire shape is exactly the issue's, and reading it back is strict. */
class EnvelopeJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeviceIdentity SENDER = DeviceIdentity.generate();
    private static final LocalDevice BOB = new LocalDevice("bob", "phone", DeviceIdentity.generate());
    private static final MessageContext CONTEXT = new MessageContext("chat", "alice", "laptop", "cm");

    @Test
    void theEnvelopeHasExactlyTheFieldsOfTheSpecificationInOrder() throws Exception {
        JsonNode json = JSON.readTree(sealed().toJson());

        assertThat(json.fieldNames()).toIterable()
                .containsExactly("v", "alg", "senderDeviceId", "nonce", "ciphertext", "recipients", "signature");
        assertThat(json.get("v").isInt()).isTrue();
        assertThat(json.get("v").intValue()).isEqualTo(1);
        assertThat(json.get("alg").asText()).isEqualTo("X25519-HKDF-SHA256-A256GCM-Ed25519");
        assertThat(json.get("recipients").get(0).fieldNames()).toIterable()
                .containsExactly("userId", "deviceId", "ephemeralKey", "wrappedKey");
    }

    @Test
    void binaryFieldsAreUnpaddedBase64UrlOfTheirRawSizes() throws Exception {
        JsonNode json = JSON.readTree(sealed().toJson());
        JsonNode recipient = json.get("recipients").get(0);

        assertThat(List.of(json.get("nonce"), json.get("ciphertext"), json.get("signature"),
                recipient.get("ephemeralKey"), recipient.get("wrappedKey")))
                .allSatisfy(field -> assertThat(field.asText()).matches("[A-Za-z0-9_-]+"));
        assertThat(Base64Url.decode(json.get("nonce").asText())).hasSize(12);
        assertThat(Base64Url.decode(json.get("ciphertext").asText())).hasSize("hello".length() + 16);
        assertThat(Base64Url.decode(json.get("signature").asText())).hasSize(64);
        assertThat(Base64Url.decode(recipient.get("ephemeralKey").asText())).hasSize(32);
        assertThat(Base64Url.decode(recipient.get("wrappedKey").asText())).hasSize(48);
    }

    @Test
    void anEnvelopeReadBackFromJsonOpens() throws Exception {
        EnvelopeV1 read = EnvelopeV1.fromJson(sealed().toJson());

        assertThat(Envelopes.open(read, CONTEXT, BOB, SENDER.signingPublicKey())).asString(StandardCharsets.UTF_8)
                .isEqualTo("hello");
    }

    @Test
    void unknownFieldsAMissingVersionAndNonJsonAreMalformed() {
        String json = sealed().toJson();

        assertMalformed(json.replaceFirst("\\{", "{\"extra\":1,"));
        assertMalformed(json.replaceFirst("\"v\":1,", ""));
        assertMalformed("not json");
    }

    private static void assertMalformed(String json) {
        assertThatThrownBy(() -> EnvelopeV1.fromJson(json)).isInstanceOfSatisfying(EnvelopeRejectedException.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(EnvelopeRejectedException.Reason.MALFORMED));
    }

    private static EnvelopeV1 sealed() {
        return Envelopes.seal("hello".getBytes(StandardCharsets.UTF_8), CONTEXT, SENDER,
                List.of(new RecipientDevice(BOB.userId(), BOB.deviceId(), BOB.identity().agreementPublicKey())));
    }
}
