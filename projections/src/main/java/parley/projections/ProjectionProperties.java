package parley.projections;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param groupId the Kafka consumer group; a new group id rebuilds the tables from the stream
 * @param concurrency consumer threads (at most the topic's partition count is useful)
 */
@ConfigurationProperties("parley.projections")
public record ProjectionProperties(String groupId, int concurrency) {
}
