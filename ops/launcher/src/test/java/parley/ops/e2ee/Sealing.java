package parley.ops.e2ee;

import parley.ops.Waits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import parley.client.crypto.DeviceIdentity;
import parley.client.crypto.EnvelopeRejectedException;
import parley.client.crypto.EnvelopeV1;
import parley.client.crypto.Envelopes;
import parley.client.crypto.LocalDevice;
import parley.client.crypto.MessageContext;
import parley.client.crypto.RecipientDevice;
import parley.command.testing.ParleyHttp;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/**
 * Envelope v1 at the protocol level, as a client does it with the parley-client crypto: publish a
 * device, seal for chosen devices, send over STOMP, open from history. Tests of the server's checks
 * need to choose the recipients themselves, which an SDK that always seals correctly would not allow.
 */
final class Sealing {

    static final Duration WAIT = Waits.ASYNC;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sealing() {
    }

    record Device(TestUser user, String deviceId, DeviceIdentity identity) {

        RecipientDevice asRecipient() {
            return RecipientDevice.of(user.userId().toString(), deviceId, identity.agreementPublicKeyBase64Url());
        }
    }

    /** An envelope and the context it was sealed for. */
    record Sealed(UUID chatId, String clientMessageId, ObjectNode envelope) {
    }

    static Device publish(ParleyHttp http, TestUser user, String deviceId) {
        DeviceIdentity identity = DeviceIdentity.generate();
        int status = http.put("/api/devices/" + deviceId, Map.of("agreementKey", identity.agreementPublicKeyBase64Url(),
                "signingKey", identity.signingPublicKeyBase64Url()), user.accessToken()).status();
        assertThat(status).isEqualTo(201);
        return new Device(user, deviceId, identity);
    }

    static Sealed seal(Device sender, UUID chatId, String clientMessageId, String text, Device... readers) {
        List<RecipientDevice> recipients = new ArrayList<>();
        for (Device reader : readers) {
            recipients.add(reader.asRecipient());
        }
        return sealFor(sender, chatId, clientMessageId, text, recipients);
    }

    static Sealed sealFor(Device sender, UUID chatId, String clientMessageId, String text, List<RecipientDevice> readers) {
        MessageContext context = new MessageContext(chatId.toString(), sender.user().userId().toString(), sender.deviceId(),
                clientMessageId);
        EnvelopeV1 envelope = Envelopes.seal(text.getBytes(StandardCharsets.UTF_8), context, sender.identity(), readers);
        try {
            return new Sealed(chatId, clientMessageId, (ObjectNode) JSON.readTree(envelope.toJson()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode sendPrivate(StompTestClient client, TestUser peer, Sealed sealed) throws InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("peerId", peer.userId().toString())
                .put("clientMessageId", sealed.clientMessageId());
        body.set("envelope", sealed.envelope());
        return exchange(client, "/app/private.send", body);
    }

    static JsonNode sendGroup(StompTestClient client, Sealed sealed) throws InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("groupId", sealed.chatId().toString())
                .put("clientMessageId", sealed.clientMessageId());
        body.set("envelope", sealed.envelope());
        return exchange(client, "/app/group.send", body);
    }

    static JsonNode edit(StompTestClient client, long seq, Sealed sealed) throws InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("chatId", sealed.chatId().toString()).put("seq", seq);
        body.set("envelope", sealed.envelope());
        return exchange(client, "/app/chat.edit", body);
    }

    static JsonNode exchange(StompTestClient client, String destination, Object body) throws InterruptedException {
        client.send(destination, body);
        JsonNode reply = client.nextReply(WAIT);
        assertThat(reply).as("a reply to " + destination).isNotNull();
        return reply;
    }

    /** The {@code devices} of a STALE_DEVICES reply. */
    static List<RecipientDevice> devicesOf(JsonNode stale) {
        List<RecipientDevice> devices = new ArrayList<>();
        stale.get("devices").forEach(device -> devices.add(RecipientDevice.of(device.get("userId").asText(),
                device.get("deviceId").asText(), device.get("agreementKey").asText())));
        return devices;
    }

    /** Reads message {@code seq} from history as {@code reader}'s user and opens it on that device. */
    static String openFromHistory(ParleyHttp http, Device reader, UUID chatId, long seq, Device sender)
            throws EnvelopeRejectedException {
        JsonNode message = await().atMost(WAIT).until(() -> messageAt(http, reader.user(), chatId, seq), found -> found != null);
        MessageContext context = new MessageContext(chatId.toString(), message.get("senderId").asText(),
                message.get("envelope").get("senderDeviceId").asText(), message.get("clientMessageId").asText());
        byte[] plaintext = Envelopes.open(EnvelopeV1.fromJson(message.get("envelope").toString()), context,
                new LocalDevice(reader.user().userId().toString(), reader.deviceId(), reader.identity()),
                sender.identity().signingPublicKey());
        return new String(plaintext, StandardCharsets.UTF_8);
    }

    private static JsonNode messageAt(ParleyHttp http, TestUser reader, UUID chatId, long seq) {
        JsonNode page = http.get("/api/chats/" + chatId + "/messages?afterSeq=" + (seq - 1) + "&limit=1", reader.accessToken()).body();
        JsonNode messages = page == null ? null : page.get("messages");
        return messages == null || messages.isEmpty() ? null : messages.get(0);
    }
}
