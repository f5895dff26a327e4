package parley.command.chat.privatechat;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PrivateChatConfiguration {

    /** Keeps loaded chats in memory while they are in use, so an active chat is not re-read per send. */
    @Bean
    Cache privateChatCache() {
        return new WeakReferenceCache();
    }
}
