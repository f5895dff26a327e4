package parley.command.overload;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The backlog on a clock the test moves: what waits, what no longer does, and what is never waited for. */
class DeliveryBacklogTest {

    private static final Duration HORIZON = Duration.ofSeconds(30);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final OverloadProperties properties = new OverloadProperties(true, Duration.ofSeconds(2), HORIZON);
    private final DeliveryBacklog backlog = new DeliveryBacklog(properties, meters, now::get);

    @Test
    void nothingIsTrackedBeforeLivePushIsPositioned() {
        backlog.accepted(UUID.randomUUID());
        advance(Duration.ofSeconds(5));

        assertThat(backlog.oldestPending()).isZero();
        assertThat(backlog.size()).isZero();
    }

    @Test
    void theOldestMessageNotYetPushedSetsTheLagAndReachedOnesLeaveInAnyOrder() {
        backlog.startTracking();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        backlog.accepted(first);
        advance(Duration.ofMillis(500));
        backlog.accepted(second);
        advance(Duration.ofMillis(500));
        backlog.accepted(third);
        advance(Duration.ofMillis(1000));
        assertThat(backlog.oldestPending()).isEqualTo(Duration.ofMillis(2000));

        backlog.reached(second);
        assertThat(backlog.oldestPending()).as("the first still waits").isEqualTo(Duration.ofMillis(2000));
        backlog.reached(first);
        assertThat(backlog.oldestPending()).as("the second is gone too: the third is next").isEqualTo(Duration.ofMillis(1000));
        backlog.reached(third);
        assertThat(backlog.oldestPending()).isZero();
        assertThat(backlog.size()).isZero();
        assertThat(meters.get(DeliveryBacklog.LAG).timer().count()).isEqualTo(3);
    }

    @Test
    void aPushThatBeatsTheAckIsNotWaitedFor() {
        backlog.startTracking();
        UUID early = UUID.randomUUID();
        backlog.reached(early);
        backlog.accepted(early);
        advance(Duration.ofSeconds(10));

        assertThat(backlog.oldestPending()).isZero();
        assertThat(backlog.size()).isZero();
    }

    @Test
    void aMessageNotPushedByTheHorizonIsDroppedAndCountedSoTheNodeCannotWedge() {
        backlog.startTracking();
        UUID skipped = UUID.randomUUID();
        backlog.accepted(skipped);
        advance(HORIZON.minusSeconds(10));
        UUID later = UUID.randomUUID();
        backlog.accepted(later);
        advance(Duration.ofSeconds(10).plusMillis(1));

        assertThat(backlog.oldestPending()).as("the next one's wait").isEqualTo(Duration.ofSeconds(10).plusMillis(1));
        assertThat(meters.get(DeliveryBacklog.UNTRACKED).counter().count()).isEqualTo(1.0);
        assertThat(backlog.size()).isEqualTo(1);

        backlog.reached(skipped);
        assertThat(meters.get(DeliveryBacklog.LAG).timer().count()).as("a late push of a dropped one is no lag").isZero();
    }

    @Test
    void theGaugesReadTheBacklog() {
        backlog.startTracking();
        backlog.accepted(UUID.randomUUID());
        advance(Duration.ofMillis(1500));

        assertThat(meters.get(DeliveryBacklog.OLDEST).gauge().value()).isEqualTo(1.5);
        assertThat(meters.get(DeliveryBacklog.SIZE).gauge().value()).isEqualTo(1.0);
    }

    @Test
    void theGuardRefusesPastTheBoundWithARetryWithinOneToTenSeconds() {
        OverloadGuard guard = new OverloadGuard(properties, backlog, meters);
        backlog.startTracking();
        backlog.accepted(UUID.randomUUID());
        advance(Duration.ofSeconds(2));
        assertThat(guard.retryAfterMs()).as("at the bound").isEmpty();

        advance(Duration.ofMillis(500));
        assertThat(guard.retryAfterMs()).hasValue(1_500);
        advance(Duration.ofSeconds(20));
        assertThat(guard.retryAfterMs()).hasValue(10_000);
        assertThat(meters.get(OverloadGuard.REJECTED).counter().count()).isEqualTo(2.0);

        OverloadGuard off = new OverloadGuard(new OverloadProperties(false, Duration.ofSeconds(2), HORIZON), backlog, meters);
        assertThat(off.retryAfterMs()).isEmpty();
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
