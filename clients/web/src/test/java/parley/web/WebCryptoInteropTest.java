package parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import parley.client.crypto.Base64Url;
import parley.client.crypto.DeviceIdentity;
import parley.client.crypto.EnvelopeRejectedException;
import parley.client.crypto.EnvelopeV1;
import parley.client.crypto.Envelopes;
import parley.client.crypto.LocalDevice;
import parley.client.crypto.MessageContext;
import parley.client.crypto.RecipientDevice;

/**
 * Acceptance 1: the Java SDK and the web client's WebCrypto code (run by Node through
 * {@code test/interop.mjs}) read each other's envelopes, with fresh random keys on both sides.
 */
class WebCryptoInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path INTEROP = Path.of("test", "interop.mjs");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALICE = "11111111-1111-4111-8111-00000000000a";
    private static final String BOB = "22222222-2222-4222-8222-00000000000b";
    private static final String TEXT = "Grüße 👋 <img src=x onerror=alert(1)>";

    /** A device whose raw private keys the test knows, so both implementations can act as it. */
    private record TestDevice(String userId, String deviceId, byte[] agreementPrivate, byte[] signingPrivate) {

        static TestDevice random(String userId, String deviceId) {
            byte[] agreement = new byte[32];
            byte[] signing = new byte[32];
            RANDOM.nextBytes(agreement);
            RANDOM.nextBytes(signing);
            return new TestDevice(userId, deviceId, agreement, signing);
        }

        DeviceIdentity identity() {
            return DeviceIdentity.fromPrivateKeys(agreementPrivate, signingPrivate);
        }

        RecipientDevice asRecipient() {
            return RecipientDevice.of(userId, deviceId, identity().agreementPublicKeyBase64Url());
        }

        Map<String, String> asRecipientJson() {
            return Map.of("userId", userId, "deviceId", deviceId, "agreementKey", identity().agreementPublicKeyBase64Url());
        }

        ObjectNode json() {
            return JSON.createObjectNode().put("userId", userId).put("deviceId", deviceId)
                    .put("agreementPrivateKey", Base64Url.encode(agreementPrivate))
                    .put("signingPrivateKey", Base64Url.encode(signingPrivate));
        }
    }

    private final TestDevice aliceLaptop = TestDevice.random(ALICE, "alice-laptop");
    private final TestDevice alicePhone = TestDevice.random(ALICE, "web-alice-phone");
    private final TestDevice bobBrowser = TestDevice.random(BOB, "web-Bob_1");
    private final MessageContext context = new MessageContext("6f9619ff-8b86-4d01-b42d-00cf4fc964ff", ALICE, "alice-laptop",
            "c0ffee00-0000-4000-8000-" + System.nanoTime() % 1_000_000_000_000L);

    @Test
    void whatJavaSealsTheWebClientOpensOnEveryRecipientDevice() throws Exception {
        EnvelopeV1 envelope = Envelopes.seal(TEXT.getBytes(StandardCharsets.UTF_8), context, aliceLaptop.identity(),
                List.of(bobBrowser.asRecipient(), alicePhone.asRecipient()));

        for (TestDevice reader : List.of(bobBrowser, alicePhone)) {
            JsonNode opened = webOpen(JSON.readTree(envelope.toJson()), contextJson(context), reader);
            assertThat(opened.path("rejected").asText(null)).as("rejection for " + reader.deviceId()).isNull();
            assertThat(opened.get("plaintext").asText()).isEqualTo(TEXT);
        }
    }

    @Test
    void whatTheWebClientSealsJavaOpensOnEveryRecipientDevice() throws Exception {
        ObjectNode request = JSON.createObjectNode().put("plaintext", TEXT);
        request.set("context", contextJson(context));
        request.set("sender", aliceLaptop.json());
        request.set("recipients", JSON.valueToTree(List.of(bobBrowser.asRecipientJson(), alicePhone.asRecipientJson())));

        EnvelopeV1 envelope = EnvelopeV1.fromJson(JSON.writeValueAsString(node("seal", request).get("envelope")));

        for (TestDevice reader : List.of(bobBrowser, alicePhone)) {
            byte[] plaintext = Envelopes.open(envelope, context, new LocalDevice(reader.userId(), reader.deviceId(), reader.identity()),
                    aliceLaptop.identity().signingPublicKey());
            assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(TEXT);
        }
        assertThat(envelope.recipients()).extracting(EnvelopeV1.Recipient::deviceId)
                .as("sorted by (userId, deviceId)").containsExactly("web-alice-phone", "web-Bob_1");
    }

    @Test
    void eachSideRefusesWhatTheOtherSealedForAnotherChat() throws Exception {
        EnvelopeV1 javaSealed = Envelopes.seal(TEXT.getBytes(StandardCharsets.UTF_8), context, aliceLaptop.identity(),
                List.of(bobBrowser.asRecipient()));
        MessageContext otherChat = new MessageContext("0d1f7e2a-0000-4000-8000-000000000000", context.senderUserId(),
                context.senderDeviceId(), context.clientMessageId());

        assertThat(webOpen(JSON.readTree(javaSealed.toJson()), contextJson(otherChat), bobBrowser).get("rejected").asText())
                .isEqualTo("BAD_SIGNATURE");

        ObjectNode request = JSON.createObjectNode().put("plaintext", TEXT);
        request.set("context", contextJson(context));
        request.set("sender", aliceLaptop.json());
        request.set("recipients", JSON.valueToTree(List.of(bobBrowser.asRecipientJson())));
        EnvelopeV1 webSealed = EnvelopeV1.fromJson(JSON.writeValueAsString(node("seal", request).get("envelope")));
        assertThatThrownBy(() -> Envelopes.open(webSealed, otherChat,
                new LocalDevice(BOB, bobBrowser.deviceId(), bobBrowser.identity()), aliceLaptop.identity().signingPublicKey()))
                .isInstanceOfSatisfying(EnvelopeRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(EnvelopeRejectedException.Reason.BAD_SIGNATURE));
    }

    private JsonNode webOpen(JsonNode envelope, JsonNode context, TestDevice reader) throws Exception {
        ObjectNode request = JSON.createObjectNode();
        request.set("envelope", envelope);
        request.set("context", context);
        request.set("me", reader.json());
        request.put("senderSigningKey", aliceLaptop.identity().signingPublicKeyBase64Url());
        return node("open", request);
    }

    private static ObjectNode contextJson(MessageContext context) {
        return JSON.createObjectNode().put("chatId", context.chatId()).put("senderUserId", context.senderUserId())
                .put("senderDeviceId", context.senderDeviceId()).put("clientMessageId", context.clientMessageId());
    }

    /** Runs {@code node test/interop.mjs <command>} with the request on stdin; fails with its stderr. */
    private static JsonNode node(String command, JsonNode request) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("node", INTEROP.toString(), command).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(JSON.writeValueAsBytes(request));
        }
        byte[] stdout = process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(process.exitValue()).as("node interop.mjs " + command + " failed:\n" + stderr).isZero();
        return JSON.readTree(stdout);
    }
}
