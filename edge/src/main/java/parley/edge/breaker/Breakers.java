package parley.edge.breaker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.edge.time.ElapsedClock;

/**
 * The one way Parley builds a circuit breaker around a dependency: count-based, its state a gauge
 * ({@code resilience4j.circuitbreaker.state{name=...}}) with call counters beside it, and each
 * opening and closing logged once with what the fallback is, so an outage is one warning, not one
 * per call.
 */
public final class Breakers {

    private static final Logger log = LoggerFactory.getLogger(Breakers.class);

    private Breakers() {
    }

    /**
     * @param whileOpen what happens instead while the dependency is considered down (logged on opening)
     * @param whenClosed what is back to normal (logged on closing)
     */
    public static CircuitBreaker create(String name, BreakerSettings settings, MeterRegistry meters, String whileOpen,
            String whenClosed) {
        return create(name, settings, meters, whileOpen, whenClosed, config -> { });
    }

    /** @param tuning changes to the common configuration that one dependency needs (say so in a comment there) */
    public static CircuitBreaker create(String name, BreakerSettings settings, MeterRegistry meters, String whileOpen,
            String whenClosed, Consumer<CircuitBreakerConfig.Builder> tuning) {
        CircuitBreakerConfig.Builder config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.windowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(3)
                // the open state's end is an Instant of this clock: on the wall clock, a breaker opened while the
                // node's clock was ahead stayed open for the step after it was corrected (20 min instead of 10 s)
                .clock(ElapsedClock.system());
        tuning.accept(config);
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config.build());
        CircuitBreaker breaker = registry.circuitBreaker(name);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition()) {
                case CLOSED_TO_OPEN, HALF_OPEN_TO_OPEN -> log.warn("Circuit breaker {} opened: {}", name, whileOpen);
                case HALF_OPEN_TO_CLOSED -> log.info("Circuit breaker {} closed: {}", name, whenClosed);
                default -> log.debug("Circuit breaker {}: {}", name, event.getStateTransition());
            }
        });
        return breaker;
    }
}
