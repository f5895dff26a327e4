package parley.api.cloudevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import java.time.Instant;
import java.util.Optional;
import parley.api.upcasting.TopicData;

/**
 * The one reading and writing of a {@code parley.chat-events} record: the publisher encodes with it,
 * and every consumer (projections, live push) decodes with it, so the envelope, the upcasting of an
 * older revision's {@code data} and the line between an unknown type and an unreadable record are
 * the same everywhere. The JSON settings are the given mapper's, as before.
 */
public final class ChatEventCodec {

    private final ObjectMapper objectMapper;

    public ChatEventCodec(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /**
     * The record of a stored event. Its {@code data} is written straight from the payload, in the
     * same pass as the envelope (a {@link POJONode} serialises its value with the mapper's own
     * serializers): no intermediate tree per event, and the same JSON the tree gave.
     *
     * @param payload an event of a published type ({@link ChatEventTypes}), in its current revision
     * @throws IllegalArgumentException if the payload's type is not published
     */
    public String encode(String id, String source, Instant time, String subject, long sequence, Object payload) {
        String type = ChatEventTypes.typeOf(payload.getClass())
                .orElseThrow(() -> new IllegalArgumentException(payload.getClass().getName() + " is not published"));
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, id, source, type, time, subject, CloudEvent.JSON,
                ChatEventTypes.dataSchema(type), sequence, new POJONode(payload));
        try {
            return objectMapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type + " " + id, e);
        }
    }

    /**
     * A record read from the topic: a known type's payload in its current revision (an older
     * revision, which a node of the previous release may still publish, is upcast by
     * {@link TopicData}), or the type this version does not know (consumers skip and count it in
     * {@link ChatEventTypes#UNKNOWN_TYPE_COUNTER}; it is not an error).
     *
     * @throws UnreadableChatEventException if the value is not a CloudEvent, names no type, or its
     *     {@code data} does not read as its known type: no retry changes that
     */
    public DecodedEvent decode(String value) {
        CloudEvent event = read(() -> objectMapper.readValue(value, CloudEvent.class), "not a CloudEvent");
        if (event == null || event.type() == null) {
            throw new UnreadableChatEventException("not a CloudEvent: it names no type", null);
        }
        Optional<Class<?>> type = ChatEventTypes.payloadClass(event.type());
        if (type.isEmpty()) {
            return new DecodedEvent.UnknownType(event);
        }
        JsonNode data = TopicData.current(event);
        Object payload = read(() -> objectMapper.treeToValue(data, type.get()), "data is not a " + event.type());
        if (payload == null) {
            throw new UnreadableChatEventException(event.type() + " " + event.id() + " has no data", null);
        }
        return new DecodedEvent.Known(event, payload);
    }

    private static <T> T read(Reading<T> reading, String problem) {
        try {
            return reading.read();
        } catch (JsonProcessingException | IllegalArgumentException e) { // IllegalArgumentException: no value at all
            throw new UnreadableChatEventException(problem, e);
        }
    }

    @FunctionalInterface
    private interface Reading<T> {
        T read() throws JsonProcessingException;
    }
}
