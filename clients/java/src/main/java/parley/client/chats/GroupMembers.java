package parley.client.chats;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import parley.client.http.ApiException;

/**
 * Group membership as this client knows it: read once from {@code GET /api/groups/{id}}, then kept current by
 * the {@code MemberAdded} / {@code MemberRemoved} events (which can arrive before the read side has them).
 *
 * <p>The read side follows the event stream, so a group this user was just added to (or one created while the read
 * side lags, as after a node restart) answers 404 for a moment: the read is asked again a few times, about seven
 * seconds in all, before the 404 stands (found by the fault suite: sends given up on right after a group's creation).
 */
public final class GroupMembers {

    /** The pauses between reads of a group the read side does not list yet. */
    static final long[] NOT_YET_LISTED_RETRY_MILLIS = {200, 500, 1000, 2000, 4000};

    /** Reads a group's member ids ({@code GET /api/groups/{id}}, all pages). */
    @FunctionalInterface
    public interface Reader {
        List<String> members(String groupId);
    }

    private final Reader reader;
    private final long[] retryMillis;
    private final Map<String, Set<String>> byGroup = new ConcurrentHashMap<>();

    public GroupMembers(Reader reader) {
        this(reader, NOT_YET_LISTED_RETRY_MILLIS);
    }

    GroupMembers(Reader reader, long[] retryMillis) {
        this.reader = reader;
        this.retryMillis = retryMillis.clone();
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
        members.addAll(read(groupId));
        byGroup.put(groupId, members);
        return members;
    }

    private List<String> read(String groupId) {
        for (int attempt = 0; ; attempt++) {
            try {
                return reader.members(groupId);
            } catch (ApiException notListed) {
                if (notListed.status() != 404 || attempt >= retryMillis.length) {
                    throw notListed;
                }
                pause(retryMillis[attempt], notListed);
            }
        }
    }

    private static void pause(long millis, ApiException cause) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }
}
