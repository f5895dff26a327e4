package parley.edge.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param address the Redis shared by all nodes (rate limits, presence, ephemeral events), e.g. {@code redis://redis:6379} */
@ConfigurationProperties("parley.redis")
public record RedisConnectionProperties(String address) {
}
