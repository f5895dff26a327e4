package parley.projections.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import parley.local.InProcessTracing;

/** A record's span continues the trace in its traceparent header; without a usable one it is a new root. */
class RecordTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PUBLISH_SPAN_ID = "00f067aa0ba902b7";

    private final InProcessTracing tracing = new InProcessTracing();
    private final RecordTracing records = new RecordTracing(tracing.tracer(), tracing.propagator());

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void aRecordWithATraceparentIsProjectedInAChildOfThePublishersSpan() {
        ConsumerRecord<String, String> record = record("00-" + TRACE_ID + "-" + PUBLISH_SPAN_ID + "-01");

        Span current = project(record);

        SpanData span = tracing.finished().named(RecordTracing.SPAN_NAME).get(0);
        assertThat(span.getTraceId()).isEqualTo(TRACE_ID).isEqualTo(current.context().traceId());
        assertThat(span.getParentSpanId()).isEqualTo(PUBLISH_SPAN_ID);
        assertThat(span.getParentSpanContext().isRemote()).isTrue();
    }

    @Test
    void aRecordWithoutHeadersOrWithAnUnreadableOneStartsANewRootAndIsProjectedAllTheSame() {
        for (String traceparent : new String[] {null, "00-garbage-01", ""}) {
            Span current = project(record(traceparent));

            assertThat(current).as("a span in scope for the log lines").isNotNull();
            SpanData span = tracing.finished().ofTrace(current.context().traceId()).get(0);
            assertThat(span.getParentSpanContext().isValid()).as("'" + traceparent + "' starts a new root").isFalse();
            assertThat(span.getTraceId()).isNotEqualTo(TRACE_ID);
        }
    }

    /** What ChatEventListener does around each record; returns the span current while "projecting". */
    private Span project(ConsumerRecord<String, String> record) {
        Span span = records.start(record);
        try (Tracer.SpanInScope scope = records.inScope(span)) {
            return tracing.tracer().currentSpan();
        } finally {
            span.end();
        }
    }

    private static ConsumerRecord<String, String> record(String traceparent) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("parley.chat-events", 0, 42L, "chat-1", "{}");
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
