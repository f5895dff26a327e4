package parley.api.message;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import parley.api.ChatEvent;
import parley.api.ChatType;
import parley.api.Envelope;

/** Revision 1. The message at {@code seq} now carries {@code envelope}. */
@Revision("1")
public record MessageEdited(UUID chatId, ChatType chatType, long seq, UUID editedBy, Envelope envelope, Instant editedAt)
        implements ChatEvent {
}
