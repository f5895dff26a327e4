package parley.command.push;

import java.time.Instant;
import java.util.UUID;
import parley.api.Envelope;
import parley.api.privatechat.PrivateMessageSent;

/** The {@code MessageReceived} event on {@code /user/queue/events}. */
record MessageReceived(String type, UUID chatId, String chatType, UUID messageId, long seq, UUID senderId,
        Envelope envelope, Instant sentAt) {

    static MessageReceived of(PrivateMessageSent sent) {
        return new MessageReceived("MessageReceived", sent.chatId(), "PRIVATE", sent.messageId(), sent.seq(),
                sent.senderId(), sent.envelope(), sent.sentAt());
    }
}
