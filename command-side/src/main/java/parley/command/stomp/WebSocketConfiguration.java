package parley.command.stomp;

import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import parley.command.shutdown.DrainingHandshake;
import parley.command.tracing.StompCommandSpans;

/** Parley's STOMP endpoint, broker and channels; {@link StompBrokerConfiguration} applies them. */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {

    private final StompProperties properties;
    private final StompAuthentication authentication;
    private final StompFrameRules frameRules;
    private final DrainingHandshake drainingHandshake;
    private final StompRequestResolver requests;
    private final StompCommandSpans commandSpans;
    private final CommandOutcomes outcomes;
    private final TaskScheduler brokerScheduler;

    /** @param brokerScheduler Spring's broker scheduler, created by the broker configuration itself: hence lazy */
    WebSocketConfiguration(StompProperties properties, StompAuthentication authentication, StompFrameRules frameRules,
            DrainingHandshake drainingHandshake, StompRequestResolver requests, StompCommandSpans commandSpans,
            CommandOutcomes outcomes, @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler brokerScheduler) {
        this.properties = properties;
        this.authentication = authentication;
        this.frameRules = frameRules;
        this.drainingHandshake = drainingHandshake;
        this.requests = requests;
        this.commandSpans = commandSpans;
        this.outcomes = outcomes;
        this.brokerScheduler = brokerScheduler;
    }

    /**
     * Tomcat allocates both receive buffers for every session when it opens, so their size is paid
     * by every idle connection: sized to the frame limit (256 KiB) they cost 1.3 MB of heap per
     * session (measured by the idle-sessions benchmark). Small buffers and partial messages instead.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(properties.socketBufferBytes());
        container.setMaxBinaryMessageBufferSize(properties.socketBufferBytes());
        return container;
    }

    /** The broker's subscriptions indexed by exact destination ({@link ExactSubscriptions}): a push is one lookup. */
    @Bean
    static BeanPostProcessor exactSubscriptions() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof SimpleBrokerMessageHandler broker) {
                    broker.setSubscriptionRegistry(new ExactSubscriptions());
                }
                return bean;
            }
        };
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        // Tokens travel in the CONNECT frame, never in cookies, so a foreign origin gains nothing.
        registry.addEndpoint("/ws").setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new))
                .addInterceptors(drainingHandshake); // a draining node takes no new connections
        // A session's frames are handled in the order sent (a SUBSCRIBE before the SEND after it).
        registry.setPreserveReceiveOrder(true);
        // A refused frame's ERROR frame names the reason.
        registry.setErrorHandler(new StompErrorFrames());
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        // Each node pushes only to its own sessions; events reach every node through Kafka.
        long heartBeat = properties.heartBeat().toMillis();
        registry.enableSimpleBroker("/queue").setHeartbeatValue(new long[] {heartBeat, heartBeat})
                .setTaskScheduler(brokerScheduler);
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
        // Events reach a session in the order published, so a chat's messages arrive in seq order.
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.taskExecutor(channelThreads("clientInboundChannel-", properties.inboundThreads()));
        // Who sends first, then what the frame may address: nothing outside /app/** and the caller's own
        // queues reaches the broker or the user-destination handler.
        // Then a span around each command's handling (a new root: clients' trace headers are ignored),
        // and each command's result counted (parley.commands) around its handling.
        registration.interceptors(authentication, frameRules, commandSpans, outcomes);
    }

    /** A {@link StompMapping} handler's body: bound strictly, after the command is admitted. */
    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> argumentResolvers) {
        argumentResolvers.add(requests);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.taskExecutor(channelThreads("clientOutboundChannel-", properties.outboundThreads()));
    }

    /**
     * A fixed pool (an unbounded queue never grows a pool past its core size, so the core size is the
     * size). It keeps taking tasks while the context closes: draining still answers in-flight commands
     * and pushes the Reconnect event.
     */
    private static ThreadPoolTaskExecutor channelThreads(String threadNamePrefix, int threads) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(threadNamePrefix);
        executor.setCorePoolSize(threads);
        executor.setAcceptTasksAfterContextClose(true);
        return executor;
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        // The STOMP decoder buffers a frame's parts and refuses (ERROR, close) one over the limit.
        registration.setMessageSizeLimit(properties.maxFrameBytes());
        registration.addDecoratorFactory(PartialMessages::new);
        registration.setSendBufferSizeLimit(Math.max(properties.maxFrameBytes() * 4, 512 * 1024));
    }
}
