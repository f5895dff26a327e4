package parley.edge.ratelimit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import parley.edge.breaker.BreakerSettings;
import parley.edge.breaker.Breakers;

/** The circuit breaker in front of the Redis limiter ({@code name="parley-ratelimit-redis"}). */
final class RedisBreaker {

    static final String NAME = "parley-ratelimit-redis";

    private RedisBreaker() {
    }

    static CircuitBreaker create(BreakerSettings settings, MeterRegistry meters) {
        return Breakers.create(NAME, settings, meters,
                "each node now limits in memory on its own (limits hold per node, not across nodes) until Redis answers again",
                "rate limits are shared across nodes again");
    }
}
