package parley.projections;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param groupId the Kafka consumer group whose committed offsets say how far the read tables are
 * @param concurrency consumer threads (at most the topic's partition count is useful)
 * @param errors how often a failing record is tried before it is set aside
 * @param deadLetters the topic where records that can never be projected are kept for an operator
 * @param lagSampleInterval how often the projection lag gauges are measured (one Kafka admin round trip)
 */
@ConfigurationProperties("parley.projections")
public record ProjectionProperties(String groupId, int concurrency, Errors errors, DeadLetters deadLetters,
        Duration lagSampleInterval) {

    public ProjectionProperties {
        if (lagSampleInterval == null || lagSampleInterval.isNegative() || lagSampleInterval.isZero()) {
            throw new IllegalArgumentException("parley.projections.lag-sample-interval must be positive");
        }
    }

    /**
     * @param dataErrorAttempts tries of a record that fails with a data error (SQLSTATE class 22 or
     *     23) or an unexpected one before it goes to the dead-letter topic; transient errors
     *     (the database unreachable, serialization failures, locks, resources) are retried without end
     * @param dataErrorInterval the pause between those tries
     * @param transientInitialInterval the first pause after a transient error (it doubles each time)
     * @param transientMaxInterval the longest pause between tries of a transient error
     */
    public record Errors(int dataErrorAttempts, Duration dataErrorInterval, Duration transientInitialInterval,
            Duration transientMaxInterval) {
    }

    /**
     * @param partitions partitions of the dead-letter topic when this service creates it
     * @param replicationFactor replicas of each of its partitions (3 in production)
     * @param retentionMs how long a dead letter is kept; -1 (the default) keeps it until an operator
     *     has replayed it, because it is a chat event missing from the read tables
     */
    public record DeadLetters(int partitions, short replicationFactor, long retentionMs) {
    }
}
