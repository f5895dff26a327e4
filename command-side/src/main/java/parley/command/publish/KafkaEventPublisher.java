package parley.command.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
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
 * CloudEvents id, and a retried batch skips the records Kafka acknowledged late: {@link AcknowledgedRecords});
 * a circuit breaker ({@link KafkaBreaker}) makes batches fail fast while it lasts.
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
    private final AcknowledgedRecords acknowledged;

    KafkaEventPublisher(KafkaTemplate<String, String> kafka, ObjectMapper objectMapper, PublisherProperties properties,
            KafkaBreaker breaker, KafkaTraceHeaders traceHeaders, AcknowledgedRecords acknowledged) {
        this.acknowledged = acknowledged;
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
        // A retried batch sends only what Kafka has not acknowledged yet (a starved node's late acks), and only
        // up to the first record of a key it sends again: after that every record of the key goes in order.
        Batch batch = batch();
        if (!batch.resending(key) && acknowledged.alreadyStored(event.getIdentifier())) {
            return;
        }
        batch.sending(key);
        // The payload came out of the store through EventJson's upcasters: its data is the current revision.
        String record = codec.encode(event.getIdentifier(), SOURCE, event.getTimestamp(), key, domainEvent.getSequenceNumber(),
                payload);
        // The event's trace (restored from its metadata around this handler) goes on in the record's headers.
        String eventId = event.getIdentifier();
        batch.pending(breaker).add(kafka.send(traceHeaders.record(ChatEventTypes.TOPIC, key, record))
                .thenRun(() -> acknowledged.acknowledged(eventId)));
    }

    private Batch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING_SENDS, key -> new Batch(unitOfWork));
    }

    /** One batch of the processor: the keys it has sent a record of, and its sends. */
    private final class Batch {
        private final UnitOfWork<?> unitOfWork;
        private final Set<String> keysSent = new HashSet<>();
        private List<CompletableFuture<?>> pending;

        Batch(UnitOfWork<?> unitOfWork) {
            this.unitOfWork = unitOfWork;
        }

        boolean resending(String key) {
            return keysSent.contains(key);
        }

        void sending(String key) {
            keysSent.add(key);
        }

        /**
         * The batch's sends, awaited before the unit of work (and with it the processor's token) commits. The
         * breaker counts only a batch that sends something: one whose records Kafka all acknowledged before
         * commits at once.
         */
        List<CompletableFuture<?>> pending(KafkaBreaker breaker) {
            if (pending == null) {
                breaker.guard(unitOfWork);
                List<CompletableFuture<?>> sends = new ArrayList<>();
                unitOfWork.onPrepareCommit(u -> awaitAll(sends));
                pending = sends;
            }
            return pending;
        }
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
