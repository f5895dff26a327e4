package parley.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.Envelope;
import parley.api.Ids;
import parley.api.cloudevents.ChatEventTypes;
import parley.api.cloudevents.CloudEvent;
import parley.api.privatechat.PrivateChatStarted;
import parley.api.privatechat.PrivateMessageSent;
import parley.local.LocalKafka;
import parley.local.TestDatabase;
import parley.projections.testing.KafkaProbe;
import parley.projections.testing.TcpGate;

/**
 * Issue 12, point 2: no single record stalls a projection. A record PostgreSQL refuses goes to the
 * dead-letter topic after a bounded number of tries and the records behind it on its partition are
 * projected; a record that fails because the database is unreachable is retried until it is back,
 * never dead-lettered. Real broker, real PostgreSQL; the outage is a cut network (the database is
 * reached through a {@link TcpGate}), not a simulated exception.
 */
@SpringBootTest(classes = ProjectionsApplication.class)
class PoisonRecordIntegrationTest {

    private static final LocalKafka KAFKA = LocalKafka.temporary().start();
    private static final KafkaProbe PROBE = new KafkaProbe(KAFKA.bootstrapServers());
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int DATA_ERROR_ATTEMPTS = 3;
    private static final String GROUP_ID = "parley-projections-poison";
    private static final String DEAD_LETTER_TOPIC = "parley.chat-events.dlt";
    private static final String MESSAGE_SENT = ChatEventTypes.typeOf(PrivateMessageSent.class).orElseThrow();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static TcpGate databaseGate;
    /** The test's own way to the database, around the gate. */
    private static JdbcClient jdbc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.create("poison");
        jdbc = JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
        URI direct = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        databaseGate = new TcpGate(direct.getHost(), direct.getPort());
        String gated = "jdbc:postgresql://127.0.0.1:" + databaseGate.port() + direct.getRawPath()
                + (direct.getRawQuery() == null ? "" : "?" + direct.getRawQuery());
        database.springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.datasource.url", () -> gated);
        // While the gate is shut a try fails after this long instead of Hikari's 30 s default.
        registry.add("spring.datasource.hikari.connection-timeout", () -> "500");
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("parley.projections.group-id", () -> GROUP_ID);
        registry.add("parley.projections.errors.data-error-attempts", () -> DATA_ERROR_ATTEMPTS);
        registry.add("parley.projections.errors.data-error-interval", () -> "50ms");
        registry.add("parley.projections.errors.transient-max-interval", () -> "1s");
        registry.add("parley.projections.dead-letters.partitions", () -> 2);
    }

    @AfterAll
    static void stop() {
        databaseGate.close();
        KAFKA.stop();
    }

    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    MeterRegistry meters;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private final UUID alice = Ids.uuid7();
    private final UUID bob = Ids.uuid7();
    private final UUID chat = Ids.privateChatId(alice, bob);

    @Test
    void aRecordTheDatabaseRefusesIsDeadLetteredAndTheRecordsBehindItAreProjected() throws Exception {
        double deadLetteredBefore = deadLettered("data");
        ProducerRecord<String, String> poison = poisoned(message(2));
        // Paused while they are produced, so that all five reach the listener in one batch: the refused
        // record spoils the batch's transaction, and those before it must still be projected.
        MessageListenerContainer listener = listeners.getListenerContainer("parley-projections");
        listener.pause();
        await().atMost(WAIT).until(listener::isContainerPaused);
        List<RecordMetadata> landed;
        try {
            landed = PROBE.produce(List.of(
                    record(new PrivateChatStarted(chat, low(), high(), NOW), 0), record(message(1), 1),
                    poison, record(message(3), 3), record(message(4), 4)));
        } finally {
            listener.resume();
        }
        RecordMetadata poisonLanded = landed.get(2);
        assertThat(landed).extracting(RecordMetadata::partition).as("one key, one partition").containsOnly(poisonLanded.partition());

        await().atMost(WAIT).until(() -> projectedSeqs().size() == 3);
        assertThat(projectedSeqs()).as("the records behind the refused one are projected").containsExactly(1L, 3L, 4L);
        assertThat(lastSeq()).isEqualTo(4);

        List<ConsumerRecord<String, String>> deadLetters = PROBE.readAll(DEAD_LETTER_TOPIC).stream()
                .filter(r -> chat.toString().equals(r.key())).toList();
        assertThat(deadLetters).as("the refused record, once, in the dead-letter topic").hasSize(1);
        ConsumerRecord<String, String> deadLetter = deadLetters.get(0);
        assertThat(deadLetter.value()).isEqualTo(poison.value());
        assertThat(header(deadLetter, "kafka_dlt-original-partition")).isEqualTo(ByteBuffer.allocate(4).putInt(poisonLanded.partition()).array());
        assertThat(header(deadLetter, "kafka_dlt-original-offset")).isEqualTo(ByteBuffer.allocate(8).putLong(poisonLanded.offset()).array());
        assertThat(new String(header(deadLetter, "parley_dlt-reason"), StandardCharsets.UTF_8)).isEqualTo("data");
        assertThat(new String(header(deadLetter, "parley_dlt-sqlstate"), StandardCharsets.UTF_8)).as("SQLSTATE class 22").startsWith("22");

        assertThat(deadLettered("data") - deadLetteredBefore).isEqualTo(1.0);
        assertThat(failedAttempts("data")).as("tried a bounded number of times").isGreaterThanOrEqualTo(DATA_ERROR_ATTEMPTS);
    }

    @Test
    void aRecordThatFailsWhileTheDatabaseIsUnreachableIsRetriedUntilItIsBackNotDeadLettered() throws Exception {
        double deadLetteredBefore = totalDeadLettered();
        double transientBefore = failedAttempts("transient");
        databaseGate.shut();
        try {
            PROBE.produce(List.of(record(new PrivateChatStarted(chat, low(), high(), NOW), 0), record(message(1), 1)));
            // Well past the bound a data error gets: a transient failure must not count towards it.
            await().atMost(WAIT).until(() -> failedAttempts("transient") - transientBefore >= DATA_ERROR_ATTEMPTS + 3);
        } finally {
            databaseGate.open();
        }

        await().atMost(WAIT).until(() -> projectedSeqs().size() == 1);
        assertThat(totalDeadLettered()).as("nothing dead-lettered").isEqualTo(deadLetteredBefore);
        assertThat(PROBE.readAll(DEAD_LETTER_TOPIC)).noneMatch(r -> chat.toString().equals(r.key()));
    }

    @Test
    void theDeadLetterTopicHasItsConfiguredPartitionsAndKeepsItsRecords() throws Exception {
        try (Admin admin = PROBE.admin()) {
            await().atMost(WAIT).ignoreExceptions().until(() -> admin.listTopics().names().get().contains(DEAD_LETTER_TOPIC));
            TopicDescription topic = admin.describeTopics(List.of(DEAD_LETTER_TOPIC)).allTopicNames().get().get(DEAD_LETTER_TOPIC);
            assertThat(topic.partitions()).hasSize(2);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, DEAD_LETTER_TOPIC);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
            assertThat(config.get(TopicConfig.RETENTION_BYTES_CONFIG).value()).isEqualTo("-1");
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
        }
    }

    /** The message with a NUL in its clientMessageId: PostgreSQL's text types cannot hold it. */
    private ProducerRecord<String, String> poisoned(PrivateMessageSent message) throws Exception {
        CloudEvent event = cloudEvent(message, message.seq());
        ((ObjectNode) event.data()).put("clientMessageId", "c-\u0000-2");
        return new ProducerRecord<>(ChatEventTypes.TOPIC, chat.toString(), objectMapper.writeValueAsString(event));
    }

    private ProducerRecord<String, String> record(Object payload, long sequence) throws Exception {
        return new ProducerRecord<>(ChatEventTypes.TOPIC, chat.toString(), objectMapper.writeValueAsString(cloudEvent(payload, sequence)));
    }

    private CloudEvent cloudEvent(Object payload, long sequence) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), "/test",
                ChatEventTypes.typeOf(payload.getClass()).orElseThrow(), NOW, chat.toString(), CloudEvent.JSON, null, sequence,
                objectMapper.valueToTree(payload));
    }

    private PrivateMessageSent message(long seq) {
        return new PrivateMessageSent(chat, Ids.uuid7(), seq, alice, bob, "c-" + seq,
                new Envelope("{\"text\":\"message " + seq + "\"}"), NOW.plusSeconds(seq));
    }

    private UUID low() {
        return alice.compareTo(bob) < 0 ? alice : bob;
    }

    private UUID high() {
        return alice.compareTo(bob) < 0 ? bob : alice;
    }

    private List<Long> projectedSeqs() {
        return jdbc.sql("SELECT seq FROM messages WHERE chat_id = :id ORDER BY seq").param("id", chat).query(Long.class).list();
    }

    private long lastSeq() {
        return jdbc.sql("SELECT last_seq FROM private_chats WHERE chat_id = :id").param("id", chat).query(Long.class).single();
    }

    private static byte[] header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return header.value();
    }

    private double deadLettered(String reason) {
        Counter counter = meters.find("parley.projections.dead.lettered").tags("type", MESSAGE_SENT, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private double totalDeadLettered() {
        return meters.find("parley.projections.dead.lettered").counters().stream().mapToDouble(Counter::count).sum();
    }

    private double failedAttempts(String reason) {
        Counter counter = meters.find("parley.projections.failed.attempts").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
