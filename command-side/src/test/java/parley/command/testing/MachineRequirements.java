package parley.command.testing;

import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * For the few tests that drive programs of the machine rather than ones the build brings (a
 * streaming replica through PostgreSQL's own binaries, PgBouncer, Chromium): they skip, naming
 * exactly what to install, where it is missing; under {@code CI=true}, where {@code .ci/run} has
 * installed everything, a missing program fails the test instead of hiding it.
 */
public final class MachineRequirements {

    private MachineRequirements() {
    }

    /** @param missing what this machine lacks for {@code test}, empty when it has everything */
    public static void require(String test, Optional<String> missing) {
        if (missing.isEmpty()) {
            return;
        }
        String message = test + " needs " + missing.get();
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }
}
