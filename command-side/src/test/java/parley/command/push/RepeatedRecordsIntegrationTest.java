package parley.command.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.cloudevents.ChatEventTypes;
import parley.command.CommandSideApplication;
import parley.command.testing.KafkaListeners;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.SharedKafka;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.local.Patience;

/**
 * Issue 16, CPU starvation: a benchmark on a starved machine pushed 1,488 messages twice to the same
 * session. The stream repeats records, and a starved node makes it repeat them: the publisher's wait
 * for Kafka's acknowledgements times out although the records are (or are about to be) stored, the
 * batch is published again from the event store, and live push pushed every copy. Here the
 * acknowledgement timeout is 1 ms, so every batch that sends anything times out exactly as a starved
 * node's does, on a real broker and database.
 *
 * <p>Each test ends with a marker message in the same chat (so on the same partition, behind every copy
 * of the earlier records) and only then counts, so no fixed wait decides whether a repeat "had time".
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Its publisher times out on every batch by design: closed after the class, not kept publishing beside later classes.
@DirtiesContext
class RepeatedRecordsIntegrationTest {

    private static final Duration WAIT = Patience.scaled(Duration.ofSeconds(60));

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "repeats");
        registry.add("parley.publisher.acknowledgement-timeout", () -> "1ms");
        // Every batch here fails once on purpose; the breaker must not turn that into seconds of waiting.
        registry.add("parley.publisher.breaker.minimum-calls", () -> "1000");
        registry.add("parley.publisher.breaker.window-size", () -> "1000");
        registry.add("parley.overload.enabled", () -> "false");
        registry.add("parley.publisher.lag-sample-interval", () -> "200ms");
        registry.add("parley.ratelimit.classes.send.limit", () -> "100000");
    }

    @LocalServerPort
    int port;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    MeterRegistry meters;

    private TestUser alice;
    private TestUser bob;

    @BeforeEach
    void users() {
        KafkaListeners.awaitAssignment(listeners);
        ParleyHttp http = new ParleyHttp("http://127.0.0.1:" + port);
        alice = http.registerAndLogin("alice");
        bob = http.registerAndLogin("bob");
    }

    @Test
    void batchesRetriedAfterLateAcknowledgementsPushEachMessageOnceAndTheTokenMovesOn() throws Exception {
        String run = UUID.randomUUID().toString();
        try (StompTestClient aliceClient = connect(alice); StompTestClient bobClient = connect(bob)) {
            for (int i = 1; i <= 5; i++) {
                accepted(aliceClient, run + "-" + i);
            }
            // A retry after the timeout found the records stored and did not send them again.
            await().atMost(WAIT).until(() -> meters.get("parley.publisher.republish.skipped").counter().count() > 0);
            long markerSeq = accepted(aliceClient, run + "-marker").path("seq").asLong();

            List<Long> seqs = pushedUntil(bobClient, run, markerSeq);
            assertThat(seqs).as("each message pushed to bob's session once, in order").doesNotHaveDuplicates().isSorted()
                    .hasSize(6);
            // Every batch's retry completed it: the publisher's token reached the store's head.
            await().atMost(WAIT).until(() -> meters.get("parley.publisher.lag.events").gauge().value() == 0);
        }
    }

    @Test
    void aRecordTheTopicRepeatsIsPushedOnce() throws Exception {
        String run = UUID.randomUUID().toString();
        try (StompTestClient aliceClient = connect(alice); StompTestClient bobClient = connect(bob)) {
            accepted(aliceClient, run + "-1");
            assertThat(bobClient.nextEvent(WAIT, event -> (run + "-1").equals(event.path("clientMessageId").asText())))
                    .as("the first copy is pushed").isNotNull();

            ConsumerRecord<String, String> original = recordOf(run + "-1");
            try (KafkaProducer<String, String> producer = producer()) {
                producer.send(new ProducerRecord<>(ChatEventTypes.TOPIC, original.key(), original.value())).get();
            }
            long markerSeq = accepted(aliceClient, run + "-marker").path("seq").asLong();

            List<Long> seqs = pushedUntil(bobClient, run, markerSeq);
            assertThat(seqs).as("the repeated record is not pushed again: only the marker follows").containsExactly(markerSeq);
            assertThat(meters.get(LivePush.SKIPPED).tag("reason", "duplicate").counter().count()).isPositive();
        }
    }

    private StompTestClient connect(TestUser user) throws Exception {
        return StompTestClient.connect("ws://127.0.0.1:" + port + "/ws", user.accessToken());
    }

    private JsonNode accepted(StompTestClient client, String clientMessageId) throws InterruptedException {
        client.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", clientMessageId,
                "envelope", Map.of("text", clientMessageId)));
        JsonNode reply = client.nextReply(WAIT);
        assertThat(reply).as("a reply to " + clientMessageId).isNotNull();
        assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("MessageAccepted");
        return reply;
    }

    /** The seqs of this run's messages pushed to the client, up to and including the marker's. */
    private static List<Long> pushedUntil(StompTestClient client, String run, long markerSeq) throws InterruptedException {
        List<Long> seqs = new ArrayList<>();
        while (true) {
            JsonNode event = client.nextEvent(WAIT, e -> "MessageReceived".equals(e.path("type").asText())
                    && e.path("clientMessageId").asText().startsWith(run));
            assertThat(event).as("pushes up to the marker (seq %d); so far %s", markerSeq, seqs).isNotNull();
            seqs.add(event.path("seq").asLong());
            if (event.path("seq").asLong() == markerSeq) {
                return seqs;
            }
        }
    }

    /** The record the publisher wrote for the message with this clientMessageId. */
    private static ConsumerRecord<String, String> recordOf(String clientMessageId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(ChatEventTypes.TOPIC).stream()
                    .map((PartitionInfo info) -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().contains("\"" + clientMessageId + "\"")) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record of " + clientMessageId + " in " + ChatEventTypes.TOPIC);
    }

    private static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }
}
