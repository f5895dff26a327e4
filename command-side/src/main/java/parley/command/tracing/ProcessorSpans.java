package parley.command.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Continues an event's trace while an event processor handles it: a span named for the processor
 * (e.g. {@code kafka-publisher}), child of the {@code traceparent} stored in the event's metadata,
 * in scope around the handler. So the publisher's Kafka record carries it on, and the processor
 * thread's log lines carry the event's trace id. An event stored before tracing gets a new root.
 */
class ProcessorSpans implements MessageHandlerInterceptor<EventMessage<?>> {

    static final String EVENT_TYPE_TAG = "parley.event.type";

    private final TraceParents traceParents;
    private final String processorName;

    ProcessorSpans(TraceParents traceParents, String processorName) {
        this.traceParents = traceParents;
        this.processorName = processorName;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        Object traceParent = event.getMetaData().get(TraceParents.KEY);
        Span span = traceParents.startChildOf(traceParent instanceof String text ? text : null, processorName)
                .tag(EVENT_TYPE_TAG, event.getPayloadType().getSimpleName());
        try (Tracer.SpanInScope scope = traceParents.inScope(span)) {
            return interceptorChain.proceed();
        } catch (Exception | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
