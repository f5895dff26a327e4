package parley.edge.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import parley.edge.breaker.BreakerSettings;

/**
 * @param enabled off only for a deployment whose gateway limits instead
 * @param keyPrefix prefix of every limiter key in Redis (separate deployments or tests sharing a Redis)
 * @param classes the limit of each {@link LimitClass}
 * @param redisTimeout longest wait for Redis on one decision; past it the local limiter decides
 * @param breaker when Redis counts as down, and how long the local limiter then decides alone
 * @param localMaxKeys keys the local limiter remembers at most (least recently used go first)
 */
@ConfigurationProperties("parley.ratelimit")
public record RateLimitProperties(boolean enabled, String keyPrefix, Classes classes, Duration redisTimeout, BreakerSettings breaker,
        int localMaxKeys) {

    /** {@code limit} requests per {@code period}, refilled evenly (one every period/limit). */
    public record Limit(int limit, Duration period) {

        public Limit {
            if (limit < 1 || period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a limit needs at least 1 request per positive period");
            }
        }

        /** Microseconds between two requests at the sustained rate (rounded up: never more lenient). */
        long intervalMicros() {
            long micros = period.toNanos() / 1_000;
            return (micros + limit - 1) / limit;
        }
    }

    public record Classes(Limit ip, Limit login, Limit send, Limit reads, Limit commands) {

        public Limit of(LimitClass limitClass) {
            return switch (limitClass) {
                case IP -> ip;
                case LOGIN -> login;
                case SEND -> send;
                case READS -> reads;
                case COMMANDS -> commands;
            };
        }
    }
}
