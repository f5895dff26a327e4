package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/** A group of five chats through the platform's public protocol: messages, receipts, removal. */
@PlatformTest
class GroupChatEndToEndTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "groups");
    }

    final List<TestUser> users = new ArrayList<>();
    final List<StompTestClient> clients = new ArrayList<>();

    @BeforeEach
    void fiveConnectedUsers() throws Exception {
        for (String name : List.of("owner", "ann", "ben", "cid", "dot")) {
            TestUser user = http.registerAndLogin(name);
            users.add(user);
            clients.add(StompTestClient.connect(wsUrl(), user.accessToken()));
        }
    }

    @AfterEach
    void disconnect() {
        clients.forEach(StompTestClient::close);
    }

    @Test
    void fiveMembersChatReadAndOneIsRemoved() throws Exception {
        StompTestClient owner = clients.get(0);
        owner.send("/app/group.create", Map.of("clientCommandId", "g-1", "name", "Five",
                "memberIds", users.subList(1, 5).stream().map(u -> u.userId().toString()).toList()));
        JsonNode created = owner.nextReply(WAIT);
        assertThat(created.get("type").asText()).isEqualTo("GroupCreated");
        assertThat(created.get("clientCommandId").asText()).isEqualTo("g-1");
        String groupId = created.get("groupId").asText();

        owner.send("/app/group.send", Map.of("groupId", groupId, "clientMessageId", "m-1", "envelope", Map.of("text", "hi all")));
        JsonNode accepted = owner.nextReply(WAIT);
        assertThat(accepted.get("type").asText()).isEqualTo("MessageAccepted");
        assertThat(accepted.get("seq").asLong()).isEqualTo(1);
        for (StompTestClient member : clients.subList(1, 5)) {
            JsonNode received = member.nextEvent(WAIT, e -> "MessageReceived".equals(e.path("type").asText()));
            assertThat(received).as("every member receives it").isNotNull();
            assertThat(received.get("chatType").asText()).isEqualTo("GROUP");
            assertThat(received.get("envelope").get("text").asText()).isEqualTo("hi all");
        }

        for (StompTestClient reader : clients.subList(1, 3)) {
            reader.send("/app/chat.read", Map.of("chatId", groupId, "upToSeq", 1));
            assertThat(reader.nextReply(WAIT).get("type").asText()).isEqualTo("CommandAccepted");
        }
        for (TestUser reader : users.subList(1, 3)) {
            // Delivery receipts (sent by the clients on arrival) come first; wait for the read one.
            JsonNode receipt = owner.nextEvent(WAIT, e -> "ReceiptUpdated".equals(e.path("type").asText())
                    && reader.userId().toString().equals(e.path("userId").asText()) && e.path("readUpToSeq").asLong() == 1);
            assertThat(receipt).as("the sender sees " + reader.username() + "'s read receipt").isNotNull();
            assertThat(receipt.get("deliveredUpToSeq").asLong()).isEqualTo(1);
        }
        JsonNode status = await().atMost(WAIT).until(
                () -> http.get("/api/chats/" + groupId + "/messages/1/status", users.get(0).accessToken()).body(),
                body -> body != null && body.path("readBy").asInt() == 2);
        assertThat(status.get("of").asInt()).isEqualTo(5);
        JsonNode delivered = await().atMost(WAIT).until(
                () -> http.get("/api/chats/" + groupId + "/messages/1/status", users.get(0).accessToken()).body(),
                body -> body != null && body.path("deliveredTo").asInt() == 4);
        assertThat(delivered.get("deliveredToUsers")).as("clients acknowledge delivery on receipt").hasSize(4);
        assertThat(status.get("readByUsers")).hasSize(2);

        JsonNode chats = await().atMost(WAIT).until(() -> http.get("/api/chats", users.get(3).accessToken()).body(),
                body -> body != null && body.size() == 1);
        assertThat(chats.get(0).get("type").asText()).isEqualTo("GROUP");
        assertThat(chats.get(0).get("title").asText()).isEqualTo("Five");
        assertThat(chats.get(0).get("membersCount").asInt()).isEqualTo(5);
        assertThat(chats.get(0).get("unreadCount").asLong()).isEqualTo(1);

        TestUser removed = users.get(4);
        owner.send("/app/group.removeMember", Map.of("clientCommandId", "r-1", "groupId", groupId,
                "userId", removed.userId().toString()));
        assertThat(owner.nextReply(WAIT).get("type").asText()).isEqualTo("CommandAccepted");
        assertThat(clients.get(4).nextEvent(WAIT, e -> "MemberRemoved".equals(e.path("type").asText()))).isNotNull();

        owner.send("/app/group.send", Map.of("groupId", groupId, "clientMessageId", "m-2", "envelope", Map.of("text", "after")));
        assertThat(owner.nextReply(WAIT).get("seq").asLong()).isEqualTo(2);
        assertThat(clients.get(1).nextEvent(WAIT, e -> "MessageReceived".equals(e.path("type").asText()))).isNotNull();
        assertThat(clients.get(4).nextEvent(Duration.ofSeconds(2), e -> "MessageReceived".equals(e.path("type").asText())))
                .as("a removed member receives nothing new").isNull();

        clients.get(4).send("/app/group.send", Map.of("groupId", groupId, "clientMessageId", "x", "envelope", Map.of()));
        assertThat(clients.get(4).nextReply(WAIT).get("code").asText()).isEqualTo("NOT_A_MEMBER");
        await().atMost(WAIT).until(() -> http.get("/api/chats/" + groupId + "/messages", removed.accessToken()).status() == 404);
        JsonNode group = await().atMost(WAIT).until(() -> http.get("/api/groups/" + groupId, users.get(0).accessToken()).body(),
                body -> body != null && body.path("membersCount").asInt() == 4);
        assertThat(group.get("members")).hasSize(4);

        owner.send("/app/chat.edit", Map.of("chatId", groupId, "seq", 2, "envelope", Map.of("text", "after, edited")));
        assertThat(owner.nextReply(WAIT).get("type").asText()).isEqualTo("CommandAccepted");
        owner.send("/app/chat.redact", Map.of("clientCommandId", "x-1", "chatId", groupId, "seq", 1));
        assertThat(owner.nextReply(WAIT).get("type").asText()).isEqualTo("CommandAccepted");
        JsonNode redactedPush = clients.get(1).nextEvent(WAIT, e -> "MessageRedacted".equals(e.path("type").asText()));
        assertThat(redactedPush.get("seq").asLong()).isEqualTo(1);

        JsonNode history = await().atMost(WAIT).until(
                () -> http.get("/api/chats/" + groupId + "/messages?afterSeq=0", users.get(1).accessToken()).body(),
                body -> body != null && body.path("messages").path(0).path("redacted").asBoolean());
        assertThat(history.get("messages").get(0).get("envelope").isNull()).as("the envelope is gone").isTrue();
        await().atMost(WAIT).until(() -> http.get("/api/chats/" + groupId + "/messages?afterSeq=1", users.get(1).accessToken())
                .body().path("messages").path(0).path("envelope").path("text").asText().equals("after, edited"));
    }
}
