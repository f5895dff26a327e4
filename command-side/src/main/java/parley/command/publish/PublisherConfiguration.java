package parley.command.publish;

import org.apache.kafka.clients.admin.NewTopic;
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

    @Bean
    NewTopic chatEventsTopic(PublisherProperties properties) {
        return TopicBuilder.name(ChatEventTypes.TOPIC).partitions(properties.partitions()).replicas(properties.replicationFactor()).build();
    }
}
