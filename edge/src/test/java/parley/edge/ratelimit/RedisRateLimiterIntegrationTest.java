package parley.edge.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import parley.local.TestRedis;

/** The Lua limiter against a real Redis: the machine's, or an embedded one where none runs ({@link TestRedis}). */
class RedisRateLimiterIntegrationTest {

    private static RedissonClient nodeA;
    private static RedissonClient nodeB;

    @BeforeAll
    static void connect() {
        nodeA = TestLimits.redisson(TestRedis.address());
        nodeB = TestLimits.redisson(TestRedis.address());
    }

    @AfterAll
    static void disconnect() {
        nodeA.shutdown();
        nodeB.shutdown();
    }

    @Test
    void allowsTheLimitThenRejectsWithWhenToRetry() {
        RateLimiter limiter = limiter(nodeA, TestLimits.properties(3, Duration.ofSeconds(30), Duration.ofSeconds(5)));

        for (long remaining = 2; remaining >= 0; remaining--) {
            Decision allowed = limiter.acquire(LimitClass.SEND, "user-1");
            assertThat(allowed.allowed()).isTrue();
            assertThat(allowed.source()).isEqualTo(Decision.Source.REDIS);
            assertThat(allowed.remaining()).isEqualTo(remaining);
            assertThat(allowed.limit()).isEqualTo(3);
        }
        Decision rejected = limiter.acquire(LimitClass.SEND, "user-1");
        assertThat(rejected.allowed()).isFalse();
        assertThat(rejected.remaining()).isZero();
        // One request comes back every 10 s; the full limit 30 s after the first.
        assertThat(rejected.retryAfterMillis()).isBetween(9_000L, 10_000L);
        assertThat(rejected.resetMillis()).isBetween(29_000L, 30_000L);
        assertThat(limiter.acquire(LimitClass.SEND, "user-2").allowed()).as("another key").isTrue();
        assertThat(limiter.acquire(LimitClass.READS, "user-1").allowed()).as("another class").isTrue();
    }

    @Test
    void refillsOneRequestPerIntervalAndTheKeyVanishesWhenFull() throws InterruptedException {
        RateLimitProperties properties = TestLimits.properties(2, Duration.ofMillis(600), Duration.ofSeconds(5));
        RateLimiter limiter = limiter(nodeA, properties);
        String key = properties.keyPrefix() + ":send:user-1";

        assertThat(limiter.acquire(LimitClass.SEND, "user-1").allowed()).isTrue();
        assertThat(limiter.acquire(LimitClass.SEND, "user-1").allowed()).isTrue();
        Decision rejected = limiter.acquire(LimitClass.SEND, "user-1");
        assertThat(rejected.allowed()).isFalse();
        assertThat(nodeA.getBucket(key, StringCodec.INSTANCE).remainTimeToLive()).isBetween(1L, 600L);

        Thread.sleep(rejected.retryAfterMillis() + 20);
        Decision refilled = limiter.acquire(LimitClass.SEND, "user-1");
        assertThat(refilled.allowed()).isTrue();
        assertThat(refilled.remaining()).isZero();
        assertThat(limiter.acquire(LimitClass.SEND, "user-1").allowed()).isFalse();

        Thread.sleep(650);
        assertThat(nodeA.getBucket(key, StringCodec.INSTANCE).isExists()).as("an idle key expires").isFalse();
        assertThat(limiter.acquire(LimitClass.SEND, "user-1").remaining()).as("full again").isEqualTo(1);
    }

    @Test
    void theLimitIsSharedByEveryNodeOnTheSameRedis() {
        RateLimitProperties properties = TestLimits.properties(4, Duration.ofMinutes(1), Duration.ofSeconds(5));
        RateLimiter onA = limiter(nodeA, properties);
        RateLimiter onB = limiter(nodeB, properties);

        assertThat(onA.acquire(LimitClass.IP, "203.0.113.9").allowed()).isTrue();
        assertThat(onB.acquire(LimitClass.IP, "203.0.113.9").allowed()).isTrue();
        assertThat(onA.acquire(LimitClass.IP, "203.0.113.9").allowed()).isTrue();
        assertThat(onB.acquire(LimitClass.IP, "203.0.113.9").allowed()).isTrue();
        assertThat(onA.acquire(LimitClass.IP, "203.0.113.9").allowed()).isFalse();
        assertThat(onB.acquire(LimitClass.IP, "203.0.113.9").allowed()).isFalse();
    }

    @Test
    void switchedOffItAllowsEverythingWithoutAskingRedis() {
        RateLimitProperties on = TestLimits.properties(1, Duration.ofMinutes(1), Duration.ofSeconds(5));
        RateLimitProperties off = new RateLimitProperties(false, on.keyPrefix(), on.classes(), on.redisTimeout(), on.breaker(),
                on.localMaxKeys());
        RateLimiter limiter = limiter(nodeA, off);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire(LimitClass.LOGIN, "x").source()).isEqualTo(Decision.Source.NONE);
        }
        assertThat(nodeA.getKeys().countExists(on.keyPrefix() + ":login:x")).isZero();
    }

    private static RateLimiter limiter(RedissonClient redis, RateLimitProperties properties) {
        return RateLimiter.create(properties, redis, new SimpleMeterRegistry(), Clock.systemUTC());
    }
}
