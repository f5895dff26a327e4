package parley.projections.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import parley.local.InProcessTracing;

/** A dead letter and a failed try are logged inside the event's own trace, so the log line carries its trace id. */
class DeadLettersTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final InProcessTracing tracing = new InProcessTracing();
    private final List<String> traceIdsWhilePublishing = new ArrayList<>();

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void aDeadLetterIsWrittenAndLoggedInTheRecordsTrace() {
        DeadLetters deadLetters = deadLetters();

        deadLetters.accept(record(), null, new IllegalStateException("cannot be projected", new SQLException("bad", "22001")));

        assertThat(traceIdsWhilePublishing).containsExactly(TRACE_ID);
        assertThat(tracing.finished().ofTrace(TRACE_ID)).as("the dead letter's span").hasSize(1);
        assertThat(tracing.tracer().currentSpan()).as("nothing left in scope").isNull();
    }

    @Test
    void aFailedTryIsLoggedInTheRecordsTrace() {
        deadLetters().failedDelivery(record(), new IllegalStateException(new SQLException("down", "08006")), 1);

        assertThat(tracing.finished().ofTrace(TRACE_ID)).as("the failed try's span").hasSize(1);
    }

    private DeadLetters deadLetters() {
        KafkaTemplate<Object, Object> unused = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of()));
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(unused) {
            @Override
            public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception failure) {
                traceIdsWhilePublishing.add(tracing.tracer().currentSpan().context().traceId());
            }
        };
        return new DeadLetters(publisher, new SimpleMeterRegistry(), new ObjectMapper(),
                new RecordTracing(tracing.tracer(), tracing.propagator()));
    }

    private static ConsumerRecord<String, String> record() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("parley.chat-events", 0, 7L, "chat-1", "{\"type\":\"x\"}");
        record.headers().add("traceparent", ("00-" + TRACE_ID + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
