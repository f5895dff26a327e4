package parley.client.session;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter for reconnecting: attempt {@code n} (from 0) waits
 * {@code min(max, initial * 2^n)}, minus a random share of up to {@code jitter} of it, so that many clients
 * dropped by one outage do not all come back in the same instant.
 *
 * @param jitter 0 (no randomness) to 1 (anywhere between 0 and the capped delay)
 */
public record Backoff(Duration initial, Duration max, double jitter) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.5);

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within 0..1");
        }
    }

    public Duration delay(int attempt) {
        return delay(attempt, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random values in [0, 1) */
    public Duration delay(int attempt, DoubleSupplier random) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0");
        }
        long capped = cappedMillis(attempt);
        return Duration.ofMillis(capped - Math.round(capped * jitter * random.getAsDouble()));
    }

    private long cappedMillis(int attempt) {
        long ceiling = max.toMillis();
        long delay = initial.toMillis();
        // doubling step by step stops at the cap, so a large attempt number can never overflow
        for (int i = 0; i < attempt && delay < ceiling; i++) {
            delay *= 2;
        }
        return Math.min(delay, ceiling);
    }
}
