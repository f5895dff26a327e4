package parley.bench.faults;

import java.time.Duration;
import java.util.Set;

/**
 * The network path between the platform and PostgreSQL in trouble for 20 s (a loopback proxy, {@code LoopbackProxy}):
 * every open connection reset at once, then 100 ms added to each chunk either way (a round trip costs 200 ms more)
 * until the heal. Pools must drop the dead connections and open new ones, commands must still be answered (slowly,
 * or {@code UNAVAILABLE} for the SDK to send again), and nothing acknowledged may be lost or doubled.
 */
public final class DatabaseLinkTrouble implements Fault {

    private static final Duration DELAY = Duration.ofMillis(100);
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @Override
    public String name() {
        return "database connections cut, then 200 ms slower round trips for 20 s";
    }

    @Override
    public void inject(FaultEnvironment environment) {
        int cut = environment.database().link().cutAll();
        environment.database().link().latency(DELAY);
        environment.progress().line("faults: %d database sockets reset; each chunk now waits %d ms", cut, DELAY.toMillis());
    }

    @Override
    public void heal(FaultEnvironment environment) {
        environment.database().link().latency(Duration.ZERO);
    }

    @Override
    public Duration outage() {
        return OUTAGE;
    }

    @Override
    public Set<EnvironmentPart> needs() {
        return Set.of(EnvironmentPart.DATABASE_LINK);
    }
}
