package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
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
 * Kafka goes away for a while: sends are still accepted and stored, and once Kafka is back every
 * message reaches the read tables exactly once in effect.
 */
@PlatformTest
class KafkaOutageEndToEndTest {

    private static final LocalKafka KAFKA = LocalKafka.temporary().start();
    private static final int MESSAGES = 20;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "outage", KAFKA::bootstrapServers);
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
                JsonNode reply = client.nextReply(Duration.ofSeconds(15));
                assertThat(reply.get("type").asText()).as("accepted while Kafka is down").isEqualTo("MessageAccepted");
                accepted.add(reply);
            }
            Thread.sleep(3000); // let the publisher fail and back off against the missing broker
            KAFKA.start();
        }

        String chatId = accepted.get(0).get("chatId").asText();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(
                () -> projectedSeqs(chatId).size() >= MESSAGES);
        Thread.sleep(2000); // a late duplicate would show up now
        assertThat(projectedSeqs(chatId)).containsExactlyElementsOf(LongStream.rangeClosed(1, MESSAGES).boxed().toList());

        JsonNode history = http.get("/api/chats/" + chatId + "/messages?afterSeq=0&limit=200", bob.accessToken()).body();
        assertThat(history.get("messages")).hasSize(MESSAGES);
    }

    private List<Long> projectedSeqs(String chatId) {
        return jdbc.sql("SELECT seq FROM messages WHERE chat_id = CAST(:chat AS uuid) ORDER BY seq")
                .param("chat", chatId)
                .query(Long.class)
                .list();
    }
}
