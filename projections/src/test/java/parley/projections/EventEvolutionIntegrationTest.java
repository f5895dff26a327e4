package parley.projections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.Ids;
import parley.api.cloudevents.ChatEventTypes;
import parley.api.cloudevents.CloudEvent;
import parley.api.group.GroupCreated;
import parley.api.group.GroupRenamed;
import parley.api.group.GroupRole;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.local.LocalKafka;
import parley.local.TestDatabase;
import parley.projections.testing.KafkaProbe;

/**
 * Issue 13, schema evolution, as the projections meet it on a real broker during a rolling upgrade:
 * a type of a newer release is skipped and counted (never dead-lettered, and the records behind it
 * are projected), fields and CloudEvents attributes this version does not know are ignored, and a
 * {@code MemberRemoved} of revision 1 (published by a node of the previous release) still projects.
 */
@SpringBootTest(classes = ProjectionsApplication.class)
class EventEvolutionIntegrationTest {

    private static final LocalKafka KAFKA = LocalKafka.temporary().start();
    private static final KafkaProbe PROBE = new KafkaProbe(KAFKA.bootstrapServers());
    private static final String GROUP_ID = "parley-projections-evolution";
    private static final String NEWER_TYPE = "parley.group.GroupPinnedMessage.v1";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static JdbcClient jdbc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.create("evolution");
        database.springProperties().forEach((name, value) -> registry.add(name, () -> value));
        jdbc = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                database.jdbcUrl(), database.username(), database.password()));
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("parley.projections.group-id", () -> GROUP_ID);
    }

    @AfterAll
    static void stop() {
        KAFKA.stop();
    }

    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    MeterRegistry meters;

    private final UUID group = Ids.uuid7();
    private final UUID owner = Ids.uuid7();
    private final UUID bob = Ids.uuid7();
    private final UUID carol = Ids.uuid7();

    @Test
    void aNewerReleasesTypeIsSkippedAndCountedUnknownFieldsAreIgnoredAndRevisionOneStillProjects() throws Exception {
        double deadLetteredBefore = count("parley.projections.dead.lettered", null);
        ObjectNode pinned = objectMapper.createObjectNode().put("groupId", group.toString()).put("seq", 1);
        ObjectNode renamedWithAFutureField = objectMapper.valueToTree(new GroupRenamed(group, "Crew", owner, NOW));
        renamedWithAFutureField.put("topic", "a field of a later revision");
        ObjectNode bobRemovedAsRevisionOne = objectMapper.createObjectNode().put("groupId", group.toString())
                .put("userId", bob.toString()).put("removedBy", owner.toString()).put("removedAt", NOW.toString());

        List<RecordMetadata> landed = PROBE.produce(List.of(
                record(ChatEventTypes.typeOf(GroupCreated.class).orElseThrow(),
                        objectMapper.valueToTree(new GroupCreated(group, "Team", owner, NOW)), 0, false),
                record(ChatEventTypes.typeOf(MemberAdded.class).orElseThrow(),
                        objectMapper.valueToTree(new MemberAdded(group, owner, GroupRole.OWNER, owner, 0, NOW)), 1, false),
                record(ChatEventTypes.typeOf(MemberAdded.class).orElseThrow(),
                        objectMapper.valueToTree(new MemberAdded(group, bob, GroupRole.MEMBER, owner, 0, NOW)), 2, false),
                record(ChatEventTypes.typeOf(MemberAdded.class).orElseThrow(),
                        objectMapper.valueToTree(new MemberAdded(group, carol, GroupRole.MEMBER, owner, 0, NOW)), 3, false),
                record(NEWER_TYPE, pinned, 4, true),
                record(ChatEventTypes.typeOf(GroupRenamed.class).orElseThrow(), renamedWithAFutureField, 5, true),
                previousRelease(record(ChatEventTypes.typeOf(MemberRemoved.class).orElseThrow(), bobRemovedAsRevisionOne, 6, false)),
                record(ChatEventTypes.typeOf(MemberRemoved.class).orElseThrow(),
                        objectMapper.valueToTree(MemberRemoved.left(group, carol, NOW)), 7, false)));
        PROBE.awaitConsumed(GROUP_ID, landed);

        assertThat(jdbc.sql("SELECT name FROM group_chats WHERE group_id = :g").param("g", group).query(String.class).single())
                .as("renamed, the unknown field ignored").isEqualTo("Crew");
        assertThat(jdbc.sql("SELECT user_id FROM group_members WHERE group_id = :g").param("g", group).query(UUID.class).list())
                .as("bob removed by a revision-1 event, carol left by a revision-2 one").containsExactly(owner);
        assertThat(jdbc.sql("SELECT members_count FROM group_chats WHERE group_id = :g").param("g", group)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(count(ChatEventTypes.UNKNOWN_TYPE_COUNTER, NEWER_TYPE)).as("the newer type, counted once").isEqualTo(1.0);
        assertThat(count("parley.projections.dead.lettered", null)).as("nothing dead-lettered").isEqualTo(deadLetteredBefore);
    }

    /** A record as a producer of {@code type} writes it; {@code extension} adds a CloudEvents attribute this version does not know. */
    private ProducerRecord<String, String> record(String type, ObjectNode data, long sequence, boolean extension)
            throws Exception {
        String dataSchema = ChatEventTypes.payloadClass(type).isPresent() ? ChatEventTypes.dataSchema(type) : null;
        ObjectNode event = objectMapper.valueToTree(new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(),
                "/test", type, NOW, group.toString(), CloudEvent.JSON, dataSchema, sequence, data));
        if (extension) {
            event.put("parleyfutureattribute", "x");
        }
        return new ProducerRecord<>(ChatEventTypes.TOPIC, group.toString(), objectMapper.writeValueAsString(event));
    }

    /** The previous release published no {@code dataschema}: its data is revision 1. */
    private ProducerRecord<String, String> previousRelease(ProducerRecord<String, String> record) throws Exception {
        ObjectNode event = (ObjectNode) objectMapper.readTree(record.value());
        event.remove("dataschema");
        return new ProducerRecord<>(record.topic(), record.key(), objectMapper.writeValueAsString(event));
    }

    private double count(String name, String type) {
        return meters.find(name).tags(type == null ? new String[0] : new String[] {"consumer", "projections", "type", type})
                .counters().stream().mapToDouble(Counter::count).sum();
    }
}
