package parley.api.message;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import parley.api.ChatEvent;
import parley.api.ChatType;

/** Revision 1. The message at {@code seq} is withdrawn: read models drop its envelope and keep a tombstone. */
@Revision("1")
public record MessageRedacted(UUID chatId, ChatType chatType, long seq, UUID redactedBy, Instant redactedAt)
        implements ChatEvent {
}
