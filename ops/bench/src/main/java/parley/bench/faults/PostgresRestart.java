package parley.bench.faults;

import java.time.Duration;
import parley.local.LocalPrimary;

/**
 * The PostgreSQL primary restarted under load: {@code pg_ctl stop -m fast} (every session ended, open transactions
 * rolled back), a few seconds down, then started again on the same data and port. Every pooled connection of the
 * platform breaks; the pool must replace them without a restart of the platform.
 */
public final class PostgresRestart implements Fault {

    private static final Duration OUTAGE = Duration.ofSeconds(5);
    private final LocalPrimary.StopMode mode;

    public PostgresRestart(LocalPrimary.StopMode mode) {
        this.mode = mode;
    }

    @Override
    public String name() {
        return "PostgreSQL primary restart (-m " + mode.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public void inject(FaultEnvironment environment) {
        environment.primary().stop(mode);
    }

    @Override
    public void heal(FaultEnvironment environment) {
        environment.primary().startAgain();
    }

    @Override
    public Duration outage() {
        return OUTAGE;
    }
}
