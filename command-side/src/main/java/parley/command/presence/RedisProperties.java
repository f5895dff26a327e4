package parley.command.presence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import parley.edge.breaker.BreakerSettings;

/**
 * @param sessionTtl how long a node's claim that a session is online lasts without a refresh; a node
 *     that dies takes its users offline after this
 * @param callTimeout longest wait for Redis on one presence, typing or signal call (they run on the
 *     STOMP threads, so a slow Redis must not hold them)
 * @param breaker when Redis counts as down for presence and typing, and how long they are then skipped
 *     without trying
 */
@ConfigurationProperties("parley.redis")
public record RedisProperties(Duration sessionTtl, Duration callTimeout, BreakerSettings breaker) {
}
