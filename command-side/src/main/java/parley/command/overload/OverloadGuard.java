package parley.command.overload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Decides whether this node takes another send: not once its oldest acknowledged message has waited
 * longer than {@code parley.overload.max-delivery-lag} for live push. A refused send stores nothing
 * and the client retries it (same clientMessageId) after the returned time, so a node that cannot
 * keep up says so instead of accepting messages it would deliver half a minute late.
 */
@Component
public class OverloadGuard {

    static final String REJECTED = "parley.overload.rejected";
    private static final long MIN_RETRY_MS = 1_000;
    private static final long MAX_RETRY_MS = 10_000;

    private final OverloadProperties properties;
    private final DeliveryBacklog backlog;
    private final Counter rejected;

    OverloadGuard(OverloadProperties properties, DeliveryBacklog backlog, MeterRegistry meters) {
        this.properties = properties;
        this.backlog = backlog;
        this.rejected = Counter.builder(REJECTED).description("sends refused with OVERLOADED").register(meters);
    }

    /**
     * Empty to go ahead; otherwise the milliseconds after which to retry. The delay is how far the
     * oldest message is past the bound plus a second, within 1 to 10 s: the further behind delivery
     * is, the longer clients stay away, and no client waits long for a short hiccup nor gives up on
     * a long one (the bound and the horizon keep refusals from lasting for ever).
     */
    public OptionalLong retryAfterMs() {
        if (!properties.enabled()) {
            return OptionalLong.empty();
        }
        Duration oldest = backlog.oldestPending();
        Duration excess = oldest.minus(properties.maxDeliveryLag());
        if (excess.isNegative() || excess.isZero()) {
            return OptionalLong.empty();
        }
        rejected.increment();
        return OptionalLong.of(Math.max(MIN_RETRY_MS, Math.min(MAX_RETRY_MS, excess.toMillis() + 1_000)));
    }
}
