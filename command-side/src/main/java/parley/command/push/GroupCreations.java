package parley.command.push;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import parley.api.group.GroupCreated;
import parley.api.group.MemberAdded;

/**
 * Recognises the {@code MemberAdded} events a group creation emits: the aggregate stamps them with the
 * group's {@code createdAt}, and they follow its {@code GroupCreated} on the chat's partition. Pushing
 * each of them to every member would cost members squared pushes (a million for 1,024 members), so
 * each initial member is told only of their own joining and reads the member list from the query side.
 * Remembers the last creations seen on this node; one it missed (the node started in between) is
 * pushed as ordinary additions, which is correct, only costlier.
 */
final class GroupCreations {

    private static final int REMEMBERED = 10_000;

    private final Map<UUID, Instant> createdAt = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Instant> eldest) {
            return size() > REMEMBERED;
        }
    };

    synchronized void created(GroupCreated event) {
        createdAt.put(event.groupId(), event.createdAt());
    }

    /** True for a member named in the group's creation; false for one added afterwards. */
    synchronized boolean isInitial(MemberAdded event) {
        Instant created = createdAt.get(event.groupId());
        if (created != null && created.equals(event.addedAt())) {
            return true;
        }
        createdAt.remove(event.groupId()); // the creation is over: every later addition is an ordinary one
        return false;
    }
}
