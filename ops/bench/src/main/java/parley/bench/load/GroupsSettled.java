package parley.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits for the pushes of group setup to be over before the load begins, so the first measured messages do not
 * queue behind them. A creation pushes each initial member its own {@code MemberAdded}; each member added
 * afterwards ({@code group.addMember}, for groups larger than a creation may name) is pushed to every member, in
 * order per session. So a member has everything once it has received the {@code MemberAdded} of the last member
 * added after the creation, or, if there was none, its own.
 */
final class GroupsSettled {

    /** By receiving member: the member whose MemberAdded it still awaits. */
    private final Map<String, String> awaited = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> latches = new ConcurrentHashMap<>();

    /**
     * Call before creating the group, so that no push can come first.
     *
     * @param members the group's members in the order they join
     * @param initial how many of them the creation names
     */
    void expect(List<String> members, int initial) {
        CountDownLatch latch = new CountDownLatch(members.size());
        String last = members.get(members.size() - 1);
        for (String member : members) {
            awaited.put(member, members.size() > initial ? last : member);
            latches.put(member, latch);
        }
    }

    /** {@code receiverId}'s session received {@code MemberAdded} for {@code userId}. */
    void memberAdded(String receiverId, String userId) {
        if (awaited.remove(receiverId, userId)) {
            latches.get(receiverId).countDown();
        }
    }

    /** @return false if some member had not heard of its whole group by the deadline */
    boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CountDownLatch latch : latches.values()) {
            if (!latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }
}
