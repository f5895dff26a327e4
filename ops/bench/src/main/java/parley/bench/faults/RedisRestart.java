package parley.bench.faults;

import java.time.Duration;
import java.util.Set;

/**
 * Redis (the suite's own, never the machine's) stopped for 10 s while clients chat, then started again empty: presence,
 * typing and the rate limiter's windows live there. Sends must go on (the rate limiter falls back to its local
 * windows, ADR 0005) and nothing stored may depend on it.
 */
public final class RedisRestart implements Fault {

    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @Override
    public String name() {
        return "Redis stopped for 10 s and started again";
    }

    @Override
    public void inject(FaultEnvironment environment) {
        environment.stopRedis();
    }

    @Override
    public void heal(FaultEnvironment environment) {
        environment.startRedis();
    }

    @Override
    public Duration outage() {
        return OUTAGE;
    }

    @Override
    public Set<EnvironmentPart> needs() {
        return Set.of(EnvironmentPart.OWN_REDIS);
    }
}
