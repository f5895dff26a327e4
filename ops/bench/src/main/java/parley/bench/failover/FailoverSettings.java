package parley.bench.failover;

import java.time.Duration;

/**
 * How hard the failover run loads region A, when it kills it, and how A replicates to B.
 *
 * @param pairs private chats (two users each)
 * @param concurrency sends in flight (closed loop)
 * @param ackedBeforeKill acknowledgements from region A to wait for before it is killed
 * @param ackedAfterPromotion new sends region B must acknowledge before the load stops
 * @param synchronous whether A's commits wait for B to have flushed them ({@code synchronous_standby_names = '*'})
 * @param decisionDelay from the kill to the order to promote: the runbook's detect-and-fence time (here a fixed wait;
 *                      history reads go on from B's standby meanwhile)
 * @param loadTimeout how long either count, or a recovery step, may take before the run gives up on it
 * @param readTimeout how long B's read tables may take after the promotion to hold every stored message
 */
public record FailoverSettings(int pairs, int concurrency, long ackedBeforeKill, long ackedAfterPromotion, boolean synchronous,
        Duration decisionDelay, Duration loadTimeout, Duration readTimeout) {

    public FailoverSettings {
        if (pairs < 1 || concurrency < 1 || ackedBeforeKill < 1 || ackedAfterPromotion < 1) {
            throw new IllegalArgumentException("need a chat, a send in flight and acknowledgements on both sides of the failover");
        }
    }

    /** 8 private chats, 16 in flight; A killed after 2,000 acknowledgements, 500 more on B; promotion ordered 10 s after the kill. */
    public static FailoverSettings full(boolean synchronous) {
        return new FailoverSettings(8, 16, 2_000, 500, synchronous, Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ofMinutes(3));
    }

    /** Seconds of load: 2 private chats, 4 in flight, killed after 200 acknowledgements, 50 after; promotion after 3 s. */
    public static FailoverSettings smoke(boolean synchronous) {
        return new FailoverSettings(2, 4, 200, 50, synchronous, Duration.ofSeconds(3), Duration.ofMinutes(2), Duration.ofMinutes(3));
    }

    public String describe() {
        return String.format("%d users in %d private chats, sealed, closed loop of %d; region A killed after %,d acknowledged sends, "
                + "%s replication to B; B promoted %d s after the kill, unanswered sends retried under their ids, then %,d more",
                pairs * 2, pairs, concurrency, ackedBeforeKill, synchronous ? "synchronous" : "asynchronous",
                decisionDelay.toSeconds(), ackedAfterPromotion);
    }
}
