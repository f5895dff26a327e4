package parley.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.Envelope;
import parley.api.Ids;
import parley.api.cloudevents.ChatEventTypes;
import parley.api.cloudevents.CloudEvent;
import parley.api.device.DeviceKeysPublished;
import parley.api.device.DeviceRevoked;
import parley.api.privatechat.PrivateChatStarted;
import parley.api.privatechat.PrivateMessageSent;
import parley.api.user.UserRegistered;
import parley.local.LocalKafka;
import parley.local.TestDatabase;
import parley.projections.testing.KafkaProbe;

/** The projections service alone, fed real records through a real broker into the real PostgreSQL. */
// A real port: deployed alone (ops/k8s), the service is probed over HTTP on its health groups.
@SpringBootTest(classes = ProjectionsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectionsIntegrationTest {

    private static final LocalKafka KAFKA = LocalKafka.temporary().start();
    private static final KafkaProbe PROBE = new KafkaProbe(KAFKA.bootstrapServers());
    private static final String GROUP_ID = "parley-projections";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY_A = "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo";
    private static final String KEY_B = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private static final String KEY_C = "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.create("projections");
        database.springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("parley.projections.group-id", () -> GROUP_ID);
    }

    @AfterAll
    static void stopKafka() {
        KAFKA.stop();
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper objectMapper;
    @LocalServerPort
    int port;

    private final UUID alice = Ids.uuid7();
    private final UUID bob = Ids.uuid7();
    private final UUID chat = Ids.privateChatId(alice, bob);

    @Test
    void itAnswersKubernetesLivenessAndReadinessProbes() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String group : List.of("liveness", "readiness")) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/" + group)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(group).isEqualTo(200);
            assertThat(objectMapper.readTree(response.body()).path("status").asText()).as(group).isEqualTo("UP");
        }
    }

    @Test
    void eventsBuildTheReadTablesAndRedeliveryChangesNothing() throws Exception {
        List<ProducerRecord<String, String>> records = List.of(
                record(alice.toString(), new UserRegistered(alice, "alice-" + alice, "Alice", NOW), 0),
                record(chat.toString(), new PrivateChatStarted(chat, low(), high(), NOW), 0),
                record(chat.toString(), message(1), 1),
                record(chat.toString(), message(2), 2),
                record(chat.toString(), message(3), 3));
        produce(records);

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM messages WHERE chat_id = :id") == 3);
        assertThat(lastSeq()).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM users WHERE user_id = :alice")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT envelope::text FROM messages WHERE chat_id = :id AND seq = 2").param("id", chat)
                .query(String.class).single()).isEqualTo("{\"text\":\"message 2\",\"n\":2}");

        awaitConsumed(produce(List.of(records.get(3), records.get(2), records.get(1), records.get(0))));

        assertThat(count("SELECT count(*) FROM messages WHERE chat_id = :id")).isEqualTo(3);
        assertThat(lastSeq()).as("an older event does not move last_seq back").isEqualTo(3);
        assertNothingDeadLettered(chat.toString(), alice.toString());
    }

    @Test
    void deviceKeysBuildUserDevicesAndRedeliveryChangesNothing() throws Exception {
        String user = alice.toString();
        Instant later = NOW.plusSeconds(60);
        List<ProducerRecord<String, String>> records = List.of(
                record(user, new DeviceKeysPublished(alice, "phone", KEY_A, KEY_B, NOW), 1),
                record(user, new DeviceKeysPublished(alice, "laptop", KEY_A, KEY_B, NOW.plusSeconds(1)), 2),
                record(user, new DeviceKeysPublished(alice, "phone", KEY_C, KEY_B, later), 3),
                record(user, new DeviceRevoked(alice, "laptop", later), 4));
        produce(records);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM user_devices WHERE user_id = :alice AND revoked_at IS NOT NULL") == 1);
        List<String> expected = List.of(
                "laptop " + KEY_A + " " + NOW.plusSeconds(1) + " revoked", "phone " + KEY_C + " " + NOW + " current");
        assertThat(devices()).isEqualTo(expected);

        awaitConsumed(produce(List.of(records.get(3), records.get(2), records.get(1), records.get(0))));
        assertThat(devices()).as("older key changes, redelivered last, leave the devices as they were").isEqualTo(expected);

        awaitConsumed(produce(records));
        assertThat(devices()).as("a redelivered key change leaves the devices as they were").isEqualTo(expected);
        assertNothingDeadLettered(alice.toString());
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAndTheStreamMovesOn() throws Exception {
        produce(List.of(new ProducerRecord<>(ChatEventTypes.TOPIC, chat.toString(), "{this is not a cloud event"),
                record(chat.toString(), new PrivateChatStarted(chat, low(), high(), NOW), 0),
                record(chat.toString(), message(1), 1)));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM messages WHERE chat_id = :id") == 1);
        assertThat(deadLetters()).contains("{this is not a cloud event");
    }

    private ProducerRecord<String, String> record(String key, Object payload, long sequence) throws Exception {
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), "/test",
                ChatEventTypes.typeOf(payload.getClass()).orElseThrow(), NOW, key, CloudEvent.JSON, null, sequence,
                objectMapper.valueToTree(payload));
        return new ProducerRecord<>(ChatEventTypes.TOPIC, key, objectMapper.writeValueAsString(event));
    }

    private PrivateMessageSent message(long seq) {
        return new PrivateMessageSent(chat, Ids.uuid7(), seq, alice, bob, "c-" + seq,
                new Envelope("{\"text\":\"message " + seq + "\",\"n\":" + seq + "}"), NOW.plusSeconds(seq));
    }

    private UUID low() {
        return alice.compareTo(bob) < 0 ? alice : bob;
    }

    private UUID high() {
        return alice.compareTo(bob) < 0 ? bob : alice;
    }

    /**
     * Waits until the projections' consumer group has committed past every one of {@code landed} on
     * its own partition (the offset is committed only after the record's writes committed). A marker
     * record would not do: on another partition it can be applied before the records it should follow.
     */
    private void awaitConsumed(List<RecordMetadata> landed) {
        PROBE.awaitConsumed(GROUP_ID, landed);
    }

    /** A redelivered record is applied (as nothing), not set aside as one that failed. */
    private static void assertNothingDeadLettered(String... keys) {
        assertThat(PROBE.readAll("parley.chat-events.dlt")).extracting(r -> r.key()).doesNotContain(keys);
    }

    private List<String> devices() {
        return jdbc.sql("""
                SELECT device_id, agreement_key, created_at, revoked_at FROM user_devices
                WHERE user_id = :alice ORDER BY device_id""")
                .param("alice", alice)
                .query((rs, n) -> rs.getString("device_id") + " " + rs.getString("agreement_key") + " "
                        + rs.getTimestamp("created_at").toInstant() + (rs.getTimestamp("revoked_at") == null ? " current" : " revoked"))
                .list();
    }

    private long count(String sql) {
        return jdbc.sql(sql).params(Map.of("id", chat, "alice", alice)).query(Long.class).single();
    }

    private long lastSeq() {
        return jdbc.sql("SELECT last_seq FROM private_chats WHERE chat_id = :id").param("id", chat).query(Long.class).single();
    }

    private static List<RecordMetadata> produce(List<ProducerRecord<String, String>> records) throws Exception {
        return PROBE.produce(records);
    }

    private static List<String> deadLetters() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("parley.chat-events.dlt"));
            List<String> values = new java.util.ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return !values.isEmpty();
            });
            return values;
        }
    }
}
