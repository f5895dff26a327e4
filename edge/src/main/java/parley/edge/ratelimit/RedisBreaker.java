package parley.edge.ratelimit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker in front of the Redis limiter. Its state is a gauge
 * ({@code resilience4j.circuitbreaker.state{name="parley-ratelimit-redis"}}), and each change is
 * logged once: an outage is one warning, not one per request.
 */
final class RedisBreaker {

    static final String NAME = "parley-ratelimit-redis";
    private static final Logger log = LoggerFactory.getLogger(RedisBreaker.class);

    private RedisBreaker() {
    }

    static CircuitBreaker create(RateLimitProperties.Breaker settings, MeterRegistry meters) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.windowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(3)
                .build();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
        CircuitBreaker breaker = registry.circuitBreaker(NAME);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        breaker.getEventPublisher().onStateTransition(event -> logTransition(event.getStateTransition()));
        return breaker;
    }

    private static void logTransition(CircuitBreaker.StateTransition transition) {
        switch (transition) {
            case CLOSED_TO_OPEN -> log.warn("Redis is unreachable for rate limiting: each node now limits in memory on its own "
                    + "(limits hold per node, not across nodes) until Redis answers again");
            case HALF_OPEN_TO_CLOSED -> log.info("Redis answers again: rate limits are shared across nodes again");
            default -> log.debug("Rate-limit breaker: {}", transition);
        }
    }
}
