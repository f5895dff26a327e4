package parley.api.group;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import parley.api.ChatEvent;

/** Revision 1. Followed by one {@link MemberAdded} per initial member, the creator first as owner. */
@Revision("1")
public record GroupCreated(UUID groupId, String name, UUID createdBy, Instant createdAt) implements ChatEvent {

    @Override
    public UUID chatId() {
        return groupId;
    }
}
