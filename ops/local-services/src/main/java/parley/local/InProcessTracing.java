package parley.local;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * For unit tests: a real Micrometer tracer on the OpenTelemetry SDK (every trace sampled, W3C
 * propagation, as the services run it), with the spans that ended in {@link #finished()}.
 */
public final class InProcessTracing implements AutoCloseable {

    private final FinishedSpans finished = new FinishedSpans();
    private final SdkTracerProvider provider;
    private final OtelTracer tracer;
    private final OtelPropagator propagator;

    public InProcessTracing() {
        provider = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).addSpanProcessor(finished).build();
        io.opentelemetry.api.trace.Tracer otel = provider.get("parley-test");
        tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {
        });
        propagator = new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
    }

    public Tracer tracer() {
        return tracer;
    }

    public Propagator propagator() {
        return propagator;
    }

    public FinishedSpans finished() {
        return finished;
    }

    @Override
    public void close() {
        provider.close();
    }
}
