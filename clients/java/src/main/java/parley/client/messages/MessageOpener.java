package parley.client.messages;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import parley.client.crypto.EnvelopeRejectedException;
import parley.client.crypto.EnvelopeV1;
import parley.client.crypto.Envelopes;
import parley.client.crypto.LocalDevice;
import parley.client.crypto.MessageContext;
import parley.client.events.ChatEvent;
import parley.client.events.ReceivedMessage;
import parley.client.events.UndecryptableReason;
import parley.client.keys.PublishedDevice;
import parley.client.keys.TrustedDevices;

/**
 * Turns a {@link ReceivedMessage} into a {@link ChatEvent.MessageDecrypted} or a
 * {@link ChatEvent.MessageUndecryptable}: the sender device's signing key is the one this client trusts (pinned;
 * a device not announced to it is {@code UNKNOWN_SENDER_DEVICE}, docs/e2ee.md), the context from the server's message (chat, sender, clientMessageId, or
 * {@code edit/<seq>} for an edit).
 * Never throws for anything a sender or the server could have put in the message.
 */
public final class MessageOpener {

    private final LocalDevice me;
    private final TrustedDevices directory;
    private final SentTexts sent;

    public MessageOpener(LocalDevice me, TrustedDevices directory, SentTexts sent) {
        this.me = me;
        this.directory = directory;
        this.sent = sent;
    }

    public ChatEvent open(ReceivedMessage message) {
        if (message.envelope() == null) {
            return new ChatEvent.MessageRedacted(message.chatId(), message.seq(), null);
        }
        try {
            return decrypted(message);
        } catch (EnvelopeRejectedException rejected) {
            return undecryptable(message, UndecryptableReason.valueOf(rejected.reason().name()), rejected.getMessage());
        } catch (RuntimeException unexpected) {
            // e.g. a directory read failing: reported, never thrown into the caller's listener
            return undecryptable(message, UndecryptableReason.UNKNOWN_SENDER_DEVICE, unexpected.toString());
        }
    }

    private ChatEvent decrypted(ReceivedMessage message) throws EnvelopeRejectedException {
        EnvelopeV1 envelope = EnvelopeV1.fromJson(message.envelope().toString());
        String senderDevice = envelope.senderDeviceId();
        if (message.contextId() == null || senderDevice == null) {
            return undecryptable(message, UndecryptableReason.MISSING_CONTEXT, "no clientMessageId or senderDeviceId");
        }
        if (message.senderId().equals(me.userId()) && senderDevice.equals(me.deviceId())) {
            return ownMessage(message);
        }
        Optional<PublishedDevice> sender = directory.device(message.senderId(), senderDevice);
        if (sender.isEmpty()) {
            return undecryptable(message, UndecryptableReason.UNKNOWN_SENDER_DEVICE,
                    "device " + senderDevice + " of " + message.senderId() + " is not a device this client trusts");
        }
        MessageContext context = new MessageContext(message.chatId(), message.senderId(), senderDevice, message.contextId());
        byte[] plaintext = Envelopes.open(envelope, context, me, sender.get().signingKeyBytes());
        return new ChatEvent.MessageDecrypted(message.chatId(), message.seq(), message.senderId(), senderDevice,
                new String(plaintext, StandardCharsets.UTF_8), message.messageId(), message.sentAt(), message.edited());
    }

    private ChatEvent ownMessage(ReceivedMessage message) {
        String text = sent.get(message.edited() ? SentTexts.editKey(message.chatId(), message.seq()) : message.clientMessageId());
        if (text == null) {
            return undecryptable(message, UndecryptableReason.SENT_BY_THIS_DEVICE, "this device does not encrypt to itself");
        }
        return new ChatEvent.MessageDecrypted(message.chatId(), message.seq(), message.senderId(), me.deviceId(), text,
                message.messageId(), message.sentAt(), message.edited());
    }

    private static ChatEvent undecryptable(ReceivedMessage message, UndecryptableReason reason, String detail) {
        return new ChatEvent.MessageUndecryptable(message.chatId(), message.seq(), message.senderId(), reason, detail);
    }
}
