package parley.command.publish;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import parley.api.cloudevents.ChatEventTypes;

@Configuration(proxyBeanMethods = false)
class PublisherConfiguration {

    /**
     * A failed publish must stop the processor (which then retries from its last token with
     * back-off) instead of being logged and skipped, Axon's default.
     */
    @Bean
    ConfigurerModule kafkaPublisherErrorHandling() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                KafkaEventPublisher.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }

    /**
     * The chat-events topic with every setting that matters stated, not left to the broker's
     * defaults (seven days' retention there would silently drop the oldest events the projections
     * rebuild from). With {@code spring.kafka.admin.modify-topic-configs} an existing topic is
     * brought to these settings at start.
     */
    @Bean
    NewTopic chatEventsTopic(PublisherProperties properties) {
        return TopicBuilder.name(ChatEventTypes.TOPIC).partitions(properties.partitions()).replicas(properties.replicationFactor())
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.retentionMs()),
                        TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                        // Never compact (and so not a setting): it would keep one event per key, i.e. per chat.
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(properties.minInsyncReplicas()),
                        // An unclean leader would lose events the publisher was told were stored.
                        TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false"))
                .build();
    }
}
