package parley.command.overload;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Back-pressure on message sends (docs/architecture.md, "Back-pressure").
 *
 * @param enabled whether sends are refused with {@code OVERLOADED} once delivery lags; off, nothing is tracked
 * @param maxDeliveryLag the longest this node's oldest acknowledged, not yet pushed message may wait
 *     before new sends are refused
 * @param trackHorizon a message not seen by live push within this time is no longer waited for (the
 *     push consumer may have skipped its record): counted in {@code parley.delivery.backlog.untracked},
 *     so a lost record can never keep a node refusing sends for good
 */
@ConfigurationProperties("parley.overload")
public record OverloadProperties(boolean enabled, Duration maxDeliveryLag, Duration trackHorizon) {
}
