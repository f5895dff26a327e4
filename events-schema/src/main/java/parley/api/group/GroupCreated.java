package parley.api.group;

import java.time.Instant;
import java.util.UUID;
import parley.api.ChatEvent;

/** Revision 1. Followed by one {@link MemberAdded} per initial member, the creator first as owner. */
public record GroupCreated(UUID groupId, String name, UUID createdBy, Instant createdAt) implements ChatEvent {

    @Override
    public UUID chatId() {
        return groupId;
    }
}
