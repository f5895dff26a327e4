package parley.edge.ratelimit;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether one more request of a {@link LimitClass} is allowed for a key (a client address,
 * a user id, ...). Redis decides, so the limit holds across all nodes; while Redis is unreachable a
 * circuit breaker routes decisions to this node's in-memory limiter with the same limits, so the
 * platform keeps serving, still limited (per node).
 */
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final RateLimitProperties properties;
    private final RedisGcra redis;
    private final LocalGcra local;
    private final CircuitBreaker breaker;
    private final MeterRegistry meters;
    /** Every request is counted: the counters are registered once, not looked up per decision. */
    private final Map<Outcome, Counter> decisions = new ConcurrentHashMap<>();

    RateLimiter(RateLimitProperties properties, RedisGcra redis, LocalGcra local, CircuitBreaker breaker, MeterRegistry meters) {
        this.properties = properties;
        this.redis = redis;
        this.local = local;
        this.breaker = breaker;
        this.meters = meters;
    }

    /** A limiter on {@code redis}, with its breaker and local fallback. */
    public static RateLimiter create(RateLimitProperties properties, RedissonClient redis, MeterRegistry meters, Clock clock) {
        return new RateLimiter(properties, new RedisGcra(redis, properties.redisTimeout()),
                new LocalGcra(clock, properties.localMaxKeys()), RedisBreaker.create(properties.breaker(), meters), meters);
    }

    public Decision acquire(LimitClass limitClass, String key) {
        if (!properties.enabled()) {
            return Decision.unlimited();
        }
        String bucket = properties.keyPrefix() + ":" + limitClass.id() + ":" + key;
        RateLimitProperties.Limit limit = properties.classes().of(limitClass);
        Decision decision = decide(bucket, limit);
        count(limitClass, decision);
        return decision;
    }

    private Decision decide(String bucket, RateLimitProperties.Limit limit) {
        try {
            return breaker.executeSupplier(() -> redis.acquire(bucket, limit));
        } catch (CallNotPermittedException e) {
            return local.acquire(bucket, limit);
        } catch (RuntimeException e) {
            // The breaker has recorded it; its state changes are logged once each, not every failure.
            log.debug("Redis limiter failed, deciding locally", e);
            return local.acquire(bucket, limit);
        }
    }

    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    private void count(LimitClass limitClass, Decision decision) {
        decisions.computeIfAbsent(new Outcome(limitClass, decision.allowed(), decision.source()), this::counter).increment();
    }

    private Counter counter(Outcome outcome) {
        return Counter.builder("parley.ratelimit.decisions")
                .description("Rate-limit decisions by class, outcome and the limiter that made them")
                .tag("class", outcome.limitClass().id())
                .tag("outcome", outcome.allowed() ? "allowed" : "rejected")
                .tag("source", outcome.source().name().toLowerCase(Locale.ROOT))
                .register(meters);
    }

    private record Outcome(LimitClass limitClass, boolean allowed, Decision.Source source) {
    }
}
