package parley.edge.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import parley.local.Patience;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import parley.local.LocalRedis;

/**
 * A limiter on an embedded Redis that the test stops and starts again: the breaker opens, the local
 * limiter decides (still limiting), and Redis takes over again once it is back.
 */
class RateLimiterFallbackIntegrationTest {

    private LocalRedis redis;
    private RedissonClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void whenRedisIsDownTheLocalLimiterDecidesAndRedisTakesOverWhenBack() throws IOException {
        int port = freePort();
        redis = LocalRedis.tryStart(port).orElseThrow();
        client = TestLimits.redisson(redis.address());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RateLimiter limiter = RateLimiter.create(TestLimits.properties(3, Duration.ofMinutes(1), Duration.ofMillis(500)),
                client, meters, Clock.systemUTC());
        assertThat(limiter.acquire(LimitClass.SEND, "warm-up").source()).isEqualTo(Decision.Source.REDIS);

        redis.close();
        long started = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            Decision decision = limiter.acquire(LimitClass.SEND, "user-1");
            assertThat(decision.allowed()).as("served while Redis is down").isTrue();
            assertThat(decision.source()).isEqualTo(Decision.Source.LOCAL);
        }
        Decision overLimit = limiter.acquire(LimitClass.SEND, "user-1");
        assertThat(overLimit.allowed()).as("still limited, by the local limiter").isFalse();
        assertThat(overLimit.source()).isEqualTo(Decision.Source.LOCAL);
        assertThat(limiter.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a dead Redis costs little latency").isLessThan(Duration.ofSeconds(2));
        assertThat(meters.get("parley.ratelimit.decisions").tag("source", "local").tag("outcome", "rejected").counter().count())
                .isEqualTo(1.0);
        assertThat(meters.get("resilience4j.circuitbreaker.state").tag("name", RedisBreaker.NAME).tag("state", "open").gauge().value())
                .isEqualTo(1.0);

        redis = LocalRedis.tryStart(port).orElseThrow();
        await().atMost(Patience.scaled(Duration.ofSeconds(20))).pollInterval(Duration.ofMillis(200))
                .until(() -> limiter.acquire(LimitClass.SEND, "after-" + System.nanoTime()).source() == Decision.Source.REDIS
                        && limiter.breakerState() == CircuitBreaker.State.CLOSED);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
