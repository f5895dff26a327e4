package parley.projections.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.RetryListener;
import parley.api.cloudevents.ChatEventTypes;

/**
 * Sends a record that will never be projected to the dead-letter topic, and says so: a log line
 * naming the record (topic, partition, offset, key, event type, SQLSTATE) and the counter
 * {@code parley.projections.dead.lettered} tagged with the event type and the reason class. Every
 * failed try is counted too ({@code parley.projections.failed.attempts}, by reason class), so a
 * projection that is retrying a transient failure shows on a dashboard before its lag does.
 */
final class DeadLetters implements ConsumerAwareRecordRecoverer, RetryListener {

    static final String DEAD_LETTERED = "parley.projections.dead.lettered";
    static final String FAILED_ATTEMPTS = "parley.projections.failed.attempts";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final MeterRegistry meters;
    private final ObjectMapper objectMapper;
    private final RecordTracing tracing;

    DeadLetters(DeadLetterPublishingRecoverer publisher, MeterRegistry meters, ObjectMapper objectMapper, RecordTracing tracing) {
        this.publisher = publisher;
        this.meters = meters;
        this.objectMapper = objectMapper;
        this.tracing = tracing;
        startAtZero();
    }

    /**
     * Every series a dead letter can land in, at 0 from the start: a series that first appears at 1
     * shows no increase to Prometheus, so an alert on the first dead letter would never fire.
     * Transient failures are retried without end and never dead-lettered.
     */
    private void startAtZero() {
        for (String type : ChatEventTypes.all()) {
            for (RecordFailure.Reason reason : RecordFailure.Reason.values()) {
                if (reason != RecordFailure.Reason.TRANSIENT) {
                    deadLettered(type, reason.tag());
                }
            }
        }
        deadLettered("unreadable", RecordFailure.Reason.MAPPING.tag());
        deadLettered("unknown", RecordFailure.Reason.MAPPING.tag());
    }

    private Counter deadLettered(String type, String reason) {
        return Counter.builder(DEAD_LETTERED).description("chat events set aside in the dead-letter topic")
                .tag("type", type).tag("reason", reason).register(meters);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception failure) {
        tracing.within(record, () -> deadLetter(record, consumer, failure));
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        tracing.within(record, () -> countFailedTry(record, failure, deliveryAttempt));
    }

    private void deadLetter(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception failure) {
        RecordFailure why = RecordFailure.of(failure);
        String type = eventType(record);
        publisher.accept(record, consumer, failure); // throws if the dead-letter topic did not take it: tried again
        deadLettered(type, why.reason().tag()).increment();
        log.error("Dead-lettered a chat event that cannot be projected: topic={} partition={} offset={} key={} type={}"
                        + " reason={} sqlstate={} to {}", record.topic(), record.partition(), record.offset(), record.key(),
                type, why.reason().tag(), why.sqlState(), ConsumerErrorHandling.DEAD_LETTER_TOPIC, failure);
    }

    private void countFailedTry(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        RecordFailure why = RecordFailure.of(failure);
        Counter.builder(FAILED_ATTEMPTS).description("failed tries to project a chat event")
                .tag("reason", why.reason().tag()).register(meters).increment();
        if (why.transientFailure()) {
            log.warn("Projecting topic={} partition={} offset={} failed (try {}, sqlstate={}), retrying until it succeeds: {}",
                    record.topic(), record.partition(), record.offset(), deliveryAttempt, why.sqlState(), rootCause(failure).toString());
        }
    }

    /** The CloudEvents type if the record names a known one; a tag never takes arbitrary text. */
    private String eventType(ConsumerRecord<?, ?> record) {
        if (!(record.value() instanceof String value)) {
            return "unreadable";
        }
        try {
            JsonNode type = objectMapper.readTree(value).path("type");
            return type.isTextual() && ChatEventTypes.payloadClass(type.asText()).isPresent() ? type.asText() : "unknown";
        } catch (Exception e) {
            return "unreadable";
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
