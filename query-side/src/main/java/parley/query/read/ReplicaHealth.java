package parley.query.read;

import java.time.Duration;

/**
 * What the last probe of a replica saw. Only a reachable server that is still a standby (a promoted
 * one has its own history) and not further behind than the limit serves reads.
 *
 * @param lagSeconds replay lag: 0 when everything received is replayed, else the age of the last
 *     replayed transaction; {@code NaN} when unknown
 */
record ReplicaHealth(boolean reachable, boolean inRecovery, double lagSeconds) {

    static final ReplicaHealth UNKNOWN = new ReplicaHealth(false, false, Double.NaN);

    static ReplicaHealth unreachable() {
        return UNKNOWN;
    }

    boolean usable(Duration maxLag) {
        return reachable && inRecovery && !Double.isNaN(lagSeconds) && lagSeconds * 1000 <= maxLag.toMillis();
    }
}
