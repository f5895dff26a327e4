package parley.command.tracing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Writes the trace context into the metadata of every command and event dispatched, so it is
 * stored with the event and read back by the processors that run later on their own threads (the
 * Kafka publisher above all). It takes the current span's; a command retried on the retry
 * scheduler's thread, where no span is current, passes on the {@code traceparent} the command
 * being handled already carries. A message that already has one keeps it (a retried command is
 * dispatched again with its metadata).
 */
class TraceParentDispatch<M extends Message<?>> implements MessageDispatchInterceptor<M> {

    private final TraceParents traceParents;

    TraceParentDispatch(TraceParents traceParents) {
        this.traceParents = traceParents;
    }

    @Override
    @SuppressWarnings("unchecked")
    public BiFunction<Integer, M, M> handle(List<? extends M> messages) {
        return (index, message) -> {
            if (message.getMetaData().containsKey(TraceParents.KEY)) {
                return message;
            }
            return traceParent().map(traceParent -> (M) message.andMetaData(Map.of(TraceParents.KEY, traceParent)))
                    .orElse(message);
        };
    }

    private Optional<String> traceParent() {
        Optional<String> current = traceParents.current();
        if (current.isPresent() || !CurrentUnitOfWork.isStarted()) {
            return current;
        }
        Object handled = CurrentUnitOfWork.get().getMessage().getMetaData().get(TraceParents.KEY);
        return handled instanceof String traceParent ? Optional.of(traceParent) : Optional.empty();
    }
}
