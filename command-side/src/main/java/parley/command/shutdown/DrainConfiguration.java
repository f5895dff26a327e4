package parley.command.shutdown;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * Lets the drain watch the STOMP channels and connections. (The channels' executors, which must keep
 * working while the drain runs, are sized and built in {@code parley.command.stomp.WebSocketConfiguration}.)
 */
@Configuration(proxyBeanMethods = false)
class DrainConfiguration implements WebSocketMessageBrokerConfigurer {

    private final StompActivity activity;

    DrainConfiguration(StompActivity activity) {
        this.activity = activity;
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(activity.inbound);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(activity.outbound);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(activity.sockets);
    }
}
