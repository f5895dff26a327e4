package parley.api.group;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import parley.api.ChatEvent;

/** Revision 1. */
@Revision("1")
public record RoleChanged(UUID groupId, UUID userId, GroupRole role, UUID changedBy, Instant changedAt) implements ChatEvent {

    @Override
    public UUID chatId() {
        return groupId;
    }
}
