package parley.api.group;

import java.time.Instant;
import java.util.UUID;
import parley.api.ChatEvent;

/** Revision 1. {@code removedBy} equals {@code userId} when the member left. */
public record MemberRemoved(UUID groupId, UUID userId, UUID removedBy, Instant removedAt) implements ChatEvent {

    @Override
    public UUID chatId() {
        return groupId;
    }

    public boolean left() {
        return userId.equals(removedBy);
    }
}
