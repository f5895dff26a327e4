package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.EventJson;
import parley.api.Ids;
import parley.api.cloudevents.ChatEventTypes;
import parley.api.group.GroupCreated;
import parley.api.group.GroupRole;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.command.testing.PlatformProperties;
import parley.command.testing.SharedKafka;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/**
 * Issue 13, acceptance 3, end to end on the running platform:
 *
 * <ol>
 *   <li>a store that mixes revisions: a group's history as the previous release stored it (no
 *       revisions, {@code MemberRemoved} without {@code reason}) with this release's events on top
 *       replays, through the Kafka publisher and the upcasters, to correct read tables;
 *   <li>every record on the topic, everything this JVM's end-to-end tests published before this one
 *       and this test's own scenario (private chat, group chat, receipts, edits, redactions, devices:
 *       every event type), is valid against the JSON Schema its {@code dataschema} names, as
 *       published by {@code events-schema}.
 * </ol>
 */
@PlatformTest
class EventSchemasEndToEndTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final String KEY_A = "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo";
    private static final String KEY_B = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "e2e-schemas");
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void aStoreMixingRevisionsReplaysToCorrectReadTables() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        UUID bob = http.registerAndLogin("bob").userId();
        UUID carol = http.registerAndLogin("carol").userId();
        UUID dave = http.registerAndLogin("dave").userId();
        UUID group = Ids.uuid7();
        Instant then = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);

        PreviousRelease store = new PreviousRelease(jdbc, group, then);
        store.event(new GroupCreated(group, "Old team", alice.userId(), then));
        for (UUID member : List.of(alice.userId(), bob, carol, dave)) {
            store.event(new MemberAdded(group, member, member.equals(alice.userId()) ? GroupRole.OWNER : GroupRole.MEMBER,
                    alice.userId(), 0, then));
        }
        store.removal(carol, alice.userId());
        store.removal(dave, dave);
        store.membershipView(List.of(alice.userId(), bob));

        try (StompTestClient owner = StompTestClient.connect(wsUrl(), alice.accessToken())) {
            owner.send("/app/group.addMember", Map.of("groupId", group.toString(), "userId", carol.toString()));
            assertThat(owner.nextReply(WAIT).path("type").asText()).as("a command on the mixed stream").isEqualTo("CommandAccepted");
        }

        // Awaited to the exact set: on the way there the group also has three members (dave not yet gone).
        Set<String> expected = Set.of(alice.userId().toString(), bob.toString(), carol.toString());
        JsonNode read = await().atMost(WAIT).until(() -> http.get("/api/groups/" + group, alice.accessToken()).body(),
                body -> body != null && memberIds(body).equals(expected));
        assertThat(read.path("membersCount").asInt()).isEqualTo(3);
        List<JsonNode> removals = published(group.toString(), "parley.group.MemberRemoved.v1", 2);
        assertThat(removals).extracting(e -> e.path("data").path("userId").asText() + " " + e.path("data").path("reason").asText())
                .containsExactly(carol + " REMOVED", dave + " LEFT");
    }

    @Test
    void everyRecordOnTheTopicIsValidInTheSchemaItNames() throws Exception {
        everyEventType();

        Map<String, Schema> schemas = new HashMap<>();
        List<String> invalid = new ArrayList<>();
        TreeSet<String> typesSeen = new TreeSet<>();
        List<ConsumerRecord<String, String>> records = wholeTopic();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event = JSON.readTree(record.value());
            String where = record.partition() + "@" + record.offset() + " " + event.path("type").asText();
            String dataSchema = event.path("dataschema").asText(null);
            if (dataSchema == null) {
                invalid.add(where + ": no dataschema");
                continue;
            }
            Schema schema = schemas.computeIfAbsent(dataSchema, EventSchemasEndToEndTest::schema);
            schema.validate(event).forEach(error -> invalid.add(where + ": " + error.getMessage()));
            typesSeen.add(event.path("type").asText());
        }

        assertThat(invalid).as("records that do not match their schema, of %d", records.size()).isEmpty();
        assertThat(typesSeen).as("every type was published and checked").containsAll(ChatEventTypes.all());
    }

    private static Set<String> memberIds(JsonNode group) {
        Set<String> ids = new HashSet<>();
        group.path("members").forEach(member -> ids.add(member.path("userId").asText()));
        return ids;
    }

    /** Private chat, group chat, receipts, edits, redactions, membership and devices through the public protocol. */
    private void everyEventType() throws Exception {
        TestUser ann = http.registerAndLogin("ann");
        TestUser ben = http.registerAndLogin("ben");
        TestUser cy = http.registerAndLogin("cy");
        try (StompTestClient a = StompTestClient.connect(wsUrl(), ann.accessToken());
                StompTestClient b = StompTestClient.connect(wsUrl(), ben.accessToken())) {
            a.send("/app/private.send", Map.of("peerId", ben.userId().toString(), "clientMessageId", "p-1",
                    "envelope", Map.of("text", "hello")));
            String chat = accepted(a).path("chatId").asText();
            b.send("/app/chat.read", Map.of("chatId", chat, "upToSeq", 1));
            accepted(b);
            a.send("/app/chat.edit", Map.of("chatId", chat, "seq", 1, "envelope", Map.of("text", "hello!")));
            accepted(a);
            a.send("/app/chat.redact", Map.of("chatId", chat, "seq", 1));
            accepted(a);

            a.send("/app/group.create", Map.of("name", "Crew", "memberIds", List.of(ben.userId().toString())));
            String group = accepted(a).path("groupId").asText();
            a.send("/app/group.send", Map.of("groupId", group, "clientMessageId", "g-1", "envelope", Map.of("text", "hi")));
            accepted(a);
            a.send("/app/group.rename", Map.of("groupId", group, "name", "Crew 2"));
            accepted(a);
            a.send("/app/group.setRole", Map.of("groupId", group, "userId", ben.userId().toString(), "role", "ADMIN"));
            accepted(a);
            a.send("/app/group.addMember", Map.of("groupId", group, "userId", cy.userId().toString()));
            accepted(a);
            a.send("/app/group.removeMember", Map.of("groupId", group, "userId", cy.userId().toString()));
            accepted(a);
            b.send("/app/group.leave", Map.of("groupId", group));
            accepted(b);
        }
        assertThat(http.put("/api/devices/laptop", Map.of("agreementKey", KEY_A, "signingKey", KEY_B), ann.accessToken()).status())
                .isEqualTo(201);
        assertThat(http.delete("/api/devices/laptop", ann.accessToken()).status()).isEqualTo(204);
        // The last of them on the topic: the publisher has caught up with the scenario.
        published(ann.userId().toString(), "parley.device.DeviceRevoked.v1", 1);
    }

    private static JsonNode accepted(StompTestClient client) throws InterruptedException {
        JsonNode reply = client.nextReply(WAIT);
        assertThat(reply).as("a reply").isNotNull();
        assertThat(reply.path("type").asText()).as("reply %s", reply).isNotEqualTo("CommandRejected");
        return reply;
    }

    private static Schema schema(String dataSchema) {
        try (InputStream in = EventSchemasEndToEndTest.class.getClassLoader()
                .getResourceAsStream(ChatEventTypes.schemaResource(dataSchema))) {
            if (in == null) {
                throw new AssertionError("no published schema for dataschema " + dataSchema);
            }
            return SCHEMAS.getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for {@code count} records of {@code type} under {@code key}. */
    private static List<JsonNode> published(String key, String type, int count) {
        return await().atMost(WAIT).until(() -> wholeTopic().stream().filter(r -> key.equals(r.key()))
                .map(r -> readTree(r.value())).filter(e -> type.equals(e.path("type").asText())).toList(),
                found -> found.size() >= count);
    }

    /** Every record of the topic, from the beginning of each partition to its end. */
    private static List<ConsumerRecord<String, String>> wholeTopic() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(ChatEventTypes.TOPIC).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return records;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of one group as the previous release's JdbcEventStorageEngine and membership view wrote them. */
    private static final class PreviousRelease {

        private final JdbcClient jdbc;
        private final UUID group;
        private final Instant at;
        private long sequence;

        PreviousRelease(JdbcClient jdbc, UUID group, Instant at) {
            this.jdbc = jdbc;
            this.group = group;
            this.at = at;
        }

        /** An event whose form has not changed: this release's bytes, but no revision. */
        void event(Object event) {
            row(event.getClass().getName(), EventJson.serializer().serialize(event, byte[].class).getData());
        }

        /** {@code MemberRemoved} revision 1: no {@code reason}. */
        void removal(UUID userId, UUID removedBy) {
            row(MemberRemoved.class.getName(), ("{\"groupId\":\"" + group + "\",\"userId\":\"" + userId + "\",\"removedBy\":\""
                    + removedBy + "\",\"removedAt\":\"" + at + "\"}").getBytes(StandardCharsets.UTF_8));
        }

        /** The command side's membership view, written in the same transactions as the events. */
        void membershipView(List<UUID> members) {
            jdbc.sql("INSERT INTO chat_heads (chat_id, chat_type) VALUES (:g, 'GROUP')").param("g", group).update();
            for (UUID member : members) {
                jdbc.sql("INSERT INTO chat_members (chat_id, user_id) VALUES (:g, :u)").param("g", group).param("u", member).update();
            }
        }

        private void row(String payloadType, byte[] payload) {
            jdbc.sql("""
                    INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                        payloadtype, payloadrevision, payload, metadata)
                    VALUES (:id, :aggregate, :seq, 'GroupChat', :at, :payloadType, NULL, :payload, :metadata)""")
                    .param("id", UUID.randomUUID().toString()).param("aggregate", group.toString()).param("seq", sequence++)
                    .param("at", at.toString()).param("payloadType", payloadType).param("payload", payload)
                    .param("metadata", "{}".getBytes(StandardCharsets.UTF_8))
                    .update();
        }
    }
}
