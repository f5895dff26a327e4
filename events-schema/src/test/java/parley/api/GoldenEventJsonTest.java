package parley.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import parley.api.cloudevents.ChatEventTypes;

/**
 * Released events must read from, and write back to, their golden JSON byte for byte, through the
 * very serializer the command side stores events with ({@link EventJson#serializer()}, Axon's
 * {@code JacksonSerializer}): the event store holds this form for ever. A failure here means an
 * incompatible change to a released event or to the store's serializer settings; add a new
 * revision with an upcaster instead.
 */
class GoldenEventJsonTest {

    private final Serializer eventStore = EventJson.serializer();

    static Stream<String> releasedTypes() {
        return ChatEventTypes.all().stream().sorted();
    }

    /** Every released type needs a golden sample: a new type without one fails here. */
    @ParameterizedTest
    @MethodSource("releasedTypes")
    void theEventStoreReadsTheGoldenBytesAndWritesThemBackUnchanged(String cloudEventType) throws IOException {
        byte[] golden = read("/golden/" + cloudEventType + ".json");
        Class<?> type = ChatEventTypes.payloadClass(cloudEventType).orElseThrow();
        SerializedType storedType = eventStore.typeForClass(type);

        Object event = eventStore.deserialize(new SimpleSerializedObject<>(golden, byte[].class, storedType));
        SerializedObject<byte[]> written = eventStore.serialize(event, byte[].class);

        assertThat(event).isInstanceOf(type);
        assertThat(new String(written.getData(), StandardCharsets.UTF_8))
                .as("the bytes the event store holds for %s", cloudEventType)
                .isEqualTo(new String(golden, StandardCharsets.UTF_8));
        // Rows already in the store name the class and no revision; a different name or a revision
        // would need an upcaster for them.
        assertThat(written.getType().getName()).isEqualTo(type.getName());
        assertThat(written.getType().getRevision()).as("revision of a v1 event").isNull();
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = GoldenEventJsonTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no golden sample " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        }
    }
}
