package parley.api.group;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import parley.api.ChatEvent;

/** Revision 1. */
@Revision("1")
public record GroupRenamed(UUID groupId, String name, UUID renamedBy, Instant renamedAt) implements ChatEvent {

    @Override
    public UUID chatId() {
        return groupId;
    }
}
