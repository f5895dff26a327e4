package parley.command.presence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import parley.local.Patience;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.CommandSideApplication;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.SecondNode;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/** Presence and typing reach a user on another node, through the real Redis. */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PresenceAndTypingIntegrationTest {

    private static final Duration WAIT = Patience.scaled(Duration.ofSeconds(10));
    private static ConfigurableApplicationContext nodeB;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "presence");
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @LocalServerPort
    int nodeAPort;
    @Autowired
    Environment environment;

    @Test
    void aContactOnAnotherNodeSeesPresenceAndTyping() throws Exception {
        nodeB = SecondNode.startLike(environment);
        int nodeBPort = ((WebServerApplicationContext) nodeB).getWebServer().getPort();
        ParleyHttp http = new ParleyHttp("http://127.0.0.1:" + nodeAPort);
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");

        try (StompTestClient onA = StompTestClient.connect("ws://127.0.0.1:" + nodeAPort + "/ws", alice.accessToken())) {
            onA.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "1",
                    "envelope", Map.of("text", "hi")));
            String chatId = onA.nextReply(WAIT).get("chatId").asText();

            StompTestClient onB = StompTestClient.connect("ws://127.0.0.1:" + nodeBPort + "/ws", bob.accessToken());
            JsonNode online = onA.nextEvent(WAIT, e -> isPresenceOf(e, bob, true));
            assertThat(online).as("alice sees bob come online on the other node").isNotNull();

            onB.send("/app/chat.typing", Map.of("chatId", chatId, "typing", true));
            JsonNode typing = onA.nextEvent(WAIT, e -> "Typing".equals(e.path("type").asText()));
            assertThat(typing).isNotNull();
            assertThat(typing.get("userId").asText()).isEqualTo(bob.userId().toString());

            onA.send("/app/presence.get", Map.of("userIds", List.of(bob.userId().toString())));
            JsonNode presence = onA.nextReply(WAIT);
            assertThat(presence.get("users").get(0).get("online").asBoolean()).isTrue();

            onB.close();
            JsonNode offline = onA.nextEvent(WAIT, e -> isPresenceOf(e, bob, false));
            assertThat(offline).as("alice sees bob go offline").isNotNull();
            assertThat(offline.get("lastSeenAt").asText()).isNotBlank();
        }
    }

    private static boolean isPresenceOf(JsonNode event, TestUser user, boolean online) {
        return "PresenceChanged".equals(event.path("type").asText())
                && user.userId().toString().equals(event.path("userId").asText())
                && event.path("online").asBoolean() == online;
    }
}
