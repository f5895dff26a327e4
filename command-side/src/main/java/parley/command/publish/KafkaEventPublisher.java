package parley.command.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import parley.api.ChatEvent;
import parley.api.cloudevents.ChatEventCodec;
import parley.api.cloudevents.ChatEventTypes;
import parley.command.tracing.KafkaTraceHeaders;

/**
 * Streams stored events to Kafka. It runs in a tracking processor that reads the event store, so a
 * send never writes to two systems: the event commits first, then this publishes it. The
 * processor's token only advances after Kafka acknowledged every record of the batch, so a broker
 * outage delays publishing and loses nothing (records may repeat; consumers deduplicate on the
 * CloudEvents id); a circuit breaker ({@link KafkaBreaker}) makes batches fail fast while it lasts.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
class KafkaEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_SENDS = KafkaEventPublisher.class.getName() + ".pending";
    private static final String SOURCE = "/parley/command-side";

    private final KafkaTemplate<String, String> kafka;
    private final ChatEventCodec codec;
    private final PublisherProperties properties;
    private final KafkaBreaker breaker;
    private final KafkaTraceHeaders traceHeaders;

    KafkaEventPublisher(KafkaTemplate<String, String> kafka, ObjectMapper objectMapper, PublisherProperties properties,
            KafkaBreaker breaker, KafkaTraceHeaders traceHeaders) {
        this.kafka = kafka;
        this.codec = new ChatEventCodec(objectMapper);
        this.properties = properties;
        this.breaker = breaker;
        this.traceHeaders = traceHeaders;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        var type = ChatEventTypes.typeOf(payload.getClass());
        if (type.isEmpty() || !(event instanceof DomainEventMessage<?> domainEvent)) {
            return;
        }
        // A chat's events share its partition (receipts are aggregates of their own, yet belong to the chat).
        String key = payload instanceof ChatEvent chatEvent ? chatEvent.chatId().toString() : domainEvent.getAggregateIdentifier();
        // The payload came out of the store through EventJson's upcasters: its data is the current revision.
        String record = codec.encode(event.getIdentifier(), SOURCE, event.getTimestamp(), key, domainEvent.getSequenceNumber(),
                payload);
        // The event's trace (restored from its metadata around this handler) goes on in the record's headers.
        pendingSends().add(kafka.send(traceHeaders.record(ChatEventTypes.TOPIC, key, record)));
    }

    /** The batch's sends, awaited before the unit of work (and with it the processor's token) commits. */
    private List<CompletableFuture<?>> pendingSends() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING_SENDS, key -> {
            breaker.guard(unitOfWork);
            List<CompletableFuture<?>> pending = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitAll(pending));
            return pending;
        });
    }

    private void awaitAll(List<CompletableFuture<?>> pending) {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(properties.acknowledgementTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaPublishingException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaPublishingException("Kafka did not acknowledge the batch; it will be published again", e);
        }
    }
}
