package parley.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import parley.api.upcasting.MemberRemovedReasonUpcaster;

/**
 * The one definition of how events are written to, and read from, the event store. The command
 * side's Axon configuration and the golden-sample test both take it from here, so the test checks
 * the bytes the store really holds, and everything that reads the store (the command side's storage
 * engine, analyst tools) takes the one upcaster chain from {@link #upcasters()}; the mapper is its own, not the web layer's, so a change to
 * Spring's JSON settings (for HTTP bodies) can never change a released event's stored form.
 */
public final class EventJson {

    private EventJson() {
    }

    /**
     * Instants as ISO-8601 text with their full precision; unknown properties are ignored when
     * reading (an event written by a newer node must not stop an older one that replays it).
     */
    public static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** Axon's serializer for event payloads (and their metadata) in the event store. */
    public static JacksonSerializer serializer() {
        return JacksonSerializer.builder()
                .objectMapper(objectMapper())
                .revisionResolver(new AnnotationRevisionResolver())
                .build();
    }

    /**
     * Every upcaster of a released event revision, oldest first. A class whose serialised form
     * changes gets a new {@code @Revision} and its upcaster here, plus golden samples of both
     * revisions (see docs/adr/0012-event-revisions-and-upcasters.md).
     */
    public static EventUpcasterChain upcasters() {
        return new EventUpcasterChain(new MemberRemovedReasonUpcaster());
    }
}
