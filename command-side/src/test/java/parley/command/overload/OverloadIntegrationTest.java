package parley.command.overload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.Ids;
import parley.command.CommandSideApplication;
import parley.command.testing.KafkaListeners;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.local.Patience;

/**
 * Issue 14, "overload is refused, not queued": with this node's live push stalled, sends are
 * refused with {@code OVERLOADED} and a retry-after once the oldest acknowledged message has waited
 * past the bound, a refused send stores nothing, and sends are taken again once delivery catches up.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OverloadIntegrationTest {

    private static final Duration WAIT = Patience.scaled(Duration.ofSeconds(20));
    /** LivePush.LISTENER_ID (package-private in push). */
    private static final String LIVE_PUSH = "parley-live-push";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "overload");
        registry.add("parley.overload.max-delivery-lag", () -> "1s");
        registry.add("parley.ratelimit.classes.send.limit", () -> "100000");
    }

    @LocalServerPort
    int port;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    DeliveryBacklog backlog;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aStalledDeliveryPathRefusesSendsWithOverloadedAndAHealthyOneTakesThem() throws Exception {
        KafkaListeners.awaitAssignment(listeners);
        ParleyHttp http = new ParleyHttp("http://127.0.0.1:" + port);
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        MessageListenerContainer livePush = listeners.getListenerContainer(LIVE_PUSH);
        AtomicInteger ids = new AtomicInteger();
        List<String> acceptedIds = new ArrayList<>();
        try (StompTestClient aliceClient = StompTestClient.connect("ws://127.0.0.1:" + port + "/ws", alice.accessToken());
                StompTestClient bobClient = StompTestClient.connect("ws://127.0.0.1:" + port + "/ws", bob.accessToken())) {
            // Healthy: sends are taken, and their pushes are measured (so tracking has started).
            await().atMost(WAIT).until(() -> {
                JsonNode reply = send(aliceClient, bob, "healthy-" + ids.incrementAndGet());
                assertThat(reply.path("type").asText()).isEqualTo("MessageAccepted");
                acceptedIds.add(reply.path("clientMessageId").asText());
                return meters.get(DeliveryBacklog.LAG).timer().count() > 0;
            });
            await().atMost(WAIT).until(() -> backlog.size() == 0);

            livePush.pause();
            await().atMost(WAIT).until(livePush::isContainerPaused);
            JsonNode first = send(aliceClient, bob, "stalled-first");
            assertThat(first.path("type").asText()).isEqualTo("MessageAccepted");
            acceptedIds.add("stalled-first");
            int tracked = backlog.size();
            send(aliceClient, bob, "stalled-first");
            assertThat(backlog.size()).as("a retry answers the first result and adds nothing to wait for").isEqualTo(tracked);

            AtomicReference<JsonNode> refused = new AtomicReference<>();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonNode reply = send(aliceClient, bob, "stalled-" + ids.incrementAndGet());
                if ("MessageAccepted".equals(reply.path("type").asText())) {
                    acceptedIds.add(reply.path("clientMessageId").asText());
                    return false;
                }
                refused.set(reply);
                return true;
            });
            JsonNode overloaded = refused.get();
            assertThat(overloaded.path("type").asText()).isEqualTo("CommandRejected");
            assertThat(overloaded.path("code").asText()).isEqualTo("OVERLOADED");
            assertThat(overloaded.path("retryAfterMs").asLong()).isBetween(1_000L, 10_000L);
            String refusedId = overloaded.path("clientMessageId").asText();
            assertThat(refusedId).startsWith("stalled-");
            assertThat(storedClientIds(alice, bob)).as("the refused send stored nothing").doesNotContain(refusedId)
                    .containsExactlyInAnyOrderElementsOf(acceptedIds);
            assertThat(meters.get(OverloadGuard.REJECTED).counter().count()).isPositive();

            livePush.resume();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonNode reply = send(aliceClient, bob, refusedId); // the same id again: a refused send is retried as is
                return "MessageAccepted".equals(reply.path("type").asText());
            });
            JsonNode pushed = bobClient.nextEvent(WAIT, event -> refusedId.equals(event.path("clientMessageId").asText()));
            assertThat(pushed).as("the retried send is delivered").isNotNull();
            await().atMost(WAIT).until(() -> backlog.oldestPending().isZero());
        } finally {
            if (livePush.isPauseRequested()) {
                livePush.resume();
            }
        }
    }

    private static JsonNode send(StompTestClient client, TestUser peer, String clientMessageId) throws InterruptedException {
        client.send("/app/private.send", Map.of("peerId", peer.userId().toString(), "clientMessageId", clientMessageId,
                "envelope", Map.of("text", clientMessageId)));
        JsonNode reply = client.nextReply(WAIT);
        assertThat(reply).as("a reply to " + clientMessageId).isNotNull();
        assertThat(reply.path("clientMessageId").asText()).isEqualTo(clientMessageId);
        return reply;
    }

    private List<String> storedClientIds(TestUser alice, TestUser bob) {
        return jdbc.sql("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'clientMessageId' FROM domainevententry"
                        + " WHERE aggregateidentifier = :id AND payloadtype LIKE '%PrivateMessageSent'")
                .param("id", Ids.privateChatId(alice.userId(), bob.userId()).toString())
                .query(String.class)
                .list();
    }
}
