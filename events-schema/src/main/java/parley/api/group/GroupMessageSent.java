package parley.api.group;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import parley.api.ChatEvent;
import parley.api.Envelope;

/** Revision 1. {@code seq} counts the group's messages from 1 without gaps. */
@Revision("1")
public record GroupMessageSent(UUID groupId, UUID messageId, long seq, UUID senderId, String clientMessageId,
        Envelope envelope, Instant sentAt) implements ChatEvent {

    @Override
    public UUID chatId() {
        return groupId;
    }
}
