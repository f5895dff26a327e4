package parley.client.messages;

import java.util.HashSet;
import java.util.Set;
import parley.client.events.ChatEvent;
import parley.client.events.ReceivedMessage;
import parley.client.events.UndecryptableReason;

/**
 * Sender devices the key directory did not list, or could not be read for, when a message from them was opened. The
 * directory is a projection read from a replica: a device published seconds ago may not be in it yet on a loaded
 * server, and a burst of reads meets the per-user read limit. Such a message is opened again after a pause instead of
 * being shown as undecryptable for good; a device still unlisted after every pause is taken as unknown, and its next
 * messages are shown so at once (a revoked device's old messages must not each hold the inbox).
 */
final class UnlistedSenders {

    private final Set<String> givenUp = new HashSet<>();

    /** Whether {@code opened} failed only because the sender's device is not listed (yet). */
    static boolean senderNotListed(ChatEvent opened) {
        return opened instanceof ChatEvent.MessageUndecryptable undecryptable
                && undecryptable.reason() == UndecryptableReason.UNKNOWN_SENDER_DEVICE;
    }

    /** Whether a message from this sender device is worth opening again later. */
    boolean worthWaitingFor(ReceivedMessage message) {
        return !givenUp.contains(deviceOf(message));
    }

    /** The message's last open: a device still unlisted is given up, one that opened is waited for again next time. */
    void settled(ReceivedMessage message, ChatEvent opened) {
        if (message.envelope() == null) {
            return; // redacted: nothing was opened
        }
        if (senderNotListed(opened)) {
            givenUp.add(deviceOf(message));
        } else {
            givenUp.remove(deviceOf(message));
        }
    }

    private static String deviceOf(ReceivedMessage message) {
        return message.senderId() + "/" + message.envelope().path("senderDeviceId").asText();
    }
}
