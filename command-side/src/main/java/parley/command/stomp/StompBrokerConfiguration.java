package parley.command.stomp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * What {@code @EnableWebSocketMessageBroker} configures (from every {@code WebSocketMessageBrokerConfigurer}), with
 * sessions that write the frames queued before a close, the closing {@code ERROR} frame among them
 * ({@link OrderlyCloseSession}).
 */
@Configuration(proxyBeanMethods = false)
class StompBrokerConfiguration extends DelegatingWebSocketMessageBrokerConfiguration {

    @Bean
    @Override
    public WebSocketHandler subProtocolWebSocketHandler(AbstractSubscribableChannel clientInboundChannel,
            AbstractSubscribableChannel clientOutboundChannel) {
        SubProtocolWebSocketHandler handler = new OrderlyClosingHandler(clientInboundChannel, clientOutboundChannel);
        handler.setPhase(getPhase());
        return handler;
    }

    private static final class OrderlyClosingHandler extends SubProtocolWebSocketHandler {

        OrderlyClosingHandler(SubscribableChannel clientInboundChannel, SubscribableChannel clientOutboundChannel) {
            super(clientInboundChannel, clientOutboundChannel);
        }

        @Override
        protected WebSocketSession decorateSession(WebSocketSession session) {
            return new OrderlyCloseSession(session, getSendTimeLimit(), getSendBufferSizeLimit());
        }
    }
}
