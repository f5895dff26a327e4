package parley.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.junit.jupiter.api.Test;
import parley.api.EventJson;
import parley.api.group.GroupCreated;
import parley.api.group.MemberAdded;
import parley.api.group.GroupRole;
import parley.api.group.MemberRemoved;
import parley.api.user.UserRegistered;

class EventPayloadsTest {

    private static final Instant AT = Instant.parse("2026-12-02T08:00:00.123456Z");
    private static final UUID GROUP = UUID.fromString("0a000000-0000-0000-0000-000000000001");
    private static final UUID ANN = UUID.fromString("0a000000-0000-0000-0000-000000000002");

    private final EventPayloads payloads = EventPayloads.standard();

    @Test
    void aRowAtItsCurrentRevisionReadsAsTheWholeChainReadsIt() {
        for (Object event : List.of(new GroupCreated(GROUP, "g", ANN, AT), new MemberAdded(GROUP, ANN, GroupRole.MEMBER, ANN, 3, AT),
                MemberRemoved.left(GROUP, ANN, AT), new UserRegistered(ANN, "ann", "Ann", AT))) {
            StoredEvent stored = stored(event);
            assertThat(stored.revision()).as("written at the class's revision").isNotNull();
            assertThat(payloads.payload(stored)).isEqualTo(event).isEqualTo(payloads.message(stored).getPayload());
        }
    }

    @Test
    void aRowOfAnOlderRevisionIsUpcast() {
        String revisionOne = "{\"groupId\":\"" + GROUP + "\",\"userId\":\"" + ANN + "\",\"removedBy\":\"" + ANN
                + "\",\"removedAt\":\"" + AT + "\"}";
        for (String storedRevision : new String[] {null, "1"}) {
            StoredEvent stored = new StoredEvent(7, UUID.randomUUID().toString(), GROUP.toString(), 4, "GroupChat", AT,
                    MemberRemoved.class.getName(), storedRevision, revisionOne.getBytes(StandardCharsets.UTF_8), metadata());
            assertThat(payloads.payload(stored)).as("revision %s", storedRevision).isEqualTo(MemberRemoved.left(GROUP, ANN, AT));
        }
    }

    @Test
    void metadataReadsAsAxonReadsIt() {
        MetaData metaData = MetaData.with("traceId", "t-1").and("correlationId", UUID.randomUUID().toString()).and("attempt", 2);
        StoredEvent stored = new StoredEvent(1, UUID.randomUUID().toString(), GROUP.toString(), 0, "GroupChat", AT,
                GroupCreated.class.getName(), "1", "{}".getBytes(StandardCharsets.UTF_8),
                EventJson.serializer().serialize(metaData, byte[].class).getData());
        java.util.Map<String, Object> read = new java.util.HashMap<>(payloads.metaData(stored));
        assertThat(read).isEqualTo(payloads.message(stored).getMetaData()).containsEntry("traceId", "t-1")
                .containsEntry("attempt", 2);
        assertThat(payloads.metaData(stored(new UserRegistered(ANN, "ann", "Ann", AT)))).isEmpty();
    }

    private static StoredEvent stored(Object event) {
        SerializedObject<byte[]> payload = EventJson.serializer().serialize(event, byte[].class);
        return new StoredEvent(1, UUID.randomUUID().toString(), GROUP.toString(), 0, "GroupChat", AT,
                payload.getType().getName(), payload.getType().getRevision(), payload.getData(), metadata());
    }

    private static byte[] metadata() {
        return EventJson.serializer().serialize(MetaData.emptyInstance(), byte[].class).getData();
    }
}
