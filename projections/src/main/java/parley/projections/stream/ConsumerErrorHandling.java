package parley.projections.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import parley.projections.ProjectionProperties;

/**
 * The projections' error policy: no single record may stall a partition (and with it history, chat
 * lists, receipts and the device directory for everyone), and no record is skipped because the
 * database was briefly away.
 *
 * <ul>
 *   <li>transient failures ({@link RecordFailure.Reason#TRANSIENT}) are retried without end, with
 *       back-off: the record is fine, the database will be back;
 *   <li>a record that cannot be read as an event goes to the dead-letter topic at once;
 *   <li>data errors and anything unexpected are tried {@code errors.data-error-attempts} times, then
 *       go to the dead-letter topic (counted, logged), and the records behind it are projected.
 * </ul>
 *
 * The handler belongs to the projections' own container factory, not to Spring Boot's shared one:
 * when every service runs in one process ({@code ./parley up}) the live push listener keeps its own
 * policy.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerErrorHandling {

    static final String DEAD_LETTER_TOPIC = "parley.chat-events.dlt";
    static final String CONTAINER_FACTORY = "projectionsListenerContainerFactory";
    static final String REASON_HEADER = "parley_dlt-reason";
    static final String SQLSTATE_HEADER = "parley_dlt-sqlstate";

    @Bean
    NewTopic chatEventsDeadLetterTopic(ProjectionProperties properties) {
        ProjectionProperties.DeadLetters topic = properties.deadLetters();
        return TopicBuilder.name(DEAD_LETTER_TOPIC).partitions(topic.partitions()).replicas(topic.replicationFactor())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retentionMs()),
                        TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE))
                .build();
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> projectionsListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory,
            KafkaTemplate<Object, Object> kafka, ProjectionProperties properties, MeterRegistry meters,
            ObjectMapper objectMapper, RecordTracing tracing) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        factory.setCommonErrorHandler(errorHandler(kafka, properties.errors(), meters, objectMapper, tracing));
        return factory;
    }

    static DefaultErrorHandler errorHandler(KafkaTemplate<Object, Object> kafka, ProjectionProperties.Errors errors,
            MeterRegistry meters, ObjectMapper objectMapper, RecordTracing tracing) {
        if (errors.dataErrorAttempts() < 1) {
            throw new IllegalArgumentException("parley.projections.errors.data-error-attempts must be at least 1");
        }
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(DEAD_LETTER_TOPIC, -1));
        publisher.setHeadersFunction((record, failure) -> {
            RecordFailure why = RecordFailure.of(failure);
            RecordHeaders headers = new RecordHeaders();
            headers.add(REASON_HEADER, why.reason().tag().getBytes(StandardCharsets.UTF_8));
            if (why.sqlState() != null) {
                headers.add(SQLSTATE_HEADER, why.sqlState().getBytes(StandardCharsets.UTF_8));
            }
            return headers;
        });
        DeadLetters deadLetters = new DeadLetters(publisher, meters, objectMapper, tracing);
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters);
        // RecordFailure alone decides (through the back-off) what is retried and how often.
        handler.setClassifications(Map.of(), true);
        handler.setBackOffFunction((record, failure) -> backOff(RecordFailure.of(failure), errors));
        handler.setResetStateOnExceptionChange(true);
        handler.setCommitRecovered(true);
        handler.setRetryListeners(deadLetters);
        return handler;
    }

    private static BackOff backOff(RecordFailure failure, ProjectionProperties.Errors errors) {
        return switch (failure.reason()) {
            case TRANSIENT -> {
                ExponentialBackOff backOff = new ExponentialBackOff(errors.transientInitialInterval().toMillis(), 2.0);
                backOff.setMaxInterval(errors.transientMaxInterval().toMillis());
                yield backOff; // no maximum elapsed time: retried until the database answers
            }
            case MAPPING -> new FixedBackOff(0, 0);
            case DATA, OTHER -> new FixedBackOff(errors.dataErrorInterval().toMillis(), errors.dataErrorAttempts() - 1L);
        };
    }
}
