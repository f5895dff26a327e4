package parley.query.chat;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many read-your-writes reads each user has waiting right now. A waiting read holds a request
 * thread and polls the database; one user may hold only a few, so no one can tie up the service
 * with reads that wait.
 */
final class WaitingReads {

    private final int perUser;
    private final ConcurrentHashMap<UUID, Integer> waiting = new ConcurrentHashMap<>();

    WaitingReads(int perUser) {
        this.perUser = perUser;
    }

    /** True (and counted) if the user may start one more waiting read; then {@link #leave} once it is done. */
    boolean tryEnter(UUID userId) {
        boolean[] entered = {false};
        waiting.compute(userId, (user, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perUser) {
                return count;
            }
            entered[0] = true;
            return now + 1;
        });
        return entered[0];
    }

    void leave(UUID userId) {
        waiting.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1);
    }
}
