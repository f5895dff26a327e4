package parley.projections.stream;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.stereotype.Component;

/**
 * Continues a chat event's trace from its record's {@code traceparent} header (written by the
 * command side's publisher). The projections' listener takes batches, which Spring Kafka's listener
 * observation does not cover, so each record gets its span here, in scope while it is projected:
 * the projection's log lines carry the trace id of the event they are about. A record without the
 * header (published before tracing) or with one that does not parse starts a new root.
 */
@Component
class RecordTracing {

    static final String SPAN_NAME = "projections";
    static final String EVENT_TYPE_TAG = "parley.event.type";
    private static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    RecordTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** A started span for projecting {@code record}; the caller puts it in scope and ends it. */
    Span start(ConsumerRecord<?, ?> record) {
        Span.Builder builder = record.headers().lastHeader(TRACEPARENT) == null
                ? tracer.spanBuilder().setNoParent()
                : propagator.extract(record, RecordTracing::header);
        return builder.name(SPAN_NAME).kind(Span.Kind.CONSUMER).start();
    }

    Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    /** Runs {@code work} in a span of the record's trace, so that what it logs (a dead letter, a retry) carries the event's trace id. */
    void within(ConsumerRecord<?, ?> record, Runnable work) {
        Span span = start(record);
        try (Tracer.SpanInScope scope = inScope(span)) {
            work.run();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
