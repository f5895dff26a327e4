package parley.command.push;

import java.time.Instant;
import java.util.UUID;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.group.GroupMessageSent;
import parley.api.privatechat.PrivateMessageSent;

/** The {@code MessageReceived} event on {@code /user/queue/events}. */
record MessageReceived(String type, UUID chatId, ChatType chatType, UUID messageId, long seq, UUID senderId,
        String clientMessageId, Envelope envelope, Instant sentAt) {

    static MessageReceived of(PrivateMessageSent sent) {
        return new MessageReceived("MessageReceived", sent.chatId(), ChatType.PRIVATE, sent.messageId(), sent.seq(),
                sent.senderId(), sent.clientMessageId(), sent.envelope(), sent.sentAt());
    }

    static MessageReceived of(GroupMessageSent sent) {
        return new MessageReceived("MessageReceived", sent.groupId(), ChatType.GROUP, sent.messageId(), sent.seq(),
                sent.senderId(), sent.clientMessageId(), sent.envelope(), sent.sentAt());
    }
}
