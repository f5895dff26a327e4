package parley.bench.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits for the pushes of group creation to be over before the load begins. Creating a group of n members pushes
 * n {@code MemberAdded} events to every member (n² frames: 250,000 for a group of 500), in order per group; until
 * they are through, the first measured messages would queue behind them. Each member receiving the
 * {@code MemberAdded} of the group's last member means all of them are through.
 */
final class GroupsSettled {

    /** By the user id of each group's last member: the members still to receive that member's MemberAdded. */
    private final Map<String, CountDownLatch> awaited = new ConcurrentHashMap<>();

    /** Call before creating the group, so that no push can come first. */
    void expect(String lastMemberId, int members) {
        awaited.put(lastMemberId, new CountDownLatch(members));
    }

    /** A session received {@code MemberAdded} for {@code userId}. */
    void memberAdded(String userId) {
        CountDownLatch latch = awaited.get(userId);
        if (latch != null) {
            latch.countDown();
        }
    }

    /** @return false if some member had not heard of its whole group by the deadline */
    boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CountDownLatch latch : awaited.values()) {
            if (!latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }
}
