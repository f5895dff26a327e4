package parley.ops.attack;

import parley.ops.Waits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;

/**
 * Insecure direct object references: Carol knows the ids of Alice and Bob's chat and of a group she
 * is not in, and tries every read and command on them. Each answer is the same as for a chat that
 * does not exist, and nothing changes.
 */
@PlatformTest
class IdorAttackTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "idor");
    }

    @Test
    void anOutsiderCannotReadOrWriteSomeoneElsesChats() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        TestUser carol = http.registerAndLogin("carol");
        try (StompTestClient aliceClient = StompTestClient.connect(wsUrl(), alice.accessToken());
                StompTestClient carolClient = StompTestClient.connect(wsUrl(), carol.accessToken())) {
            aliceClient.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "m-1",
                    "envelope", Map.of("text", "for bob only")));
            String privateChat = aliceClient.nextReply(WAIT).get("chatId").asText();
            aliceClient.send("/app/group.create", Map.of("clientCommandId", "g", "name", "Alice and Bob",
                    "memberIds", List.of(bob.userId().toString())));
            String group = aliceClient.nextReply(WAIT).get("groupId").asText();
            aliceClient.send("/app/group.send", Map.of("groupId", group, "clientMessageId", "g-1", "envelope", Map.of("text", "team")));
            assertThat(aliceClient.nextReply(WAIT).get("type").asText()).isEqualTo("MessageAccepted");
            await().atMost(WAIT).until(() -> http.get("/api/chats/" + group + "/messages", alice.accessToken()).status() == 200
                    && http.get("/api/chats/" + privateChat + "/messages", alice.accessToken()).body().path("messages").size() == 1);

            for (String chat : List.of(privateChat, group)) {
                assertReadsAreNotFound(carol, chat);
                assertCommandsAreRejected(carolClient, chat);
            }
            String nowhere = "00000000-0000-7000-8000-000000000000";
            assertReadsAreNotFound(carol, nowhere);
            assertCommandsAreRejected(carolClient, nowhere);
            assertGroupManagementIsRejected(carolClient, group, carol);
            assertIdentityComesFromTheToken(carolClient, alice, bob);

            assertThat(http.get("/api/chats/" + privateChat + "/messages", bob.accessToken()).body().get("messages"))
                    .as("Alice and Bob's chat is unchanged").hasSize(1);
            JsonNode groupView = http.get("/api/groups/" + group, alice.accessToken()).body();
            assertThat(groupView.get("membersCount").asInt()).isEqualTo(2);
            assertThat(groupView.get("name").asText()).isEqualTo("Alice and Bob");
            assertThat(http.get("/api/chats/" + group + "/messages", alice.accessToken()).body().get("messages")).hasSize(1);
        }
    }

    private void assertReadsAreNotFound(TestUser outsider, String chatId) {
        for (String path : List.of("/api/chats/" + chatId + "/messages", "/api/chats/" + chatId + "/receipts",
                "/api/chats/" + chatId + "/messages/1/status", "/api/groups/" + chatId)) {
            ParleyHttp.Response response = http.get(path, outsider.accessToken());
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).hasToString("application/problem+json");
        }
    }

    private static void assertCommandsAreRejected(StompTestClient outsider, String chatId) throws Exception {
        Map<String, Object> attempts = Map.of(
                "/app/group.send", Map.of("groupId", chatId, "clientMessageId", "x-1", "envelope", Map.of("text", "intrusion")),
                "/app/chat.read", Map.of("chatId", chatId, "upToSeq", 1),
                "/app/chat.delivered", Map.of("chatId", chatId, "upToSeq", 1),
                "/app/chat.edit", Map.of("chatId", chatId, "seq", 1, "envelope", Map.of("text", "rewritten")),
                "/app/chat.redact", Map.of("chatId", chatId, "seq", 1));
        for (Map.Entry<String, Object> attempt : attempts.entrySet()) {
            outsider.send(attempt.getKey(), attempt.getValue());
            JsonNode reply = outsider.nextReply(WAIT);
            assertThat(reply.get("type").asText()).as(attempt.getKey()).isEqualTo("CommandRejected");
            assertThat(reply.get("code").asText()).as(attempt.getKey())
                    .isIn("UNKNOWN_CHAT", "NOT_A_MEMBER", "NOT_A_PARTICIPANT", "MESSAGE_NOT_EDITABLE");
        }
        outsider.send("/app/chat.typing", Map.of("chatId", chatId, "typing", true));
        assertThat(outsider.nextReply(WAIT).get("code").asText()).isEqualTo("UNKNOWN_CHAT");
    }

    private static void assertGroupManagementIsRejected(StompTestClient outsider, String group, TestUser self) throws Exception {
        outsider.send("/app/group.addMember", Map.of("groupId", group, "userId", self.userId().toString()));
        assertThat(outsider.nextReply(WAIT).get("code").asText()).as("adding oneself").isEqualTo("NOT_A_MEMBER");
        outsider.send("/app/group.rename", Map.of("groupId", group, "name", "Carol's now"));
        assertThat(outsider.nextReply(WAIT).get("code").asText()).as("renaming").isEqualTo("NOT_A_MEMBER");
    }

    /** A body cannot name its sender: the field is refused, and the session's user is the sender. */
    private static void assertIdentityComesFromTheToken(StompTestClient outsider, TestUser alice, TestUser bob) throws Exception {
        outsider.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "senderId", alice.userId().toString(),
                "clientMessageId", "spoof", "envelope", Map.of("text", "from alice, honest")));
        JsonNode reply = outsider.nextReply(WAIT);
        assertThat(reply.get("code").asText()).isEqualTo("INVALID_COMMAND");
        assertThat(reply.get("detail").asText()).contains("senderId");
    }
}
