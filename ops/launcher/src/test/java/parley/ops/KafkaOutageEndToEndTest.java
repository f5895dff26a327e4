package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.KafkaListeners;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.local.LocalKafka;

/**
 * Kafka goes away for a while: sends are still accepted and stored, the publisher's circuit breaker
 * opens (batches fail at once instead of waiting for the broker), and once Kafka is back the breaker
 * closes again and every message reaches the read tables exactly once in effect.
 */
@PlatformTest
class KafkaOutageEndToEndTest {

    private static final LocalKafka KAFKA = LocalKafka.temporary().start();
    private static final int MESSAGES = 20;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "outage", KAFKA::bootstrapServers);
        // Fail and decide fast, so the breaker opens within the outage the test can afford.
        registry.add("parley.publisher.acknowledgement-timeout", () -> "1s");
        registry.add("parley.publisher.breaker.minimum-calls", () -> "2");
        registry.add("parley.publisher.breaker.window-size", () -> "2");
        registry.add("parley.publisher.breaker.open-duration", () -> "1s");
    }

    @AfterAll
    static void stopKafka() {
        KAFKA.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void messagesSentWhileKafkaIsDownArriveOnceItIsBack() throws Exception {
        ParleyHttp http = new ParleyHttp("http://127.0.0.1:" + port);
        KafkaListeners.awaitAssignment(listeners);
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");

        List<JsonNode> accepted = new ArrayList<>();
        try (StompTestClient client = StompTestClient.connect("ws://127.0.0.1:" + port + "/ws", alice.accessToken())) {
            KAFKA.stop();
            for (int i = 1; i <= MESSAGES; i++) {
                client.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "m-" + i,
                        "envelope", Map.of("text", "message " + i)));
                JsonNode reply = client.nextReply(Waits.scaled(Duration.ofSeconds(15)));
                assertThat(reply.get("type").asText()).as("accepted while Kafka is down").isEqualTo("MessageAccepted");
                accepted.add(reply);
            }
            await().atMost(Waits.scaled(Duration.ofMinutes(1))).until(() -> breakerIs("open"));
            KAFKA.start();
        }

        String chatId = accepted.get(0).get("chatId").asText();
        await().atMost(Waits.scaled(Duration.ofMinutes(3))).pollInterval(Duration.ofSeconds(1)).until(
                () -> projectedSeqs(chatId).size() >= MESSAGES);

        JsonNode history = http.get("/api/chats/" + chatId + "/messages?afterSeq=0&limit=200", bob.accessToken()).body();
        assertThat(history.get("messages")).hasSize(MESSAGES);
        int later = closeTheBreakerWithNewBatches(alice, bob, chatId);
        // The later messages share the chat's partition: a late duplicate of the earlier ones would have
        // been projected before them, so this needs no guessed pause.
        assertThat(projectedSeqs(chatId)).containsExactlyElementsOf(LongStream.rangeClosed(1, MESSAGES + later).boxed().toList());
    }

    /**
     * Half-open lets three trial batches through; a quiet chat makes none, so a few more sends do,
     * each awaited until projected (one batch each). Returns how many it sent.
     */
    private int closeTheBreakerWithNewBatches(TestUser alice, TestUser bob, String chatId) throws Exception {
        int sent = 0;
        try (StompTestClient client = StompTestClient.connect("ws://127.0.0.1:" + port + "/ws", alice.accessToken())) {
            for (int i = 1; !breakerIs("closed") && i <= 20; i++) {
                client.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "after-" + i,
                        "envelope", Map.of("text", "after " + i)));
                assertThat(client.nextReply(Waits.scaled(Duration.ofSeconds(15))).get("type").asText()).isEqualTo("MessageAccepted");
                sent++;
                int projected = MESSAGES + sent;
                await().atMost(Waits.ASYNC).until(() -> projectedSeqs(chatId).size() >= projected);
            }
        }
        assertThat(breakerIs("closed")).as("the publisher's breaker closed again").isTrue();
        return sent;
    }

    private boolean breakerIs(String state) {
        Gauge gauge = meters.find("resilience4j.circuitbreaker.state").tag("name", "parley-kafka-publisher").tag("state", state).gauge();
        return gauge != null && gauge.value() == 1.0;
    }

    private List<Long> projectedSeqs(String chatId) {
        return jdbc.sql("SELECT seq FROM messages WHERE chat_id = CAST(:chat AS uuid) ORDER BY seq")
                .param("chat", chatId)
                .query(Long.class)
                .list();
    }
}
