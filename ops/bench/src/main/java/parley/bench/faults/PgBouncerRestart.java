package parley.bench.faults;

import java.time.Duration;
import java.util.Set;

/**
 * PgBouncer (transaction pooling, between the platform and the primary) restarted: stopped with SIGTERM (PgBouncer
 * 1.18 then closes every client and server connection at once, as when its pod is replaced), 5 s away, started again
 * on the same port. Every pooled connection of the platform breaks and no new one opens meanwhile: sends in the gap
 * fail and the SDK sends them again; the platform's pools must reconnect by themselves.
 */
public final class PgBouncerRestart implements Fault {

    private static final Duration OUTAGE = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "PgBouncer restarted (5 s down)";
    }

    @Override
    public void inject(FaultEnvironment environment) {
        environment.database().pgBouncer().stop();
    }

    @Override
    public void heal(FaultEnvironment environment) {
        environment.database().pgBouncer().startAgain();
    }

    @Override
    public Duration outage() {
        return OUTAGE;
    }

    @Override
    public Set<EnvironmentPart> needs() {
        return Set.of(EnvironmentPart.PGBOUNCER);
    }
}
