package parley.command.chat;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps loaded chats in memory while they are in use, so an active chat is not re-read per send. */
@Configuration(proxyBeanMethods = false)
class AggregateCaches {

    @Bean
    Cache privateChatCache() {
        return new WeakReferenceCache();
    }

    @Bean
    Cache groupChatCache() {
        return new WeakReferenceCache();
    }

    @Bean
    Cache memberReceiptCache() {
        return new WeakReferenceCache();
    }
}
