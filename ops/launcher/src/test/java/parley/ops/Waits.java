package parley.ops;

import java.time.Duration;
import parley.local.Patience;

/** How long the end-to-end tests wait for anything that travels through Kafka. */
public final class Waits {

    /**
     * Generous on purpose: the suite also runs through PgBouncer on a loaded 2-core CI machine,
     * where a new context's first projection can take well over 15 s. An await returns as soon as
     * its condition holds, so a green run pays nothing for the margin; a slower machine scales it
     * with {@code PARLEY_TEST_WAIT_FACTOR} ({@link Patience}).
     */
    public static final Duration ASYNC = Patience.scaled(Duration.ofSeconds(60));

    private Waits() {
    }

    /** A bound chosen for a quiet machine, scaled to this one. */
    public static Duration scaled(Duration onAQuietMachine) {
        return Patience.scaled(onAQuietMachine);
    }
}
