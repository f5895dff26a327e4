package parley.command.chat;

import org.axonframework.common.caching.Cache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps recently used chats and receipts in memory, so an active chat is not re-read per command. */
@Configuration(proxyBeanMethods = false)
class AggregateCaches {

    @Bean
    Cache privateChatCache(AggregateCacheProperties properties) {
        return new BoundedAggregateCache(properties.privateChats(), properties.expireAfterAccess());
    }

    @Bean
    Cache groupChatCache(AggregateCacheProperties properties) {
        return new BoundedAggregateCache(properties.groups(), properties.expireAfterAccess());
    }

    @Bean
    Cache memberReceiptCache(AggregateCacheProperties properties) {
        return new BoundedAggregateCache(properties.receipts(), properties.expireAfterAccess());
    }
}
