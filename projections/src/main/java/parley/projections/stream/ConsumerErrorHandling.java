package parley.projections.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class ConsumerErrorHandling {

    static final String DEAD_LETTER_TOPIC = "parley.chat-events.dlt";

    @Bean
    NewTopic chatEventsDeadLetterTopic() {
        return TopicBuilder.name(DEAD_LETTER_TOPIC).partitions(1).build();
    }

    /**
     * A record that cannot be read is parked in the dead-letter topic at once; any other failure
     * (the database is down, say) is retried with back-off for ever, because skipping would lose a
     * message from the read tables.
     */
    @Bean
    DefaultErrorHandler chatEventErrorHandler(KafkaTemplate<Object, Object> kafka) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(DEAD_LETTER_TOPIC, -1));
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff);
        handler.addNotRetryableExceptions(JsonProcessingException.class, UnknownEventTypeException.class,
                IllegalArgumentException.class);
        return handler;
    }
}
