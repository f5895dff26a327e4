package parley.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.EventJson;
import parley.api.Ids;
import parley.api.cloudevents.ChatEventTypes;
import parley.api.cloudevents.CloudEvent;
import parley.api.group.GroupCommands.AddMember;
import parley.api.group.GroupCommands.LeaveGroup;
import parley.api.group.GroupCommands.RemoveMember;
import parley.api.group.GroupCreated;
import parley.api.group.GroupRenamed;
import parley.api.group.GroupRole;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.command.chat.membership.ChatDirectory;
import parley.command.testing.KafkaListeners;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.SharedKafka;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.local.Patience;

/**
 * Issue 13, schema evolution on the command side, against the real PostgreSQL event store and a real
 * broker. A group's history written by the previous release (rows without a revision, its
 * {@code MemberRemoved} without {@code reason}, inserted the way Axon's JDBC storage engine writes
 * them) is followed by revision-2 events from commands: the aggregate loads the mixed stream and
 * decides on it (a revision-1 leave is remembered), and the Kafka publisher (a tracking processor reading the store
 * through {@link EventJson#upcasters()}) publishes every {@code MemberRemoved} as revision 2. Live
 * push skips and counts a type this version does not know and ignores fields it does not know.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventRevisionsIntegrationTest {

    private static final Duration WAIT = Patience.scaled(Duration.ofSeconds(20));
    private static final Instant THEN = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "revisions");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    ChatDirectory chats;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    MeterRegistry meters;

    @Test
    void aStoreMixingRevisionsOneAndTwoLoadsReplaysAndPublishesRevisionTwo() throws Exception {
        ParleyHttp http = new ParleyHttp("http://127.0.0.1:" + port);
        TestUser owner = http.registerAndLogin("owner");
        UUID bob = http.registerAndLogin("bob").userId();
        UUID carol = http.registerAndLogin("carol").userId();
        UUID dave = http.registerAndLogin("dave").userId();
        UUID group = Ids.uuid7();

        // The previous release's rows: no revision anywhere, MemberRemoved in its revision-1 form.
        storeAsThePreviousRelease(group, 0, new GroupCreated(group, "Team", owner.userId(), THEN));
        storeAsThePreviousRelease(group, 1, new MemberAdded(group, owner.userId(), GroupRole.OWNER, owner.userId(), 0, THEN));
        storeAsThePreviousRelease(group, 2, new MemberAdded(group, bob, GroupRole.MEMBER, owner.userId(), 0, THEN));
        storeAsThePreviousRelease(group, 3, new MemberAdded(group, carol, GroupRole.MEMBER, owner.userId(), 0, THEN));
        storeAsThePreviousRelease(group, 4, new MemberAdded(group, dave, GroupRole.MEMBER, owner.userId(), 0, THEN));
        storeRevisionOneRemoval(group, 5, bob, owner.userId());
        storeRevisionOneRemoval(group, 6, carol, carol);
        // ... and what its synchronous membership view had written from them.
        jdbc.sql("INSERT INTO chat_heads (chat_id, chat_type) VALUES (:g, 'GROUP')").param("g", group).update();
        for (UUID member : List.of(owner.userId(), dave)) {
            jdbc.sql("INSERT INTO chat_members (chat_id, user_id) VALUES (:g, :u)").param("g", group).param("u", member).update();
        }

        // This release's commands on top: the aggregate is sourced from the mixed stream.
        commands.sendAndWait(new RemoveMember(group, owner.userId(), dave));
        commands.sendAndWait(new LeaveGroup(group, carol)); // gone already (a revision-1 leave): nothing happens
        commands.sendAndWait(new AddMember(group, owner.userId(), bob));

        assertThat(jdbc.sql("SELECT payloadrevision FROM domainevententry WHERE aggregateidentifier = :g ORDER BY sequencenumber")
                .param("g", group.toString()).query(String.class).list())
                .as("stored revisions").containsExactly(null, null, null, null, null, null, null, "2", "1");

        await().atMost(WAIT).untilAsserted(() -> assertThat(chats.members(group))
                .as("the membership view after revision-2 events on top of revision-1 ones").containsExactlyInAnyOrder(owner.userId(), bob));

        List<JsonNode> published = chatRecords(group.toString(), 9).stream().map(r -> readTree(r.value())).toList();
        List<JsonNode> removals = published.stream()
                .filter(e -> e.path("type").asText().equals(ChatEventTypes.typeOf(MemberRemoved.class).orElseThrow())).toList();
        assertThat(removals).extracting(e -> e.path("data").path("userId").asText() + " " + e.path("data").path("reason").asText())
                .containsExactly(bob + " REMOVED", carol + " LEFT", dave + " REMOVED");
        assertThat(removals).extracting(e -> e.path("dataschema").asText())
                .containsOnly("urn:parley:schema:parley.group.MemberRemoved.v1.rev2");
        assertThat(published).allSatisfy(e -> assertThat(e.path("dataschema").asText())
                .isEqualTo(ChatEventTypes.dataSchema(e.path("type").asText())));
    }

    @Test
    void livePushSkipsAndCountsAnUnknownTypeAndIgnoresUnknownFields() throws Exception {
        KafkaListeners.awaitAssignment(listeners);
        ParleyHttp http = new ParleyHttp("http://127.0.0.1:" + port);
        TestUser owner = http.registerAndLogin("pusher");
        UUID group = Ids.uuid7();
        commands.sendAndWait(new parley.api.group.GroupCommands.CreateGroup(group, owner.userId(), "Team", List.of()));
        await().atMost(WAIT).until(() -> chats.members(group).contains(owner.userId()));
        String newerType = "parley.group.GroupTopicSet.v1";
        ObjectNode renamed = objectMapper.valueToTree(new GroupRenamed(group, "Crew", owner.userId(), Instant.now()));
        renamed.put("topic", "a field of a later revision");

        try (StompTestClient client = StompTestClient.connect("ws://127.0.0.1:" + port + "/ws", owner.accessToken())) {
            produce(group, newerType, objectMapper.createObjectNode().put("groupId", group.toString()).put("topic", "x"));
            produce(group, ChatEventTypes.typeOf(GroupRenamed.class).orElseThrow(), renamed);

            JsonNode pushed = client.nextEvent(WAIT, e -> "GroupRenamed".equals(e.path("type").asText()));
            assertThat(pushed).as("the known event behind the unknown one, unknown field and all, pushed").isNotNull();
            assertThat(pushed.path("name").asText()).isEqualTo("Crew");
        }
        assertThat(meters.get(ChatEventTypes.UNKNOWN_TYPE_COUNTER).tag("consumer", "live-push").tag("type", newerType)
                .counter().count()).isEqualTo(1.0);
    }

    /** Bytes, type and (no) revision as the previous release's JdbcEventStorageEngine wrote them. */
    private void storeAsThePreviousRelease(UUID group, long sequence, Object event) {
        byte[] payload = EventJson.serializer().serialize(event, byte[].class).getData();
        insert(group, sequence, event.getClass().getName(), payload);
    }

    private void storeRevisionOneRemoval(UUID group, long sequence, UUID userId, UUID removedBy) {
        String v1 = "{\"groupId\":\"" + group + "\",\"userId\":\"" + userId + "\",\"removedBy\":\"" + removedBy
                + "\",\"removedAt\":\"" + THEN + "\"}";
        insert(group, sequence, MemberRemoved.class.getName(), v1.getBytes(StandardCharsets.UTF_8));
    }

    private void insert(UUID group, long sequence, String payloadType, byte[] payload) {
        jdbc.sql("""
                INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                    payloadtype, payloadrevision, payload, metadata)
                VALUES (:id, :aggregate, :seq, 'GroupChat', :at, :payloadType, NULL, :payload, :metadata)""")
                .param("id", UUID.randomUUID().toString()).param("aggregate", group.toString()).param("seq", sequence)
                .param("at", THEN.toString()).param("payloadType", payloadType).param("payload", payload)
                .param("metadata", "{}".getBytes(StandardCharsets.UTF_8))
                .update();
    }

    private void produce(UUID group, String type, ObjectNode data) throws Exception {
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), "/test", type, Instant.now(),
                group.toString(), CloudEvent.JSON, null, 99L, data);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedKafka.get().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(ChatEventTypes.TOPIC, group.toString(), objectMapper.writeValueAsString(event))).get();
        }
    }

    private List<ConsumerRecord<String, String>> chatRecords(String key, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(ChatEventTypes.TOPIC));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return found.size() >= expected;
            });
        }
        return found;
    }

    private JsonNode readTree(String json) {
        try {
            return objectMapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
