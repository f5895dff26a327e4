package parley.api.group;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import parley.api.ChatEvent;

/** Revision 1. {@code joinedAtSeq}: the group's last seq when the member joined; earlier history is not theirs. */
@Revision("1")
public record MemberAdded(UUID groupId, UUID userId, GroupRole role, UUID addedBy, long joinedAtSeq, Instant addedAt)
        implements ChatEvent {

    @Override
    public UUID chatId() {
        return groupId;
    }
}
