package parley.command.publish;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param partitions partitions of the chat-events topic when this service creates it
 * @param replicationFactor replicas of each partition (3 in production)
 * @param acknowledgementTimeout how long a batch waits for Kafka before it is retried
 */
@ConfigurationProperties("parley.publisher")
record PublisherProperties(int partitions, short replicationFactor, Duration acknowledgementTimeout) {
}
