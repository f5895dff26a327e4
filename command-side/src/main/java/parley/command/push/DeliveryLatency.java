package parley.command.push;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code parley.delivery.latency{kind}} (Prometheus {@code parley_delivery_latency_seconds}): from a
 * message event's timestamp ({@code sentAt}, taken by the command side when it accepted the send) to
 * this node having handed it to the last of its recipients' local sessions. Recorded once per
 * message per node that had a recipient connected, so a group's fan-out does not weigh a message
 * more than a private one. The two clocks may be different nodes' clocks: a negative span (skew)
 * counts as zero.
 */
final class DeliveryLatency {

    static final String METER = "parley.delivery.latency";

    private final Clock clock;
    private final Timer privateMessages;
    private final Timer groupMessages;

    DeliveryLatency(MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.privateMessages = timer(meters, "private");
        this.groupMessages = timer(meters, "group");
    }

    private static Timer timer(MeterRegistry meters, String kind) {
        return Timer.builder(METER).description("from a message event's timestamp to its push to this node's sessions")
                .tag("kind", kind)
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(meters);
    }

    void privateMessagePushed(Instant sentAt) {
        record(privateMessages, sentAt);
    }

    void groupMessagePushed(Instant sentAt) {
        record(groupMessages, sentAt);
    }

    private void record(Timer timer, Instant sentAt) {
        if (sentAt != null) {
            Duration latency = Duration.between(sentAt, clock.instant());
            timer.record(latency.isNegative() ? Duration.ZERO : latency);
        }
    }
}
