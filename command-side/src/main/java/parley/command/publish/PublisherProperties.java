package parley.command.publish;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import parley.edge.breaker.BreakerSettings;

/**
 * @param partitions partitions of the chat-events topic when this service creates it
 * @param replicationFactor replicas of each partition (3 in production)
 * @param acknowledgementTimeout how long a batch waits for Kafka before it is retried
 * @param breaker when Kafka counts as down (failed batches), and how long batches then fail at once
 */
@ConfigurationProperties("parley.publisher")
record PublisherProperties(int partitions, short replicationFactor, Duration acknowledgementTimeout, BreakerSettings breaker) {
}
