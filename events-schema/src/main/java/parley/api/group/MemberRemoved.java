package parley.api.group;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import parley.api.ChatEvent;

/**
 * A member is no longer in the group. Revision 2.
 *
 * <p>Revision 1 had no {@code reason}: whether the member left or was removed was only implied by
 * {@code removedBy} being equal to {@code userId}. Everyone who shows the event ("Alice left" and
 * "Bob removed Alice" are different lines in a chat's timeline), counts it (an analyst's "how many
 * members left groups last month") or exports it had to know that convention, and one more way to
 * leave a group (an account deleted, a moderator's action) would have had nowhere to go. Revision 2
 * states the fact in {@link #reason()}; {@code removedBy} keeps its meaning (the user whose action
 * ended the membership, the member themselves when they left), so a reader of revision 1 reads
 * revision 2 unchanged. Rows stored as revision 1 are upcast by
 * {@link parley.api.upcasting.MemberRemovedReasonUpcaster}.
 */
@Revision("2")
public record MemberRemoved(UUID groupId, UUID userId, Reason reason, UUID removedBy, Instant removedAt)
        implements ChatEvent {

    /** Why the membership ended. */
    public enum Reason {
        /** The member left by themselves: {@code removedBy} is the member. */
        LEFT,
        /** An owner or admin removed the member: {@code removedBy} is that owner or admin. */
        REMOVED
    }

    public MemberRemoved {
        Objects.requireNonNull(reason, "reason (revision-1 data must be upcast)");
        if ((reason == Reason.LEFT) != Objects.equals(userId, removedBy)) {
            throw new IllegalArgumentException("a member who left removed themselves, and only they: reason "
                    + reason + ", userId " + userId + ", removedBy " + removedBy);
        }
    }

    /** The member left the group. */
    public static MemberRemoved left(UUID groupId, UUID userId, Instant at) {
        return new MemberRemoved(groupId, userId, Reason.LEFT, userId, at);
    }

    /** {@code actorId}, an owner or admin, removed the member. */
    public static MemberRemoved removed(UUID groupId, UUID userId, UUID actorId, Instant at) {
        return new MemberRemoved(groupId, userId, Reason.REMOVED, actorId, at);
    }

    @Override
    public UUID chatId() {
        return groupId;
    }

    public boolean left() {
        return reason == Reason.LEFT;
    }
}
