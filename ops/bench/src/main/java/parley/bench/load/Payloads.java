package parley.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import parley.client.crypto.DeviceIdentity;
import parley.client.crypto.EnvelopeV1;
import parley.client.crypto.Envelopes;
import parley.client.crypto.LocalDevice;
import parley.client.crypto.MessageContext;
import parley.client.crypto.RecipientDevice;

/**
 * The message bodies. A sealed envelope is made once per (sender, chat) and then sent under fresh
 * clientMessageIds: its signature is bound to the clientMessageId it was sealed with, which the server cannot
 * check (it holds no keys) and which the bench's recipients never verify, as they do not decrypt. What the
 * server does check (structure, sending device, exact reader devices) holds for every send.
 */
final class Payloads {

    /** A typical chat line: 140 characters of ASCII text. */
    static final String TEXT = "x".repeat(140);
    private static final String TEMPLATE_MESSAGE_ID = "bench-template";

    private Payloads() {
    }

    static String sealed(BenchChat chat, BenchUser sender) {
        return seal(chat, sender, TEMPLATE_MESSAGE_ID).toJson();
    }

    /** The size of a sealed private-chat envelope (one reader device), made with throwaway keys. */
    static int privateEnvelopeBytes() {
        String senderId = UUID.randomUUID().toString();
        LocalDevice sender = new LocalDevice(senderId, UserSetup.DEVICE_ID, DeviceIdentity.generate());
        RecipientDevice reader = new RecipientDevice(UUID.randomUUID().toString(), UserSetup.DEVICE_ID,
                DeviceIdentity.generate().agreementPublicKey());
        MessageContext context = new MessageContext(UUID.randomUUID().toString(), senderId, UserSetup.DEVICE_ID,
                TEMPLATE_MESSAGE_ID);
        return bytes(Envelopes.seal(text(), context, sender.identity(), List.of(reader)).toJson());
    }

    /** {@code {"text":"..."}} padded to exactly {@code size} UTF-8 bytes. */
    static String opaque(int size) {
        String empty = "{\"text\":\"\"}";
        int padding = size - bytes(empty);
        if (padding < 0) {
            throw new IllegalArgumentException("an opaque payload has at least " + bytes(empty) + " bytes");
        }
        return "{\"text\":\"" + "x".repeat(padding) + "\"}";
    }

    /**
     * The SDK's seal time for one message of this route, mean in microseconds: {@code warmUp} untimed seals
     * first (JIT), then {@code timed} seals, each with its own clientMessageId as a real client's would be.
     */
    static double sealMicros(BenchChat chat, BenchUser sender, int warmUp, int timed) {
        for (int i = 0; i < warmUp; i++) {
            seal(chat, sender, "warm-" + i);
        }
        long started = System.nanoTime();
        for (int i = 0; i < timed; i++) {
            seal(chat, sender, "timed-" + i);
        }
        return (System.nanoTime() - started) / 1000.0 / timed;
    }

    static int bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    private static EnvelopeV1 seal(BenchChat chat, BenchUser sender, String clientMessageId) {
        List<RecipientDevice> readers = chat.members().stream()
                .filter(member -> !member.userId().equals(sender.userId()))
                .map(BenchUser::asRecipient)
                .toList();
        MessageContext context = new MessageContext(chat.chatId(), sender.userId(), sender.device().deviceId(), clientMessageId);
        return Envelopes.seal(text(), context, sender.device().identity(), readers);
    }

    private static byte[] text() {
        return TEXT.getBytes(StandardCharsets.UTF_8);
    }
}
