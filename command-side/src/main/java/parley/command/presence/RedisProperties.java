package parley.command.presence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param sessionTtl how long a node's claim that a session is online lasts without a refresh; a node
 *     that dies takes its users offline after this
 */
@ConfigurationProperties("parley.redis")
public record RedisProperties(Duration sessionTtl) {
}
