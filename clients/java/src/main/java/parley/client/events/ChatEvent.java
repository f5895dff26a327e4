package parley.client.events;

import java.time.Instant;

/**
 * Everything a {@code ParleyClient} tells its listener, as typed records. Messages arrive already verified and
 * decrypted ({@link MessageDecrypted}) or as {@link MessageUndecryptable} with the reason; nothing here is ever
 * thrown at the listener. Field names follow docs/protocol.md "Events on /user/queue/events".
 */
public sealed interface ChatEvent {

    /** A message whose signature verified and which decrypted for this device ({@code edited}: its latest edit). */
    record MessageDecrypted(String chatId, long seq, String senderId, String senderDeviceId, String text,
                            String messageId, Instant sentAt, boolean edited) implements ChatEvent {
    }

    /** A message this device must not show: see {@link UndecryptableReason}; {@code detail} is for logs. */
    record MessageUndecryptable(String chatId, long seq, String senderId, UndecryptableReason reason, String detail)
            implements ChatEvent {
    }

    /** A tombstone in history: the message was redacted. */
    record MessageRedacted(String chatId, long seq, String redactedBy) implements ChatEvent {
    }

    /** Message {@code seq} now reads {@code text} (verified and decrypted like a message); an unreadable edit is a {@link MessageUndecryptable}. */
    record MessageEdited(String chatId, long seq, String editedBy, String text, Instant editedAt) implements ChatEvent {
    }

    record ReceiptUpdated(String chatId, String userId, long deliveredUpToSeq, long readUpToSeq) implements ChatEvent {
    }

    record MemberAdded(String groupId, String userId, String role, String addedBy, long joinedAtSeq) implements ChatEvent {
    }

    /** {@code left}: the member left by themselves ({@code reason} LEFT), rather than being removed by {@code removedBy}. */
    record MemberRemoved(String groupId, String userId, String removedBy, boolean left) implements ChatEvent {
    }

    record GroupRenamed(String groupId, String name, String renamedBy) implements ChatEvent {
    }

    record RoleChanged(String groupId, String userId, String role, String changedBy) implements ChatEvent {
    }

    record PresenceChanged(String userId, boolean online, Instant lastSeenAt) implements ChatEvent {
    }

    /** The user's device list changed; the client has already forgotten its cached copy. */
    record DeviceListChanged(String userId) implements ChatEvent {
    }

    /**
     * A user's trusted devices changed (docs/e2ee.md, "Device pinning"): an announced device list, confirmed by the
     * directory, differs from the one this client had pinned, or the user accepted the current list explicitly.
     * Show it: if neither side added or removed a device, someone else did. {@code added} and {@code removed} are
     * device ids (a device whose keys changed is in both). The safety numbers are this user's with {@code userId}
     * before and after; both null when {@code userId} is this user (every safety number changes then).
     */
    record ContactDevicesChanged(String userId, java.util.List<String> added, java.util.List<String> removed,
                                 String oldSafetyNumber, String newSafetyNumber) implements ChatEvent {
    }

    record Typing(String chatId, String userId, boolean typing) implements ChatEvent {
    }

    /** The live connection went down ({@code retrying} unless the client was closed or logged out) or came back. */
    record ConnectionChanged(boolean connected, boolean retrying, String detail) implements ChatEvent {
    }

    /** An event type this SDK version does not know; kept so that nothing is dropped silently. */
    record Unknown(String type, String json) implements ChatEvent {
    }
}
