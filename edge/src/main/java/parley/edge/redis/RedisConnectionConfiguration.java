package parley.edge.redis;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one Redis client of a process, whichever services it runs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisConnectionProperties.class)
class RedisConnectionConfiguration {

    /**
     * Lazily connected: the platform starts and chats without Redis; presence and typing degrade
     * (logged) and rate limits fall back to each node's memory until it is reachable.
     */
    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean
    RedissonClient redisson(RedisConnectionProperties properties) {
        Config config = new Config();
        config.setLazyInitialization(true);
        // Scripts (the rate limiter's) go by their SHA once Redis has them, not as full text each time.
        config.setUseScriptCache(true);
        SingleServerConfig server = config.useSingleServer().setAddress(properties.address())
                .setConnectionMinimumIdleSize(1).setConnectionPoolSize(8);
        if (properties.hasUsername()) {
            server.setUsername(properties.username());
        }
        if (properties.hasPassword()) {
            server.setPassword(properties.password());
        }
        return Redisson.create(config);
    }
}
