package parley.command.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.local.InProcessTracing;

/**
 * The trace context crosses the event store: a command handled in a span stores its traceparent
 * with the events it appends, and a processor reading them later continues that trace (and the
 * publisher's record carries it on). Old events without one still work.
 */
class TraceContextThroughAxonTest {

    private static final String AGGREGATE = "chat-1";

    private final InProcessTracing tracing = new InProcessTracing();
    private final Tracer tracer = tracing.tracer();
    private final TraceParents traceParents = new TraceParents(tracer, tracing.propagator());
    private final AtomicReference<MetaData> handledCommand = new AtomicReference<>();
    private EmbeddedEventStore store;
    private SimpleCommandBus commands;

    @BeforeEach
    void axon() {
        store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        store.registerDispatchInterceptor(new TraceParentDispatch<>(traceParents));
        commands = SimpleCommandBus.builder().build();
        commands.registerDispatchInterceptor(new TraceParentDispatch<>(traceParents));
        commands.subscribe(String.class.getName(), command -> {
            handledCommand.set(command.getMetaData());
            store.publish(new GenericDomainEventMessage<>("Chat", AGGREGATE, 0, "appended"));
            return "done";
        });
    }

    @AfterEach
    void close() {
        store.shutDown();
        tracing.close();
    }

    @Test
    void anEventAppendedWhileACommandIsHandledInASpanStoresThatSpansTraceparent() {
        Span stompCommand = tracer.nextSpan().name("stomp.command").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(stompCommand)) {
            DefaultCommandGateway.builder().commandBus(commands).build().sendAndWait("append");
        } finally {
            stompCommand.end();
        }

        String stored = (String) storedEvent().getMetaData().get(TraceParents.KEY);
        assertThat(stored).as("W3C: version-traceId-spanId-flags")
                .isEqualTo("00-" + stompCommand.context().traceId() + "-" + stompCommand.context().spanId() + "-01");
        assertThat(handledCommand.get().get(TraceParents.KEY)).as("the command's metadata too").isEqualTo(stored);
    }

    @Test
    void aCommandRetriedWhereNoSpanIsCurrentPassesItsOwnTraceparentToItsEvents() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assertThat(tracer.currentSpan()).isNull();

        commands.dispatch(GenericCommandMessage.asCommandMessage("append").andMetaData(Map.of(TraceParents.KEY, traceparent)));

        assertThat(storedEvent().getMetaData()).containsEntry(TraceParents.KEY, traceparent);
    }

    @Test
    void withoutASpanOrATraceparentNothingIsInvented() {
        commands.dispatch(GenericCommandMessage.asCommandMessage("append"));

        assertThat(storedEvent().getMetaData()).doesNotContainKey(TraceParents.KEY);
    }

    @Test
    void aProcessorContinuesTheStoredTraceAndThePublishersRecordCarriesItOn() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String commandSpanId = "00f067aa0ba902b7";
        EventMessage<?> event = GenericEventMessage.asEventMessage("appended")
                .andMetaData(Map.of(TraceParents.KEY, "00-" + traceId + "-" + commandSpanId + "-01", "correlationId", "c-1"));
        KafkaTraceHeaders headers = new KafkaTraceHeaders(traceParents);
        AtomicReference<ProducerRecord<String, String>> published = new AtomicReference<>();

        handle(event, () -> published.set(headers.record("parley.chat-events", AGGREGATE, "{}")));

        SpanData processor = tracing.finished().named("kafka-publisher").get(0);
        assertThat(processor.getTraceId()).isEqualTo(traceId);
        assertThat(processor.getParentSpanId()).as("the command's span, restored from the metadata").isEqualTo(commandSpanId);
        assertThat(processor.getAttributes().asMap().toString()).contains("parley.event.type=String");
        String header = new String(published.get().headers().lastHeader(TraceParents.KEY).value(), StandardCharsets.UTF_8);
        assertThat(header).isEqualTo("00-" + traceId + "-" + processor.getSpanId() + "-01");
        assertThat(tracer.currentSpan()).as("the scope closed with the handling").isNull();
    }

    @Test
    void anEventStoredBeforeTracingOrWithAnUnreadableTraceparentGetsANewRoot() throws Exception {
        for (Map<String, String> metaData : List.of(Map.<String, String>of(), Map.of(TraceParents.KEY, "00-not-a-trace-01"))) {
            AtomicReference<Span> current = new AtomicReference<>();
            handle(GenericEventMessage.asEventMessage("old").andMetaData(metaData), () -> current.set(tracer.currentSpan()));

            assertThat(current.get()).as("a span in scope all the same, for the log lines").isNotNull();
            SpanData root = tracing.finished().ofTrace(current.get().context().traceId()).get(0);
            assertThat(root.getParentSpanContext().isValid()).as(metaData + " starts a new root").isFalse();
        }
        assertThat(tracing.finished().named("kafka-publisher")).hasSize(2);
    }

    private void handle(EventMessage<?> event, Runnable handler) throws Exception {
        ProcessorSpans spans = new ProcessorSpans(traceParents, "kafka-publisher");
        UnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        try {
            spans.handle(unitOfWork, () -> {
                handler.run();
                return null;
            });
        } finally {
            unitOfWork.commit();
        }
    }

    private DomainEventMessage<?> storedEvent() {
        List<? extends DomainEventMessage<?>> events = store.readEvents(AGGREGATE).asStream().toList();
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
