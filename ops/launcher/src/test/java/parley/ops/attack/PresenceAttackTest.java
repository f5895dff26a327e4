package parley.ops.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;
import parley.ops.Waits;

/**
 * Who is online is told only to people who share a chat: a stranger asking for an online user's
 * presence gets exactly the answer for a user id that does not exist, and sees none of the user's
 * presence changes or typing; a contact sees them.
 */
@PlatformTest
class PresenceAttackTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "presence_attack");
    }

    @Test
    void aStrangerCannotLearnWhetherSomeoneIsOnline() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        TestUser mallory = http.registerAndLogin("mallory");
        String nobody = UUID.randomUUID().toString();
        try (StompTestClient aliceClient = StompTestClient.connect(wsUrl(), alice.accessToken());
                StompTestClient malloryClient = StompTestClient.connect(wsUrl(), mallory.accessToken())) {
            aliceClient.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "m-1",
                    "envelope", Map.of("text", "hi bob")));
            String chatId = aliceClient.nextReply(WAIT).get("chatId").asText();

            StompTestClient bobClient = StompTestClient.connect(wsUrl(), bob.accessToken());
            assertThat(aliceClient.nextEvent(WAIT, e -> isPresenceOf(e, bob))).as("the contact is told bob is online")
                    .isNotNull();

            aliceClient.send("/app/presence.get", Map.of("userIds", List.of(bob.userId().toString())));
            assertThat(aliceClient.nextReply(WAIT).get("users").get(0).get("online").asBoolean())
                    .as("a contact sees bob online").isTrue();

            malloryClient.send("/app/presence.get", Map.of("userIds", List.of(bob.userId().toString(), nobody)));
            JsonNode users = malloryClient.nextReply(WAIT).get("users");
            assertThat(users).hasSize(2);
            assertThat(users.get(0).get("userId").asText()).isEqualTo(bob.userId().toString());
            assertThat(withoutUserId(users.get(0))).as("bob, online, reads to a stranger exactly as an id that does not exist")
                    .isEqualTo(withoutUserId(users.get(1)));
            assertThat(users.get(0).get("online").asBoolean()).isFalse();
            assertThat(users.get(0).get("lastSeenAt").isNull()).isTrue();

            bobClient.send("/app/chat.typing", Map.of("chatId", chatId, "typing", true));
            assertThat(aliceClient.nextEvent(WAIT, e -> "Typing".equals(e.path("type").asText()))).isNotNull();
            bobClient.close();
            assertThat(aliceClient.nextEvent(WAIT, e -> "PresenceChanged".equals(e.path("type").asText())
                    && !e.path("online").asBoolean())).as("the contact is told bob went offline").isNotNull();

            // Whatever reached alice was delivered to its recipients together; a round trip to mallory's
            // session after it shows what mallory was sent meanwhile.
            malloryClient.send("/app/session.ping", Map.of("clientCommandId", "flush"));
            assertThat(malloryClient.nextReply(WAIT).get("type").asText()).isEqualTo("Pong");
            assertThat(malloryClient.nextEvent(Duration.ZERO, e -> bob.userId().toString().equals(e.path("userId").asText())))
                    .as("no presence change or typing of bob reaches a stranger").isNull();
        }
    }

    private static boolean isPresenceOf(JsonNode event, TestUser user) {
        return "PresenceChanged".equals(event.path("type").asText())
                && user.userId().toString().equals(event.path("userId").asText()) && event.path("online").asBoolean();
    }

    private static JsonNode withoutUserId(JsonNode entry) {
        ObjectNode copy = entry.deepCopy();
        copy.remove("userId");
        return copy;
    }
}
