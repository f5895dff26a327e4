package parley.api.privatechat;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import parley.api.ChatEvent;
import parley.api.Envelope;

/** Revision 1. {@code seq} counts the chat's messages from 1 without gaps. */
@Revision("1")
public record PrivateMessageSent(
        UUID chatId,
        UUID messageId,
        long seq,
        UUID senderId,
        UUID recipientId,
        String clientMessageId,
        Envelope envelope,
        Instant sentAt) implements ChatEvent {
}
