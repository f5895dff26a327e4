package parley.command.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import parley.local.Patience;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.CommandSideApplication;
import parley.command.testing.KafkaListeners;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.SecondNode;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/**
 * Two command-side nodes sharing Redis: a limit is one budget across both, whichever node a
 * client reaches, for logins over HTTP and for sends over STOMP.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GlobalRateLimitIntegrationTest {

    private static final Duration WAIT = Patience.scaled(Duration.ofSeconds(15));
    private static final String SEND_LIMIT = "--parley.ratelimit.classes.send.limit=5";
    private static final String SEND_PERIOD = "--parley.ratelimit.classes.send.period=1m";
    /** Room for the flood test's receipts (the clients acknowledge every delivery, their own echoes too). */
    private static final int COMMANDS_LIMIT = 30;
    private static ConfigurableApplicationContext nodeB;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "ratelimit");
        registry.add("parley.ratelimit.classes.send.limit", () -> 5);
        registry.add("parley.ratelimit.classes.send.period", () -> "1m");
        registry.add("parley.ratelimit.classes.commands.limit", () -> COMMANDS_LIMIT);
        registry.add("parley.ratelimit.classes.commands.period", () -> "1m");
    }

    @LocalServerPort
    int nodeAPort;
    @Autowired
    Environment environment;
    @Autowired
    KafkaListenerEndpointRegistry nodeAListeners;

    ParleyHttp nodeA;
    ParleyHttp onNodeB;

    @BeforeEach
    void startNodeB() {
        if (nodeB == null) {
            nodeB = SecondNode.startLike(environment, SEND_LIMIT, SEND_PERIOD,
                    "--parley.ratelimit.classes.commands.limit=" + COMMANDS_LIMIT, "--parley.ratelimit.classes.commands.period=1m");
        }
        nodeA = new ParleyHttp("http://127.0.0.1:" + nodeAPort);
        onNodeB = new ParleyHttp("http://127.0.0.1:" + nodeBPort());
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void fiveLoginAttemptsSplitAcrossBothNodesUseUpTheLimitOnBoth() {
        String username = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(nodeA.post("/api/auth/register", Map.of("username", username, "password", "correct horse battery",
                "displayName", "Victim"), null).status()).isEqualTo(201);

        List<ParleyHttp> alternating = List.of(nodeA, onNodeB, nodeA, onNodeB, nodeA);
        for (ParleyHttp node : alternating) {
            ParleyHttp.Response attempt = login(node, username, "wrong password");
            assertThat(attempt.status()).isEqualTo(401);
            assertThat(attempt.headers().getFirst("RateLimit-Limit")).isEqualTo("5");
        }
        for (ParleyHttp node : List.of(onNodeB, nodeA)) {
            ParleyHttp.Response locked = login(node, username, "wrong password");
            assertThat(locked.status()).isEqualTo(429);
            assertThat(locked.contentType().toString()).startsWith("application/problem+json");
            assertThat(Long.parseLong(locked.headers().getFirst("Retry-After"))).isBetween(1L, 60L);
            assertThat(locked.headers().getFirst("RateLimit-Remaining")).isEqualTo("0");
            assertThat(locked.body().get("status").asInt()).isEqualTo(429);
        }
        assertThat(login(onNodeB, username, "correct horse battery").status()).as("locked out, even with the password")
                .isEqualTo(429);
    }

    @Test
    void aSendFloodIsCutAtTheLimitAcrossBothNodesAndNothingBeyondItIsStored() throws Exception {
        KafkaListeners.awaitAssignment(nodeAListeners);
        TestUser alice = nodeA.registerAndLogin("alice");
        TestUser bob = nodeA.registerAndLogin("bob");
        try (StompTestClient aliceOnA = StompTestClient.connect(wsUrl(nodeAPort), alice.accessToken());
                StompTestClient aliceOnB = StompTestClient.connect(wsUrl(nodeBPort()), alice.accessToken());
                StompTestClient bobOnA = StompTestClient.connect(wsUrl(nodeAPort), bob.accessToken())) {
            List<JsonNode> replies = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                StompTestClient via = i % 2 == 0 ? aliceOnB : aliceOnA;
                via.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "flood-" + i,
                        "envelope", Map.of("text", "flood " + i)));
                replies.add(via.nextReply(WAIT));
            }

            List<JsonNode> accepted = replies.stream().filter(reply -> "MessageAccepted".equals(reply.path("type").asText())).toList();
            List<JsonNode> limited = replies.stream().filter(reply -> "RATE_LIMITED".equals(reply.path("code").asText())).toList();
            assertThat(accepted).hasSize(5);
            assertThat(accepted.get(4).get("seq").asLong()).isEqualTo(5);
            assertThat(limited).hasSize(3);
            assertThat(limited.get(0).get("type").asText()).isEqualTo("CommandRejected");
            assertThat(limited.get(0).get("clientMessageId").asText()).isEqualTo("flood-6");
            assertThat(limited.get(0).get("retryAfterMs").asLong()).isBetween(1L, 12_000L);

            for (int seq = 1; seq <= 5; seq++) {
                assertThat(bobOnA.nextEvent(WAIT, e -> "MessageReceived".equals(e.path("type").asText()))).isNotNull();
            }
            assertThat(bobOnA.nextEvent(Duration.ofSeconds(2), e -> "MessageReceived".equals(e.path("type").asText())))
                    .as("nothing beyond the limit was sent").isNull();

            aliceOnA.send("/app/chat.read", Map.of("clientCommandId", "read-1", "chatId", accepted.get(0).get("chatId").asText(),
                    "upToSeq", 5));
            assertThat(aliceOnA.nextReply(WAIT).get("type").asText()).as("receipts are not sends").isEqualTo("CommandAccepted");
        }
    }

    @Test
    void aFloodOfOtherCommandsIsCutByItsOwnLimitAndLeavesSendsAlone() throws Exception {
        KafkaListeners.awaitAssignment(nodeAListeners);
        TestUser carol = nodeA.registerAndLogin("carol");
        TestUser dave = nodeA.registerAndLogin("dave");
        try (StompTestClient carolOnA = StompTestClient.connect(wsUrl(nodeAPort), carol.accessToken());
                StompTestClient carolOnB = StompTestClient.connect(wsUrl(nodeBPort()), carol.accessToken())) {
            // Each connection's own ping (the test client's check that it is subscribed) counts too.
            List<JsonNode> replies = new ArrayList<>();
            for (int i = 1; i <= COMMANDS_LIMIT; i++) {
                StompTestClient via = i % 2 == 0 ? carolOnB : carolOnA;
                via.send("/app/chat.typing", Map.of("chatId", UUID.randomUUID().toString(), "typing", true));
                replies.add(via.nextReply(WAIT));
            }

            List<String> expected = new ArrayList<>(java.util.Collections.nCopies(COMMANDS_LIMIT - 2, "UNKNOWN_CHAT"));
            expected.addAll(List.of("RATE_LIMITED", "RATE_LIMITED"));
            assertThat(replies).extracting(reply -> reply.path("code").asText())
                    .as("two pings and the typing frames up to the limit fit, across both nodes; the rest is cut")
                    .containsExactlyElementsOf(expected);
            carolOnA.send("/app/private.send", Map.of("peerId", dave.userId().toString(), "clientMessageId", "still-sends",
                    "envelope", Map.of("text", "hi")));
            assertThat(carolOnA.nextReply(WAIT).get("type").asText()).as("sends have a budget of their own")
                    .isEqualTo("MessageAccepted");
        }
    }

    private static ParleyHttp.Response login(ParleyHttp node, String username, String password) {
        return node.post("/api/auth/login", Map.of("username", username, "password", password), null);
    }

    private static int nodeBPort() {
        return ((WebServerApplicationContext) nodeB).getWebServer().getPort();
    }

    private static String wsUrl(int port) {
        return "ws://127.0.0.1:" + port + "/ws";
    }
}
