package parley.command.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.stereotype.Component;

/**
 * Opens a span for every STOMP command ({@code SEND} to an {@code /app} destination) while its
 * handler runs on the inbound channel's thread, so the command, the events it appends and every log
 * line on the way share one trace id.
 *
 * <p>The span is always a new root. A client is untrusted: a {@code traceparent} header in its frame
 * is ignored, so no client can put its commands into another user's trace, or make the server's
 * logs and traces claim a trace id it chose.
 */
@Component
public class StompCommandSpans implements ExecutorChannelInterceptor {

    static final String SPAN_NAME = "stomp.command";
    static final String DESTINATION_TAG = "parley.stomp.destination";
    /** Destinations are the client's text: a tag keeps a bounded prefix of one. */
    private static final int MAX_DESTINATION_LENGTH = 100;

    private final Tracer tracer;
    /** beforeHandle and afterMessageHandled run on the same thread, around the handler. */
    private final ThreadLocal<Handling> current = new ThreadLocal<>();

    StompCommandSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    private record Handling(Span span, Tracer.SpanInScope scope) {
    }

    @Override
    public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
        if (handler instanceof SimpAnnotationMethodMessageHandler
                && SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.MESSAGE) {
            Span span = tracer.spanBuilder().setNoParent().name(SPAN_NAME).kind(Span.Kind.SERVER)
                    .tag(DESTINATION_TAG, destinationOf(message)).start();
            current.set(new Handling(span, tracer.withSpan(span)));
        }
        return message;
    }

    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
        Handling handling = current.get();
        if (handling == null || !(handler instanceof SimpAnnotationMethodMessageHandler)) {
            return;
        }
        current.remove();
        handling.scope().close();
        if (ex != null) {
            handling.span().error(ex);
        }
        handling.span().end();
    }

    private static String destinationOf(Message<?> message) {
        String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
        if (destination == null) {
            return "none";
        }
        return destination.length() > MAX_DESTINATION_LENGTH ? destination.substring(0, MAX_DESTINATION_LENGTH) : destination;
    }
}
