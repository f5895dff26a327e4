package parley.command.shutdown;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The grace period, counted from the first shutdown step: each step runs through {@link #step} so
 * its duration is logged and it knows how much time is left.
 */
@Component
class ShutdownClock {

    private static final Logger log = LoggerFactory.getLogger(ShutdownClock.class);

    private final Duration gracePeriod;
    private volatile long startedNanos;

    ShutdownClock(ShutdownProperties properties) {
        this.gracePeriod = properties.gracePeriod();
    }

    /** Starts the grace period if it has not started yet. */
    synchronized void start() {
        if (startedNanos == 0) {
            startedNanos = System.nanoTime();
            log.info("Shutting down: grace period {} ms", gracePeriod.toMillis());
        }
    }

    Duration remaining() {
        start();
        Duration left = gracePeriod.minusNanos(System.nanoTime() - startedNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Runs one step, logging how long it took; a failed step is logged and the next one still runs. */
    void step(String name, Runnable step) {
        start();
        long began = System.nanoTime();
        try {
            step.run();
            log.info("Shutdown step '{}' took {} ms ({} ms of the grace period left)", name, millisSince(began),
                    remaining().toMillis());
        } catch (RuntimeException e) {
            log.warn("Shutdown step '{}' failed after {} ms", name, millisSince(began), e);
        }
    }

    private static long millisSince(long began) {
        return Duration.ofNanos(System.nanoTime() - began).toMillis();
    }
}
