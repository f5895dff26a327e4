package parley.client.chats;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group membership as this client knows it: read once from {@code GET /api/groups/{id}}, then kept current by
 * the {@code MemberAdded} / {@code MemberRemoved} events (which can arrive before the read side has them).
 */
public final class GroupMembers {

    private final ChatsApi chats;
    private final Map<String, Set<String>> byGroup = new ConcurrentHashMap<>();

    public GroupMembers(ChatsApi chats) {
        this.chats = chats;
    }

    public Set<String> of(String groupId) {
        Set<String> known = byGroup.get(groupId);
        return Set.copyOf(known != null ? known : load(groupId));
    }

    /** A group this client just created: its members are known without waiting for the read side. */
    public void created(String groupId, Collection<String> members) {
        Set<String> known = ConcurrentHashMap.newKeySet();
        known.addAll(members);
        byGroup.put(groupId, known);
    }

    public void added(String groupId, String userId) {
        Set<String> members = byGroup.get(groupId);
        if (members != null) {
            members.add(userId);
        }
    }

    public void removed(String groupId, String userId, String me) {
        if (userId.equals(me)) {
            byGroup.remove(groupId);
            return;
        }
        Set<String> members = byGroup.get(groupId);
        if (members != null) {
            members.remove(userId);
        }
    }

    /** Forget a group (e.g. after the server said the devices were stale), so the next use reads it again. */
    public void invalidate(String groupId) {
        byGroup.remove(groupId);
    }

    private Set<String> load(String groupId) {
        Set<String> members = ConcurrentHashMap.newKeySet();
        members.addAll(chats.groupMembers(groupId));
        byGroup.put(groupId, members);
        return members;
    }
}
