package parley.command.presence;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import parley.edge.breaker.Breakers;
import parley.edge.redis.RedisReplies;

/**
 * Every Redis call of presence, typing and the nodes' signals. They run on the STOMP threads (a
 * CONNECT, a {@code presence.get}, a typing frame), so each waits at most {@code parley.redis.call-timeout},
 * and a circuit breaker ({@code name="parley-presence-redis"}) skips Redis altogether while it is down:
 * a send must never wait for presence. The fallback is "no presence": users read as offline, typing
 * and presence changes are not relayed, until Redis answers again.
 */
@Component
class EphemeralRedis {

    static final String BREAKER = "parley-presence-redis";
    private static final Logger log = LoggerFactory.getLogger(EphemeralRedis.class);

    private final RedissonClient redis;
    private final Duration timeout;
    private final CircuitBreaker breaker;

    EphemeralRedis(RedissonClient redis, RedisProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.timeout = properties.callTimeout();
        this.breaker = Breakers.create(BREAKER, properties.breaker(), meters,
                "presence reads as offline and typing and presence changes are not relayed until Redis answers again",
                "presence and typing are relayed again");
    }

    /** The reply of {@code call}, or {@code fallback} if Redis is down, failed or did not answer in time. */
    <T> T call(Function<RedissonClient, CompletionStage<T>> call, T fallback) {
        try {
            return breaker.executeSupplier(() -> RedisReplies.await(call.apply(redis), timeout));
        } catch (CallNotPermittedException e) {
            return fallback;
        } catch (RuntimeException e) {
            // The breaker has counted it; its opening and closing are logged once each, not every failure.
            log.debug("A presence call to Redis failed", e);
            return fallback;
        }
    }
}
