package parley.command.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The trace context as a W3C {@code traceparent} string, the one form that survives the event store
 * (events' metadata) and Kafka (record headers) unchanged, whichever thread reads it later.
 */
@Component
public class TraceParents {

    /** The W3C Trace Context key, in events' metadata and in Kafka record headers alike. */
    public static final String KEY = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    TraceParents(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current span's {@code traceparent}, if a span is current on this thread. */
    public Optional<String> current() {
        Span span = tracer.currentSpan();
        return span == null ? Optional.empty() : of(span.context());
    }

    Optional<String> of(TraceContext context) {
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return Optional.ofNullable(carrier.get(KEY));
    }

    /**
     * Starts a span continuing {@code traceparent}'s trace. Without one (an event stored before
     * tracing, a record from an older publisher) or with one that does not parse, the span is a new
     * root: handling never fails for want of a trace.
     */
    public Span startChildOf(String traceparent, String name) {
        Span.Builder builder = traceparent == null || traceparent.isBlank()
                ? tracer.spanBuilder().setNoParent()
                : propagator.extract(Map.of(KEY, traceparent), Map::get);
        return builder.name(name).start();
    }

    /** Puts {@code span} in scope on this thread: its trace id goes into the MDC and so into every log line. */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }
}
