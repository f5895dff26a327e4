package parley.command.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import parley.local.InProcessTracing;

/** A STOMP command is handled in a span of its own, never in one a client names. */
class StompCommandSpansTest {

    private static final String CLIENTS_TRACE = "0af7651916cd43dd8448eb211c80319c";

    private final InProcessTracing tracing = new InProcessTracing();
    private final StompCommandSpans spans = new StompCommandSpans(tracing.tracer());
    private final ExecutorSubscribableChannel channel = new ExecutorSubscribableChannel();
    private final MessageHandler commandHandler = new SimpAnnotationMethodMessageHandler(channel, channel,
            new SimpMessagingTemplate(channel));

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void aCommandIsHandledInANewRootSpanWhateverTraceHeaderTheClientSent() {
        Message<byte[]> send = frame(StompCommand.SEND, "/app/private.send", "00-" + CLIENTS_TRACE + "-b7ad6b7169203331-01");
        AtomicReference<Span> current = new AtomicReference<>();

        Message<?> handled = spans.beforeHandle(send, channel, commandHandler);
        current.set(tracing.tracer().currentSpan());
        spans.afterMessageHandled(handled, channel, commandHandler, null);

        assertThat(current.get()).as("in scope while the handler runs").isNotNull();
        SpanData span = tracing.finished().named(StompCommandSpans.SPAN_NAME).get(0);
        assertThat(span.getTraceId()).isEqualTo(current.get().context().traceId()).isNotEqualTo(CLIENTS_TRACE);
        assertThat(span.getParentSpanContext().isValid()).as("a root: the client's traceparent is ignored").isFalse();
        assertThat(span.getAttributes().asMap().toString()).contains("parley.stomp.destination=/app/private.send");
        assertThat(tracing.tracer().currentSpan()).as("out of scope after").isNull();
    }

    @Test
    void framesForTheBrokerAndSubscriptionsGetNoSpan() {
        MessageHandler broker = new SimpleBrokerMessageHandler(channel, channel, channel, java.util.List.of("/queue"));
        Message<byte[]> send = frame(StompCommand.SEND, "/app/private.send", null);
        Message<byte[]> subscribe = frame(StompCommand.SUBSCRIBE, "/user/queue/events", null);

        spans.afterMessageHandled(spans.beforeHandle(send, channel, broker), channel, broker, null);
        spans.afterMessageHandled(spans.beforeHandle(subscribe, channel, commandHandler), channel, commandHandler, null);

        assertThat(tracing.finished().all()).isEmpty();
    }

    private static Message<byte[]> frame(StompCommand command, String destination, String traceparent) {
        StompHeaderAccessor headers = StompHeaderAccessor.create(command);
        headers.setDestination(destination);
        if (traceparent != null) {
            headers.setNativeHeader("traceparent", traceparent);
        }
        return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
    }
}
