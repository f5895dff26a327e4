package parley.edge.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * A clock for measuring how long things take in this JVM: the wall time when it was made plus the monotonic time
 * ({@code System.nanoTime()}) elapsed since. A step of the node's wall clock (NTP correcting a drift, an operator) does
 * not move it, so a deadline kept as an {@link Instant} of it (a circuit breaker's open state, a rate limiter's next
 * allowed arrival) falls due after its duration, not the step's. It drifts from the wall clock by as much as the node's
 * clock is stepped: never compare its instants with another node's, a database's or a token's.
 */
public final class ElapsedClock extends Clock {

    private static final ElapsedClock SYSTEM = new ElapsedClock(Instant.now(), System::nanoTime);

    private final Instant origin;
    private final long originNanos;
    private final LongSupplier nanoTime;

    ElapsedClock(Instant origin, LongSupplier nanoTime) {
        this.origin = origin;
        this.nanoTime = nanoTime;
        this.originNanos = nanoTime.getAsLong();
    }

    /** The JVM's one instance. */
    public static ElapsedClock system() {
        return SYSTEM;
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(nanoTime.getAsLong() - originNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("an elapsed-time clock has no zone but UTC");
    }
}
