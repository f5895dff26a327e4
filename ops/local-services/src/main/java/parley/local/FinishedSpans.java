package parley.local;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * For tests: every span that ends, kept in memory as it ends (no batching, no exporter). As a bean
 * of a Spring Boot test, Boot's OpenTelemetry configuration adds it to the tracer provider.
 */
public final class FinishedSpans implements SpanProcessor {

    private final List<SpanData> spans = new CopyOnWriteArrayList<>();

    public List<SpanData> all() {
        return List.copyOf(spans);
    }

    public List<SpanData> named(String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).toList();
    }

    public List<SpanData> ofTrace(String traceId) {
        return spans.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        spans.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }
}
