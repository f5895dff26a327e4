package parley.edge.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The fallback limiter on a clock the test moves: the same answers as the Lua script gives. */
class LocalGcraTest {

    private static final RateLimitProperties.Limit THREE_PER_30S = new RateLimitProperties.Limit(3, Duration.ofSeconds(30));

    private Instant now = Instant.parse("2026-11-26T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    @Test
    void allowsABurstOfTheLimitThenOneRequestPerInterval() {
        LocalGcra limiter = new LocalGcra(clock, 100);
        assertThat(limiter.acquire("k", THREE_PER_30S).remaining()).isEqualTo(2);
        assertThat(limiter.acquire("k", THREE_PER_30S).remaining()).isEqualTo(1);
        assertThat(limiter.acquire("k", THREE_PER_30S).remaining()).isZero();

        Decision rejected = limiter.acquire("k", THREE_PER_30S);
        assertThat(rejected.allowed()).isFalse();
        assertThat(rejected.retryAfterMillis()).isEqualTo(10_000);
        assertThat(rejected.resetMillis()).isEqualTo(30_000);
        assertThat(rejected.source()).isEqualTo(Decision.Source.LOCAL);

        now = now.plusMillis(9_999);
        assertThat(limiter.acquire("k", THREE_PER_30S).allowed()).isFalse();
        now = now.plusMillis(1);
        assertThat(limiter.acquire("k", THREE_PER_30S).allowed()).isTrue();
        assertThat(limiter.acquire("k", THREE_PER_30S).allowed()).isFalse();

        now = now.plusSeconds(60);
        assertThat(limiter.acquire("k", THREE_PER_30S).remaining()).as("idle: full again, not more").isEqualTo(2);
    }

    @Test
    void remembersAtMostItsBoundOfKeys() {
        LocalGcra limiter = new LocalGcra(clock, 2);
        limiter.acquire("a", THREE_PER_30S);
        limiter.acquire("b", THREE_PER_30S);
        limiter.acquire("a", THREE_PER_30S);
        limiter.acquire("c", THREE_PER_30S);
        assertThat(limiter.size()).isEqualTo(2);
        assertThat(limiter.acquire("a", THREE_PER_30S).remaining()).as("recently used, kept").isZero();
        assertThat(limiter.acquire("b", THREE_PER_30S).remaining()).as("least recently used, forgotten").isEqualTo(2);
    }
}
