package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/** Two users chat through the running platform's public protocol: REST, then STOMP, then history. */
@PlatformTest
class PrivateChatEndToEndTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "e2e");
    }

    @Test
    void aMessageTravelsFromSenderToRecipientAndIntoHistory() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        TestUser carol = http.registerAndLogin("carol");

        try (StompTestClient aliceClient = StompTestClient.connect(wsUrl(), alice.accessToken());
                StompTestClient bobClient = StompTestClient.connect(wsUrl(), bob.accessToken())) {
            JsonNode first = sendAndReceive(aliceClient, bobClient, bob, "m-1", "hi bob");
            String chatId = first.get("chatId").asText();
            long started = System.nanoTime();
            JsonNode second = sendAndReceive(aliceClient, bobClient, bob, "m-2", "are you there?");
            System.out.printf("send -> MessageReceived on a warm platform: %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(second.get("seq").asLong()).isEqualTo(2);

            JsonNode history = await().atMost(WAIT).until(
                    () -> http.get("/api/chats/" + chatId + "/messages", bob.accessToken()).body(),
                    body -> body != null && body.path("messages").size() == 2);
            assertThat(history.get("messages").get(0).get("seq").asLong()).as("newest first").isEqualTo(2);
            assertThat(history.get("messages").get(1).get("envelope").get("text").asText()).isEqualTo("hi bob");
            assertThat(history.get("messages")).as("the sender's ids, part of an envelope's signed context")
                    .extracting(m -> m.get("clientMessageId").asText()).containsExactly("m-2", "m-1");

            JsonNode oldestFirst = http.get("/api/chats/" + chatId + "/messages?afterSeq=0&limit=1", alice.accessToken()).body();
            assertThat(oldestFirst.get("messages").get(0).get("seq").asLong()).isEqualTo(1);
            assertThat(oldestFirst.get("nextCursor").asLong()).isEqualTo(1);

            JsonNode chats = await().atMost(WAIT).until(() -> http.get("/api/chats", alice.accessToken()).body(),
                    body -> body != null && body.size() == 1 && body.get(0).get("lastSeq").asLong() == 2);
            assertThat(chats.get(0).get("peerId").asText()).isEqualTo(bob.userId().toString());
            assertThat(chats.get(0).get("type").asText()).isEqualTo("PRIVATE");

            ParleyHttp.Response intruder = http.get("/api/chats/" + chatId + "/messages", carol.accessToken());
            assertThat(intruder.status()).isEqualTo(404);
            assertThat(intruder.contentType().toString()).startsWith("application/problem+json");

            // Users and chats are projected from different partitions: bob may be listed a moment after the chat.
            JsonNode privateChat = await().atMost(WAIT).until(
                    () -> http.get("/api/users/" + bob.userId() + "/private-chat", alice.accessToken()).body(),
                    body -> body != null && body.has("chatId"));
            assertThat(privateChat.get("chatId").asText()).as("the chat id before or after its first message").isEqualTo(chatId);
            JsonNode fromBob = await().atMost(WAIT).until(
                    () -> http.get("/api/users/" + alice.userId() + "/private-chat", bob.accessToken()).body(),
                    body -> body != null && body.has("chatId"));
            assertThat(fromBob.get("chatId").asText()).as("the same from both sides").isEqualTo(chatId);
            assertThat(http.get("/api/users/" + alice.userId() + "/private-chat", alice.accessToken()).status()).isEqualTo(400);
            assertThat(http.get("/api/users/" + UUID.randomUUID() + "/private-chat", alice.accessToken()).status())
                    .isEqualTo(404);

            ParleyHttp.Response anonymous = http.get("/api/chats/" + chatId + "/messages", null);
            assertThat(anonymous.status()).isEqualTo(401);
            ParleyHttp.Response forged = http.get("/api/chats", alice.accessToken() + "x");
            assertThat(forged.status()).isEqualTo(401);
        }
    }

    private JsonNode sendAndReceive(StompTestClient sender, StompTestClient recipient, TestUser to, String clientId, String text)
            throws InterruptedException {
        sender.send("/app/private.send", Map.of("peerId", to.userId().toString(), "clientMessageId", clientId,
                "envelope", Map.of("text", text)));
        JsonNode accepted = sender.nextReply(WAIT);
        assertThat(accepted.get("type").asText()).isEqualTo("MessageAccepted");
        JsonNode received = recipient.nextEvent(WAIT, e -> clientIdOf(e, accepted));
        assertThat(received).as("MessageReceived for " + clientId).isNotNull();
        assertThat(received.get("envelope").get("text").asText()).isEqualTo(text);
        assertThat(received.get("clientMessageId").asText()).isEqualTo(clientId);
        return accepted;
    }

    private static boolean clientIdOf(JsonNode event, JsonNode accepted) {
        return "MessageReceived".equals(event.path("type").asText())
                && accepted.get("messageId").asText().equals(event.path("messageId").asText());
    }
}
