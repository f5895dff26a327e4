package parley.command.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The system clock plus an offset the test steps forward: expiry is reached by a step, not by sleeping through it, so a
 * slow machine neither expires a token early nor needs longer sleeps.
 */
public final class SteppedClock extends Clock {

    /** {@code @Import} it to make a {@code SteppedClock} the application's {@link Clock}; autowire it to step. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class AsApplicationClock {
        @Bean
        @Primary
        SteppedClock steppedClock() {
            return new SteppedClock();
        }
    }

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void step(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
