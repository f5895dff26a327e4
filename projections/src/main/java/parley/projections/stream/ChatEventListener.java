package parley.projections.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import parley.api.cloudevents.ChatEventCodec;
import parley.api.cloudevents.ChatEventTypes;
import parley.api.cloudevents.DecodedEvent;
import parley.projections.dispatch.Projection;
import parley.projections.dispatch.ProjectionDispatch;
import parley.projections.generation.ReadModel;

/**
 * Reads {@code parley.chat-events} and hands each event to the projection that handles its type.
 *
 * <p>Records come in batches (a poll's worth), projected in one transaction: one commit and one WAL
 * flush per batch instead of per record, which is what lets the read tables keep up with the
 * command side. If the batch fails, it is rolled back and projected again record by record, each
 * in its own transaction, so the records before the failing one commit and exactly that record
 * goes to {@link ConsumerErrorHandling} (retried, or dead-lettered: no single record stalls its
 * partition). Offsets are committed only after the writes committed, so a crash repeats records
 * (harmless: every projection is idempotent) and never skips one. A type this version does not know
 * is skipped and counted; unknown fields of a known type are ignored
 * (a newer revision only adds fields: docs/adr/0012-event-revisions-and-upcasters.md).
 *
 * <p>Each transaction first enters the live read-model generation ({@link ReadModel#ENTER_ACTIVE}),
 * so a rebuild's switch takes effect between two transactions and never inside one.
 */
@Component
class ChatEventListener {

    private static final Logger log = LoggerFactory.getLogger(ChatEventListener.class);

    private static final String CONSUMER = "projections";

    private final ChatEventCodec codec;
    private final ProjectionDispatch projections;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final TransactionTemplate transactions;
    private final RecordTracing tracing;
    private final ProjectionLag lag;

    ChatEventListener(ObjectMapper objectMapper, List<Projection<?>> projections, JdbcClient jdbc, MeterRegistry meters,
            PlatformTransactionManager transactionManager, Flyway projectionsFlyway, RecordTracing tracing,
            ProjectionLag lag) {
        this.lag = lag;
        this.codec = new ChatEventCodec(objectMapper);
        this.projections = new ProjectionDispatch(projections);
        this.jdbc = jdbc;
        this.meters = meters;
        this.transactions = new TransactionTemplate(transactionManager);
        this.tracing = tracing;
    }

    @KafkaListener(id = "parley-projections", topics = ChatEventTypes.TOPIC, groupId = "${parley.projections.group-id}",
            containerFactory = ConsumerErrorHandling.CONTAINER_FACTORY, batch = "true",
            concurrency = "${parley.projections.concurrency}")
    public void on(List<ConsumerRecord<String, String>> records) {
        try {
            lag.applied(transactions.execute(status -> project(records)));
        } catch (RuntimeException batchFailed) {
            log.debug("A batch of {} records failed; projecting them one by one", records.size(), batchFailed);
            for (int i = 0; i < records.size(); i++) {
                List<ConsumerRecord<String, String>> one = List.of(records.get(i));
                try {
                    lag.applied(transactions.execute(status -> project(one)));
                } catch (RuntimeException failed) {
                    throw new BatchListenerFailedException("projecting a chat event failed", failed, i);
                }
            }
        }
    }

    /** @return the newest event time among the records (for {@link ProjectionLag}), null if none says */
    private Instant project(List<ConsumerRecord<String, String>> records) {
        ReadModel.enterActive(jdbc);
        Instant newest = null;
        for (ConsumerRecord<String, String> record : records) {
            Span span = tracing.start(record); // the event's trace, from its record's headers
            try (Tracer.SpanInScope scope = tracing.inScope(span)) {
                Instant time = project(record, span);
                newest = newest == null || (time != null && time.isAfter(newest)) ? time : newest;
            } catch (RuntimeException e) {
                span.error(e);
                throw e;
            } finally {
                span.end();
            }
        }
        return newest;
    }

    /**
     * An unreadable record throws {@link parley.api.cloudevents.UnreadableChatEventException}: dead-lettered at once.
     *
     * @return the event's time (the record's own timestamp if the event does not say)
     */
    private Instant project(ConsumerRecord<String, String> record, Span span) {
        DecodedEvent decoded = codec.decode(record.value());
        span.tag(RecordTracing.EVENT_TYPE_TAG, decoded.type());
        Instant time = decoded.envelope().time() != null ? decoded.envelope().time() : Instant.ofEpochMilli(record.timestamp());
        if (!(decoded instanceof DecodedEvent.Known event)) {
            skipUnknown(record, decoded.type());
            return time;
        }
        if (!projections.apply(event.payload(), event.sequence())) {
            log.debug("No projection for {}", event.type());
        }
        return time;
    }

    /**
     * A type of a newer release (a rolling upgrade writes it before every consumer knows it): this
     * version has no projection for it, so it is passed over, counted and logged, and the partition
     * moves on. Dead-lettering it would fill the dead-letter topic with every such event, and
     * retrying it would stall the partition until this node is upgraded.
     */
    private void skipUnknown(ConsumerRecord<String, String> record, String type) {
        String tag = ChatEventTypes.unknownTypeTag(type);
        Counter.builder(ChatEventTypes.UNKNOWN_TYPE_COUNTER).description("chat events of a type this version does not know, skipped")
                .tag("consumer", CONSUMER).tag("type", tag).register(meters).increment();
        log.warn("Skipped a chat event of an unknown type (a newer release's?): type={} topic={} partition={} offset={} key={}",
                tag, record.topic(), record.partition(), record.offset(), record.key());
    }
}
