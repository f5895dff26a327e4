package parley.local;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How long tests may wait for something that happens asynchronously, scaled to the machine. Every
 * test wait polls for its event and returns as soon as it holds; the bound only decides when to
 * give up. On a machine slower than usual (a shared CI host on a busy day, a laptop on battery),
 * {@code PARLEY_TEST_WAIT_FACTOR} (or the system property {@code parley.test.wait-factor}),
 * default 1, multiplies every bound instead of anyone editing timeouts.
 */
public final class Patience {

    private static final double FACTOR = factor();

    private Patience() {
    }

    /** {@code onAQuietMachine} times the machine's factor. */
    public static Duration scaled(Duration onAQuietMachine) {
        return Duration.ofMillis(Math.round(onAQuietMachine.toMillis() * FACTOR));
    }

    /**
     * Polls until {@code done}, for a long bulk job whose total time depends on the machine: it fails
     * only when {@code progress} has shown no change for {@code stall} (scaled), so a slow machine gets
     * all the time it needs and a stuck job still fails promptly.
     */
    public static void awaitWhileProgressing(BooleanSupplier done, Supplier<?> progress, Duration stall) {
        long allowedStall = scaled(stall).toNanos();
        Object last = progress.get();
        long lastChange = System.nanoTime();
        while (!done.getAsBoolean()) {
            Object now = progress.get();
            if (!Objects.equals(now, last)) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > allowedStall) {
                throw new AssertionError("no progress for " + scaled(stall) + "; stuck at " + now);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static double factor() {
        String configured = System.getProperty("parley.test.wait-factor", System.getenv("PARLEY_TEST_WAIT_FACTOR"));
        if (configured == null || configured.isBlank()) {
            return 1;
        }
        double factor = Double.parseDouble(configured.strip());
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("the test wait factor must be at least 1, not " + configured);
        }
        return factor;
    }
}
