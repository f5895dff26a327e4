package parley.command.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.CommandSideApplication;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.local.LocalRedis;

/**
 * The command side on an embedded Redis that the test stops: once the outage is noticed, sends,
 * connects, presence queries and typing answer at their usual pace (Redis's client on its own waits
 * seconds per call: its default time-out is 3 s, with retries on top), and presence comes back once
 * Redis does.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisOutagePresenceIntegrationTest {

    /** Below one Redis call at the client's default time-out (3 s, before its retries); generous for a round trip. */
    private static final Duration PROMPT = Duration.ofMillis(2000);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PORT = freePort();
    private static LocalRedis redis = LocalRedis.tryStart(PORT).orElseThrow();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "presence_outage");
        registry.add("parley.redis.address", () -> "redis://127.0.0.1:" + PORT);
        // Claims refreshed every second (so an outage is noticed without any client traffic), and the
        // breaker tries Redis again 10 s after opening: past the measured part, soon enough to see recovery.
        registry.add("parley.redis.session-ttl", () -> "3s");
        registry.add("parley.redis.breaker.open-duration", () -> "10s");
        registry.add("parley.ratelimit.breaker.open-duration", () -> "5m");
    }

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void withRedisStoppedSendsPresenceAndTypingAnswerPromptlyAndPresenceRecoversAfterwards() throws Exception {
        ParleyHttp http = new ParleyHttp("http://127.0.0.1:" + port);
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        String ws = "ws://127.0.0.1:" + port + "/ws";
        try (StompTestClient aliceClient = StompTestClient.connect(ws, alice.accessToken())) {
            aliceClient.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "before",
                    "envelope", Map.of("text", "hi")));
            String chatId = aliceClient.nextReply(WAIT).get("chatId").asText();

            redis.close();
            // The first calls of an outage each wait the call time-out; then the breakers skip Redis.
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                aliceClient.send("/app/session.ping", Map.of("clientCommandId", "noticing"));
                aliceClient.nextReply(WAIT);
                return isOpen("parley-ratelimit-redis") && (isOpen("parley-presence-redis") || !exists("parley-presence-redis"));
            });

            StompTestClient bobClient = prompt("bob connects (the CONNECT updates presence)",
                    () -> StompTestClient.connect(ws, bob.accessToken()));
            for (int i = 1; i <= 10; i++) {
                String clientMessageId = "during-" + i;
                JsonNode accepted = prompt("private send " + i, () -> {
                    aliceClient.send("/app/private.send", Map.of("peerId", bob.userId().toString(),
                            "clientMessageId", clientMessageId, "envelope", Map.of("text", "still here")));
                    return aliceClient.nextReply(WAIT);
                });
                assertThat(accepted.get("type").asText()).isEqualTo("MessageAccepted");
            }
            JsonNode presence = prompt("presence.get", () -> {
                aliceClient.send("/app/presence.get", Map.of("userIds", List.of(bob.userId().toString())));
                return aliceClient.nextReply(WAIT);
            });
            assertThat(presence.get("users").get(0).get("online").asBoolean()).as("unknown while Redis is down").isFalse();
            JsonNode pong = prompt("typing, then a ping behind it", () -> {
                bobClient.send("/app/chat.typing", Map.of("chatId", chatId, "typing", true));
                bobClient.send("/app/session.ping", Map.of("clientCommandId", "after-typing"));
                return bobClient.nextReply(WAIT);
            });
            assertThat(pong.get("type").asText()).isEqualTo("Pong");

            redis = LocalRedis.tryStart(PORT).orElseThrow();

            await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                aliceClient.send("/app/presence.get", Map.of("userIds", List.of(bob.userId().toString())));
                assertThat(aliceClient.nextReply(WAIT).get("users").get(0).get("online").asBoolean())
                        .as("bob's session is claimed again once Redis is back").isTrue();
            });
            bobClient.close();
        }
    }

    private boolean isOpen(String breaker) {
        Gauge open = meters.find("resilience4j.circuitbreaker.state").tag("name", breaker).tag("state", "open").gauge();
        return open != null && open.value() == 1;
    }

    private boolean exists(String breaker) {
        return meters.find("resilience4j.circuitbreaker.state").tag("name", breaker).gauge() != null;
    }

    private static <T> T prompt(String what, Callable<T> action) throws Exception {
        long start = System.nanoTime();
        T result = action.call();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result).as(what).isNotNull();
        assertThat(took).as(what + " took " + took.toMillis() + " ms").isLessThan(PROMPT);
        return result;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
