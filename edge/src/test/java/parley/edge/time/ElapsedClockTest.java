package parley.edge.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ElapsedClockTest {

    private static final Instant ORIGIN = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void movesOnlyWithTheMonotonicTime() {
        AtomicLong nanos = new AtomicLong(-5_000_000_000L); // nanoTime's origin is arbitrary, also negative
        ElapsedClock clock = new ElapsedClock(ORIGIN, nanos::get);

        assertThat(clock.instant()).isEqualTo(ORIGIN);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(clock.instant()).isEqualTo(ORIGIN.plusSeconds(10));
        assertThat(clock.millis()).isEqualTo(ORIGIN.plusSeconds(10).toEpochMilli());
    }
}
