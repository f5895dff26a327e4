package parley.projections.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import parley.api.cloudevents.ChatEventTypes;
import parley.api.cloudevents.CloudEvent;
import parley.projections.generation.ReadModel;

/**
 * Reads {@code parley.chat-events} and hands each event to the projection that handles its type.
 * The offset is committed only after the record's writes committed, so a crash repeats a record
 * (harmless: every projection is idempotent) and never skips one. A record that fails is retried or
 * dead-lettered as {@link ConsumerErrorHandling} decides: no single record stalls its partition.
 * Each record's transaction first enters the live read-model generation ({@link ReadModel#ENTER_ACTIVE}),
 * so a rebuild's switch takes effect between two records and never inside one.
 */
@Component
class ChatEventListener {

    private static final Logger log = LoggerFactory.getLogger(ChatEventListener.class);

    private final ObjectMapper objectMapper;
    private final ProjectionDispatch projections;
    private final JdbcClient jdbc;

    ChatEventListener(ObjectMapper objectMapper, List<Projection<?>> projections, JdbcClient jdbc, Flyway projectionsFlyway) {
        this.objectMapper = objectMapper;
        this.projections = new ProjectionDispatch(projections);
        this.jdbc = jdbc;
    }

    @KafkaListener(id = "parley-projections", topics = ChatEventTypes.TOPIC, groupId = "${parley.projections.group-id}",
            containerFactory = ConsumerErrorHandling.CONTAINER_FACTORY,
            concurrency = "${parley.projections.concurrency}")
    @Transactional
    public void on(String value) throws JsonProcessingException {
        CloudEvent event = objectMapper.readValue(value, CloudEvent.class);
        Class<?> payloadType = ChatEventTypes.payloadClass(event.type())
                .orElseThrow(() -> new UnknownEventTypeException(event.type()));
        Object payload = objectMapper.treeToValue(event.data(), payloadType);
        jdbc.sql(ReadModel.ENTER_ACTIVE).query(String.class).single();
        if (!projections.apply(payload, event.sequence() == null ? 0 : event.sequence())) {
            log.debug("No projection for {}", event.type());
        }
    }
}
