package parley.projections.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import parley.api.cloudevents.ChatEventTypes;
import parley.api.cloudevents.CloudEvent;
import parley.api.upcasting.TopicData;
import parley.projections.generation.ReadModel;

/**
 * Reads {@code parley.chat-events} and hands each event to the projection that handles its type.
 * The offset is committed only after the record's writes committed, so a crash repeats a record
 * (harmless: every projection is idempotent) and never skips one. A record that fails is retried or
 * dead-lettered as {@link ConsumerErrorHandling} decides: no single record stalls its partition. A
 * type this version does not know is skipped and counted; unknown fields of a known type are ignored
 * (a newer revision only adds fields: docs/adr/0012-event-revisions-and-upcasters.md).
 * Each record's transaction first enters the live read-model generation ({@link ReadModel#ENTER_ACTIVE}),
 * so a rebuild's switch takes effect between two records and never inside one.
 */
@Component
class ChatEventListener {

    private static final Logger log = LoggerFactory.getLogger(ChatEventListener.class);

    private static final String CONSUMER = "projections";

    private final ObjectMapper objectMapper;
    private final ProjectionDispatch projections;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    ChatEventListener(ObjectMapper objectMapper, List<Projection<?>> projections, JdbcClient jdbc, MeterRegistry meters,
            Flyway projectionsFlyway) {
        this.objectMapper = objectMapper;
        this.projections = new ProjectionDispatch(projections);
        this.jdbc = jdbc;
        this.meters = meters;
    }

    @KafkaListener(id = "parley-projections", topics = ChatEventTypes.TOPIC, groupId = "${parley.projections.group-id}",
            containerFactory = ConsumerErrorHandling.CONTAINER_FACTORY,
            concurrency = "${parley.projections.concurrency}")
    @Transactional
    public void on(ConsumerRecord<String, String> record) throws JsonProcessingException {
        CloudEvent event = objectMapper.readValue(record.value(), CloudEvent.class);
        Optional<Class<?>> known = ChatEventTypes.payloadClass(event.type());
        if (known.isEmpty()) {
            skipUnknown(record, event.type());
            return;
        }
        Class<?> payloadType = known.get();
        Object payload = objectMapper.treeToValue(TopicData.current(event), payloadType);
        ReadModel.enterActive(jdbc);
        if (!projections.apply(payload, event.sequence() == null ? 0 : event.sequence())) {
            log.debug("No projection for {}", event.type());
        }
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
