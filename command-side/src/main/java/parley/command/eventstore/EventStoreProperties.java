package parley.command.eventstore;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param gapTimeout how long a tracking processor waits for a missing global index to be filled
 *     before it gives up on it; long, because an event committed after this is never seen
 * @param gapCleaningThreshold how many gaps a token may carry before old ones are cleaned
 * @param snapshotThreshold events after which an aggregate is snapshotted
 * @param fetchDelay how long a caught-up event stream (the Kafka publisher's) waits before it reads the
 *     store again; appends on this node wake it sooner, appends on other nodes do not
 */
@ConfigurationProperties("parley.event-store")
public record EventStoreProperties(Duration gapTimeout, int gapCleaningThreshold, int snapshotThreshold, Duration fetchDelay) {
}
