package parley.edge.ratelimit;

import java.time.Duration;
import java.util.UUID;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import parley.edge.breaker.BreakerSettings;

/** Limiter settings for tests: every class the same small limit, keys under a prefix of their own. */
final class TestLimits {

    private TestLimits() {
    }

    static RateLimitProperties properties(int limit, Duration period, Duration openDuration) {
        RateLimitProperties.Limit each = new RateLimitProperties.Limit(limit, period);
        return new RateLimitProperties(true, "parley:rl-test:" + UUID.randomUUID(),
                new RateLimitProperties.Classes(each, each, each, each, each), Duration.ofMillis(250),
                new BreakerSettings(50, 10, 4, openDuration), 1_000);
    }

    static RedissonClient redisson(String address) {
        Config config = new Config();
        config.setLazyInitialization(true);
        config.useSingleServer().setAddress(address);
        return Redisson.create(config);
    }
}
