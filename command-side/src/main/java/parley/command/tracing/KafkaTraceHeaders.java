package parley.command.tracing;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

/**
 * A Kafka record carrying the current trace context in a {@code traceparent} header. Only the
 * headers: the record's value (the CloudEvent) is the topic's contract and stays as it was.
 */
@Component
public class KafkaTraceHeaders {

    private final TraceParents traceParents;

    KafkaTraceHeaders(TraceParents traceParents) {
        this.traceParents = traceParents;
    }

    public <K, V> ProducerRecord<K, V> record(String topic, K key, V value) {
        ProducerRecord<K, V> record = new ProducerRecord<>(topic, key, value);
        traceParents.current().ifPresent(
                traceParent -> record.headers().add(TraceParents.KEY, traceParent.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
