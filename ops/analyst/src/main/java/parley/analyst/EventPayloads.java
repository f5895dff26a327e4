package parley.analyst;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import parley.api.EventJson;

/**
 * Turns stored rows into the current event records exactly as the platform does: the event store's
 * serializer ({@link EventJson}) after the upcaster chain, so an old revision reads as the current class.
 *
 * <p>A row already at its class's current revision needs no upcaster; it is read by the serializer's
 * own object mapper directly, skipping Axon's per-event stream of intermediate representations
 * (a replay of a million events spends most of its time there otherwise). Any other row, including
 * one written before revisions existed, goes through the whole chain.
 */
public final class EventPayloads {

    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final ObjectMapper currentRevisionReader;
    private final Map<String, Optional<CurrentType>> currentTypes = new ConcurrentHashMap<>();

    public EventPayloads(Serializer serializer, EventUpcaster upcasters, ObjectMapper currentRevisionReader) {
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.currentRevisionReader = currentRevisionReader;
    }

    public static EventPayloads standard() {
        return new EventPayloads(EventJson.serializer(), EventJson.upcasters(), EventJson.objectMapper());
    }

    /** The event as the current release's record (after upcasting). */
    public Object payload(StoredEvent event) {
        Optional<CurrentType> current = currentTypes.computeIfAbsent(event.payloadType(), EventPayloads::currentType);
        if (current.isPresent() && current.get().revision().equals(event.revision())) {
            try {
                return currentRevisionReader.readValue(event.payload(), current.get().type());
            } catch (IOException e) {
                throw new UncheckedIOException("event at position " + event.position() + " does not read as "
                        + event.payloadType(), e);
            }
        }
        return message(event).getPayload();
    }

    /**
     * The event's metadata, read straight from its stored JSON object (what Axon's serializer writes
     * for a {@code MetaData}); through Axon's deserialisation only if it does not read as one.
     */
    public Map<String, ?> metaData(StoredEvent event) {
        if (event.metadata() == null || event.metadata().length == 0) {
            return Map.of();
        }
        try {
            return currentRevisionReader.readValue(event.metadata(), METADATA);
        } catch (IOException e) {
            return message(event).getMetaData();
        }
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> METADATA =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    private static Optional<CurrentType> currentType(String payloadType) {
        try {
            Class<?> type = Class.forName(payloadType);
            Revision revision = type.getAnnotation(Revision.class);
            return revision == null ? Optional.empty() : Optional.of(new CurrentType(type, revision.value()));
        } catch (ClassNotFoundException unknown) {
            return Optional.empty();
        }
    }

    private record CurrentType(Class<?> type, String revision) {
    }

    public DomainEventMessage<?> message(StoredEvent event) {
        DomainEventData<byte[]> data = new GenericDomainEventEntry<>(event.aggregateType(), event.aggregateId(),
                event.aggregateSequence(), event.eventId(), event.time(), event.payloadType(), event.revision(),
                event.payload(), event.metadata());
        DomainEventStream stream = EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(data), serializer, upcasters);
        return stream.next();
    }
}
