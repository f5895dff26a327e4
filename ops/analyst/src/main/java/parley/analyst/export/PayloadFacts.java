package parley.analyst.export;

import java.util.List;
import java.util.UUID;
import parley.api.ChatEvent;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.device.DeviceKeysPublished;
import parley.api.device.DeviceRevoked;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.GroupRenamed;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.api.group.RoleChanged;
import parley.api.message.MessageEdited;
import parley.api.message.MessageRedacted;
import parley.api.privatechat.PrivateChatStarted;
import parley.api.privatechat.PrivateMessageSent;
import parley.api.receipt.ReceiptAdvanced;
import parley.api.user.UserRegistered;

/**
 * What an export says about one payload, read from the current event record: who caused it
 * ({@code actor}), whom it is about ({@code subject}), its chat, and its non-content fields. One
 * line per event type, so a new type is one line here (and an unknown one still exports its row
 * facts). Free text (names) and key material are never taken; an envelope only by its shape.
 */
record PayloadFacts(UUID chatId, ChatType chatType, UUID actor, UUID subject, Long seq, UUID messageId,
                    String clientMessageId, String role, Long joinedAtSeq, Long deliveredUpToSeq, Long readUpToSeq,
                    String deviceId, Envelope envelope) {

    /** The types this mapping knows by simple name: what {@code --types} accepts. */
    static final List<String> KNOWN_TYPES = List.of("UserRegistered", "DeviceKeysPublished", "DeviceRevoked",
            "PrivateChatStarted", "PrivateMessageSent", "GroupCreated", "GroupRenamed", "MemberAdded", "MemberRemoved",
            "RoleChanged", "GroupMessageSent", "MessageEdited", "MessageRedacted", "ReceiptAdvanced");

    private static final PayloadFacts NONE = new PayloadFacts(null, null, null, null, null, null, null, null, null, null,
            null, null, null);

    static PayloadFacts of(Object payload) {
        if (payload instanceof PrivateMessageSent e) {
            return message(e.chatId(), ChatType.PRIVATE, e.senderId(), e.recipientId(), e.seq(), e.messageId(), e.clientMessageId(), e.envelope());
        } else if (payload instanceof GroupMessageSent e) {
            return message(e.groupId(), ChatType.GROUP, e.senderId(), null, e.seq(), e.messageId(), e.clientMessageId(), e.envelope());
        } else if (payload instanceof MessageEdited e) {
            return message(e.chatId(), e.chatType(), e.editedBy(), null, e.seq(), null, null, e.envelope());
        } else if (payload instanceof MessageRedacted e) {
            return message(e.chatId(), e.chatType(), e.redactedBy(), null, e.seq(), null, null, null);
        } else if (payload instanceof ReceiptAdvanced e) {
            return new PayloadFacts(e.chatId(), e.chatType(), e.userId(), null, null, null, null, null, null,
                    e.deliveredUpToSeq(), e.readUpToSeq(), null, null);
        } else if (payload instanceof GroupCreated e) {
            return group(e.groupId(), e.createdBy(), null, null, null);
        } else if (payload instanceof GroupRenamed e) {
            return group(e.groupId(), e.renamedBy(), null, null, null);
        } else if (payload instanceof MemberAdded e) {
            return group(e.groupId(), e.addedBy(), e.userId(), e.role().name(), e.joinedAtSeq());
        } else if (payload instanceof MemberRemoved e) {
            return group(e.groupId(), e.removedBy(), e.userId(), null, null);
        } else if (payload instanceof RoleChanged e) {
            return group(e.groupId(), e.changedBy(), e.userId(), e.role().name(), null);
        } else if (payload instanceof PrivateChatStarted e) {
            // The participants, not who wrote first: the event does not say, and the first message does.
            return new PayloadFacts(e.chatId(), ChatType.PRIVATE, null, null, null, null, null, null, null, null, null, null, null);
        } else if (payload instanceof UserRegistered e) {
            return user(e.userId(), null);
        } else if (payload instanceof DeviceKeysPublished e) {
            return user(e.userId(), e.deviceId());
        } else if (payload instanceof DeviceRevoked e) {
            return user(e.userId(), e.deviceId());
        } else if (payload instanceof ChatEvent e) {
            return new PayloadFacts(e.chatId(), null, null, null, null, null, null, null, null, null, null, null, null);
        }
        return NONE;
    }

    private static PayloadFacts message(UUID chatId, ChatType chatType, UUID actor, UUID subject, long seq, UUID messageId,
                                        String clientMessageId, Envelope envelope) {
        return new PayloadFacts(chatId, chatType, actor, subject, seq, messageId, clientMessageId, null, null, null, null,
                null, envelope);
    }

    private static PayloadFacts group(UUID groupId, UUID actor, UUID subject, String role, Long joinedAtSeq) {
        return new PayloadFacts(groupId, ChatType.GROUP, actor, subject, null, null, null, role, joinedAtSeq, null, null,
                null, null);
    }

    private static PayloadFacts user(UUID userId, String deviceId) {
        return new PayloadFacts(null, null, userId, null, null, null, null, null, null, null, null, deviceId, null);
    }
}
