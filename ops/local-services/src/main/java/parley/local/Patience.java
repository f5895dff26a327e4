package parley.local;

import java.time.Duration;

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
