package parley.query.read;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import parley.edge.breaker.Breakers;
import parley.query.QueryProperties;

/** One breaker per replica, named {@code parley-read-replica-<name>}, built like every breaker in Parley. */
final class ReplicaBreakers {

    static final String PREFIX = "parley-read-replica-";

    private final QueryProperties.ReplicaRouting settings;
    private final MeterRegistry meters;

    ReplicaBreakers(QueryProperties.ReplicaRouting settings, MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;
    }

    CircuitBreaker forReplica(String name) {
        return Breakers.create(PREFIX + name, settings.breaker(), meters,
                "reads of replica " + name + " go to the next replica or the primary until it answers again",
                "replica " + name + " answers again and takes reads",
                // so that a recovered replica is tried again by the health check, not only by a read
                config -> config.automaticTransitionFromOpenToHalfOpenEnabled(true).permittedNumberOfCallsInHalfOpenState(2));
    }
}
