package parley.projections.message;

import java.time.Instant;
import java.util.UUID;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.group.GroupMessageSent;
import parley.api.privatechat.PrivateMessageSent;

/** One row of {@code messages}, from either kind of chat. */
public record NewMessage(UUID chatId, ChatType type, long seq, UUID messageId, UUID senderId, String clientMessageId,
        Envelope envelope, Instant sentAt) {

    public static NewMessage of(PrivateMessageSent sent) {
        return new NewMessage(sent.chatId(), ChatType.PRIVATE, sent.seq(), sent.messageId(), sent.senderId(),
                sent.clientMessageId(), sent.envelope(), sent.sentAt());
    }

    public static NewMessage of(GroupMessageSent sent) {
        return new NewMessage(sent.groupId(), ChatType.GROUP, sent.seq(), sent.messageId(), sent.senderId(),
                sent.clientMessageId(), sent.envelope(), sent.sentAt());
    }
}
