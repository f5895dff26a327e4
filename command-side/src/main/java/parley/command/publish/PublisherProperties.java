package parley.command.publish;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import parley.edge.breaker.BreakerSettings;

/**
 * @param partitions partitions of the chat-events topic when this service creates it
 * @param replicationFactor replicas of each partition (3 in production)
 * @param retentionMs how long the chat-events topic keeps a record; -1 (the default) keeps every
 *     record, because the topic is the stream the projections are built from: a projection started
 *     on a new consumer group must find every event since the first
 * @param minInsyncReplicas replicas that must hold a record before it is acknowledged (the
 *     publisher sends with {@code acks=all}); 2 with three replicas in production
 * @param acknowledgementTimeout how long a batch waits for Kafka before it is retried
 * @param breaker when Kafka counts as down (failed batches), and how long batches then fail at once
 * @param lagSampleInterval how often {@code parley_publisher_lag_events} is measured (two indexed queries)
 * @param acknowledgedIdsKept how many ids of events whose record Kafka acknowledged are remembered, so
 *     that a retried batch does not send those again ({@link AcknowledgedRecords}; about 100 bytes each)
 */
@ConfigurationProperties("parley.publisher")
record PublisherProperties(int partitions, short replicationFactor, long retentionMs, int minInsyncReplicas,
        Duration acknowledgementTimeout, BreakerSettings breaker, Duration lagSampleInterval,
        @DefaultValue("100000") int acknowledgedIdsKept) {

    PublisherProperties {
        if (lagSampleInterval == null || lagSampleInterval.isNegative() || lagSampleInterval.isZero()) {
            throw new IllegalArgumentException("parley.publisher.lag-sample-interval must be positive");
        }
        if (retentionMs != -1 && retentionMs <= 0) {
            throw new IllegalArgumentException("parley.publisher.retention-ms must be -1 (keep every record) or positive");
        }
        if (acknowledgedIdsKept < 1) {
            throw new IllegalArgumentException("parley.publisher.acknowledged-ids-kept must be positive");
        }
    }
}
