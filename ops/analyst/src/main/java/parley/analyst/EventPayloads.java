package parley.analyst;

import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import parley.api.EventJson;

/**
 * Turns stored rows into the current event records exactly as the platform does: the event store's
 * serializer ({@link EventJson}) after the upcaster chain, so an old revision reads as the current class.
 */
public final class EventPayloads {

    private final Serializer serializer;
    private final EventUpcaster upcasters;

    public EventPayloads(Serializer serializer, EventUpcaster upcasters) {
        this.serializer = serializer;
        this.upcasters = upcasters;
    }

    public static EventPayloads standard() {
        return new EventPayloads(EventJson.serializer(), EventJson.upcasters());
    }

    /** The event as the current release's record (after upcasting). */
    public Object payload(StoredEvent event) {
        return message(event).getPayload();
    }

    public DomainEventMessage<?> message(StoredEvent event) {
        DomainEventData<byte[]> data = new GenericDomainEventEntry<>(event.aggregateType(), event.aggregateId(),
                event.aggregateSequence(), event.eventId(), event.time(), event.payloadType(), event.revision(),
                event.payload(), event.metadata());
        DomainEventStream stream = EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(data), serializer, upcasters);
        return stream.next();
    }
}
