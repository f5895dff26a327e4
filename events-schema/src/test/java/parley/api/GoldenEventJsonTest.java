package parley.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import parley.api.cloudevents.ChatEventTypes;

/**
 * The event store holds every released revision of every event for ever. Each file in
 * {@code golden/} is one stored row as the store holds it: payload type, payload revision and
 * payload bytes, written by the very serializer the command side stores events with
 * ({@link EventJson#serializer()}, Axon's {@code JacksonSerializer}). Files are named
 * {@code <CloudEvents type>.rev<revision>.json}; a released file is never changed, a new revision
 * adds a file.
 *
 * <p>Rows written before events carried revisions (release 0.1) have no revision; they are revision
 * 1, so every revision-1 sample is also loaded without one.
 */
class GoldenEventJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JacksonSerializer eventStore = EventJson.serializer();

    static Stream<String> releasedTypes() {
        return ChatEventTypes.all().stream().sorted();
    }

    /**
     * The current revision of every type writes its golden sample byte for byte: a new type without
     * a sample, or a change to a released form without a new revision, fails here.
     */
    @ParameterizedTest
    @MethodSource("releasedTypes")
    void theCurrentRevisionWritesItsGoldenRowUnchanged(String cloudEventType) {
        Class<?> type = ChatEventTypes.payloadClass(cloudEventType).orElseThrow();
        StoredRow golden = StoredRow.read(cloudEventType + ".rev" + ChatEventTypes.revision(cloudEventType) + ".json");

        Object event = eventStore.deserialize(golden.serialized());
        SerializedObject<byte[]> written = eventStore.serialize(event, byte[].class);

        assertThat(event).isInstanceOf(type);
        assertThat(new String(written.getData(), StandardCharsets.UTF_8))
                .as("the bytes the event store holds for %s", cloudEventType).isEqualTo(golden.payload());
        assertThat(written.getType().getName()).isEqualTo(golden.payloadType()).isEqualTo(type.getName());
        assertThat(written.getType().getRevision()).isEqualTo(golden.payloadRevision())
                .isEqualTo(ChatEventTypes.revision(cloudEventType));
    }

    static Stream<Arguments> storedRows() {
        List<Arguments> rows = new ArrayList<>();
        for (String file : goldenFiles()) {
            StoredRow row = StoredRow.read(file);
            rows.add(Arguments.of(file, row));
            if ("1".equals(row.payloadRevision())) {
                rows.add(Arguments.of(file + " stored without a revision", row.withRevision(null)));
            }
        }
        return rows.stream();
    }

    /**
     * Every stored revision, read the way the store is read (the upcaster chain, then the
     * serializer), is the current class and equals the current revision's sample: the samples of a
     * type all describe the same event.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("storedRows")
    void everyStoredRevisionLoadsAsTheCurrentClass(String name, StoredRow row) {
        String cloudEventType = name.substring(0, name.indexOf(".rev"));
        Class<?> type = ChatEventTypes.payloadClass(cloudEventType).orElseThrow();
        StoredRow current = StoredRow.read(cloudEventType + ".rev" + ChatEventTypes.revision(cloudEventType) + ".json");

        List<IntermediateEventRepresentation> upcast = EventJson.upcasters()
                .upcast(Stream.of(new InitialEventRepresentation(row.entry(), eventStore))).toList();

        assertThat(upcast).hasSize(1);
        SerializedType loadedType = upcast.get(0).getType();
        // No revision is revision 1: a type never revised needs no upcaster for its old rows.
        assertThat(Objects.requireNonNullElse(loadedType.getRevision(), "1")).as("revision after upcasting")
                .isEqualTo(current.payloadRevision());
        Object event = eventStore.deserialize(upcast.get(0).getData());
        assertThat(event).isInstanceOf(type).isEqualTo(eventStore.deserialize(current.serialized()));
    }

    /** A row written by a newer release (a field this version does not know) still loads: tolerant reading. */
    @ParameterizedTest
    @MethodSource("releasedTypes")
    void aFieldThisVersionDoesNotKnowIsIgnored(String cloudEventType) throws IOException {
        StoredRow current = StoredRow.read(cloudEventType + ".rev" + ChatEventTypes.revision(cloudEventType) + ".json");
        com.fasterxml.jackson.databind.node.ObjectNode newer = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(current.payload());
        newer.put("fieldOfALaterRevision", "x");
        StoredRow later = new StoredRow(current.payloadType(), current.payloadRevision(), newer.toString());

        Object loaded = eventStore.deserialize(later.serialized());
        assertThat(loaded).isEqualTo(eventStore.deserialize(current.serialized()));
    }

    /** A sample whose type is not released any more, or whose name and content disagree, is a mistake. */
    @ParameterizedTest
    @MethodSource("goldenFiles")
    void everySampleIsNamedAfterItsTypeAndRevision(String file) {
        StoredRow row = StoredRow.read(file);
        String cloudEventType = file.substring(0, file.indexOf(".rev"));
        assertThat(ChatEventTypes.payloadClass(cloudEventType)).as("released type of %s", file).isPresent();
        assertThat(row.payloadType()).isEqualTo(ChatEventTypes.payloadClass(cloudEventType).orElseThrow().getName());
        assertThat(file).endsWith(".rev" + Objects.requireNonNullElse(row.payloadRevision(), "1") + ".json");
    }

    static List<String> goldenFiles() {
        try (Stream<Path> files = Files.list(Path.of(GoldenEventJsonTest.class.getResource("/golden").toURI()))) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row of {@code domain_event_entry}, as far as the payload goes. */
    record StoredRow(String payloadType, String payloadRevision, String payload) {

        static StoredRow read(String file) {
            try (InputStream in = GoldenEventJsonTest.class.getResourceAsStream("/golden/" + file)) {
                if (in == null) {
                    throw new AssertionError("no golden sample " + file);
                }
                JsonNode row = JSON.readTree(in);
                // The payload is kept as JSON for reading; its compact form is the stored bytes.
                return new StoredRow(row.get("payloadType").asText(),
                        row.get("payloadRevision").isNull() ? null : row.get("payloadRevision").asText(),
                        row.get("payload").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        StoredRow withRevision(String revision) {
            return new StoredRow(payloadType, revision, payload);
        }

        SimpleSerializedObject<byte[]> serialized() {
            return new SimpleSerializedObject<>(payload.getBytes(StandardCharsets.UTF_8), byte[].class,
                    new SimpleSerializedType(payloadType, payloadRevision));
        }

        GenericDomainEventEntry<byte[]> entry() {
            return new GenericDomainEventEntry<>("Aggregate", "aggregate-1", 0, "event-1", Instant.EPOCH, payloadType,
                    payloadRevision, payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        }
    }
}
