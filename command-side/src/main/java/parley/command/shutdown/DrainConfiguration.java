package parley.command.shutdown;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * Lets the drain watch the STOMP channels and connections, and keeps the channels working while it
 * runs: by default their executors stop taking tasks as soon as the context starts closing, before
 * any lifecycle bean stops, which would drop the replies of in-flight commands and the
 * {@code Reconnect} events. These executors shut down with the context's beans instead.
 */
@Configuration(proxyBeanMethods = false)
class DrainConfiguration implements WebSocketMessageBrokerConfigurer {

    private final StompActivity activity;

    DrainConfiguration(StompActivity activity) {
        this.activity = activity;
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.taskExecutor(executorOpenWhileClosing("clientInboundChannel-"));
        registration.interceptors(activity.inbound);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.taskExecutor(executorOpenWhileClosing("clientOutboundChannel-"));
        registration.interceptors(activity.outbound);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(activity.sockets);
    }

    private static ThreadPoolTaskExecutor executorOpenWhileClosing(String threadNamePrefix) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(threadNamePrefix);
        executor.setAcceptTasksAfterContextClose(true);
        return executor;
    }
}
