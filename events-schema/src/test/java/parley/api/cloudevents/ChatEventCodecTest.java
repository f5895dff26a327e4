package parley.api.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import parley.api.EventJson;
import parley.api.group.MemberRemoved;

/**
 * The record format of {@code parley.chat-events}, through the one codec the publisher and every
 * consumer share. The events are the golden samples of {@code golden/} (see GoldenEventJsonTest).
 */
class ChatEventCodecTest {

    private static final ObjectMapper JSON = EventJson.objectMapper();
    private static final String SOURCE = "/parley/command-side";
    private static final Instant TIME = Instant.parse("2026-11-24T12:00:00.123456789Z");
    private static final String MEMBER_REMOVED = ChatEventTypes.typeOf(MemberRemoved.class).orElseThrow();

    private final ChatEventCodec codec = new ChatEventCodec(JSON);

    static Stream<String> releasedTypes() {
        return ChatEventTypes.all().stream().sorted();
    }

    /**
     * Encoding in one pass writes the very bytes the envelope around a tree of the payload wrote
     * (what the publisher did before), the record is valid in the schema its {@code dataschema}
     * names, and it decodes to the event it was written from.
     */
    @ParameterizedTest
    @MethodSource("releasedTypes")
    void everyTypeIsWrittenAsBeforeAndReadsBackAsItself(String type) throws Exception {
        Object event = currentSample(type);

        String record = codec.encode("e-1", SOURCE, TIME, "subject-1", 7, event);

        String twoPasses = JSON.writeValueAsString(new CloudEvent(CloudEvent.SPEC_VERSION, "e-1", SOURCE, type, TIME,
                "subject-1", CloudEvent.JSON, ChatEventTypes.dataSchema(type), 7L, JSON.valueToTree(event)));
        assertThat(record).isEqualTo(twoPasses);
        assertThat(EventSchemasTest.validate(JSON.readTree(record), ChatEventTypes.revision(type))).isEmpty();

        DecodedEvent decoded = codec.decode(record);
        assertThat(decoded).isInstanceOf(DecodedEvent.Known.class);
        DecodedEvent.Known known = (DecodedEvent.Known) decoded;
        assertThat(known.payload()).isEqualTo(event);
        assertThat(known.sequence()).isEqualTo(7);
        assertThat(known.envelope()).extracting(CloudEvent::specversion, CloudEvent::id, CloudEvent::source, CloudEvent::type,
                        CloudEvent::time, CloudEvent::subject, CloudEvent::datacontenttype, CloudEvent::dataschema)
                .containsExactly(CloudEvent.SPEC_VERSION, "e-1", SOURCE, type, TIME, "subject-1", CloudEvent.JSON,
                        ChatEventTypes.dataSchema(type));
    }

    /**
     * A node of the previous release publishes MemberRemoved in revision 1 (named by its
     * {@code dataschema}, or by having none, as before revisions existed); it reads as revision 2.
     */
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "urn:parley:schema:parley.group.MemberRemoved.v1.rev1")
    void revisionOneOfMemberRemovedIsUpcast(String dataSchema) throws Exception {
        JsonNode revisionOne = EventSchemasTest.published("golden/" + MEMBER_REMOVED + ".rev1.json").get("payload");
        String record = JSON.writeValueAsString(new CloudEvent(CloudEvent.SPEC_VERSION, "e-1", SOURCE, MEMBER_REMOVED, TIME,
                "subject-1", CloudEvent.JSON, dataSchema, 3L, revisionOne));

        DecodedEvent decoded = codec.decode(record);

        assertThat(decoded).isInstanceOf(DecodedEvent.Known.class);
        MemberRemoved removed = (MemberRemoved) ((DecodedEvent.Known) decoded).payload();
        assertThat(removed).isEqualTo(currentSample(MEMBER_REMOVED));
        assertThat(removed.reason()).isEqualTo(MemberRemoved.Reason.REMOVED);
    }

    /** A newer release's type is not an error: the consumer is told which type to skip and count. */
    @Test
    void aTypeThisVersionDoesNotKnowIsReportedNotRejected() throws Exception {
        String record = JSON.writeValueAsString(new CloudEvent(CloudEvent.SPEC_VERSION, "e-1", SOURCE, "parley.later.Thing.v1",
                TIME, "subject-1", CloudEvent.JSON, null, 1L, JSON.createObjectNode().put("anything", 1)));

        DecodedEvent decoded = codec.decode(record);

        assertThat(decoded).isInstanceOf(DecodedEvent.UnknownType.class);
        assertThat(decoded.type()).isEqualTo("parley.later.Thing.v1");
    }

    /** A record no retry can make readable is one exception, whatever is wrong with it. */
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "{\"type\":\u0000", "null", "[1,2]", "{\"specversion\":\"1.0\",\"id\":\"x\"}"})
    void aValueThatIsNoCloudEventIsUnreadable(String value) {
        assertThatThrownBy(() -> codec.decode(value)).isInstanceOf(UnreadableChatEventException.class);
    }

    @Test
    void dataThatDoesNotFitItsKnownTypeIsUnreadable() throws Exception {
        String type = "parley.privatechat.PrivateMessageSent.v1";
        ObjectNode wrong = ((ObjectNode) JSON.valueToTree(currentSample(type))).put("seq", "not a number");

        assertThatThrownBy(() -> codec.decode(record(type, wrong))).isInstanceOf(UnreadableChatEventException.class)
                .hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
        assertThatThrownBy(() -> codec.decode(record(type, null))).as("no data").isInstanceOf(UnreadableChatEventException.class);
        assertThatThrownBy(() -> codec.decode(record(type, JSON.nullNode()))).as("null data")
                .isInstanceOf(UnreadableChatEventException.class);
    }

    @Test
    void anEventOfATypeThatIsNotPublishedIsNotEncoded() {
        assertThatThrownBy(() -> codec.encode("e-1", SOURCE, TIME, "s", 1, "a string"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String record(String type, JsonNode data) throws Exception {
        return JSON.writeValueAsString(new CloudEvent(CloudEvent.SPEC_VERSION, "e-1", SOURCE, type, TIME, "subject-1",
                CloudEvent.JSON, ChatEventTypes.dataSchema(type), 1L, data));
    }

    /** The type's current-revision golden sample, as its record. */
    private static Object currentSample(String type) throws Exception {
        JsonNode payload = EventSchemasTest.published("golden/" + type + ".rev" + ChatEventTypes.revision(type) + ".json")
                .get("payload");
        return JSON.treeToValue(payload, ChatEventTypes.payloadClass(type).orElseThrow());
    }
}
